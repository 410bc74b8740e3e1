import type { Locator, Page } from 'playwright-core';

/** Clicks `button` and answers the file the browser downloaded: its name and its bytes. */
export async function downloadBy(page: Page, button: Locator): Promise<{ name: string; body: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return { name: download.suggestedFilename(), body: Buffer.concat(chunks) };
}
