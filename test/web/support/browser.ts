import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { TEST_NOW } from '../../support/test-clock';

/** Debian's Chromium (`apt-get install chromium`); no browser is ever downloaded. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export const launchBrowser = (): Promise<Browser> =>
  chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });

export const DESKTOP = { name: 'desktop', width: 1440, height: 900 } as const;
export const PHONE = { name: 'phone', width: 390, height: 844 } as const;
export type Viewport = typeof DESKTOP | typeof PHONE;

export const ARTIFACTS = join(process.cwd(), 'test-artifacts', 'web');

/** A page at one viewport whose browser clock stands at the suite's pinned day, and which fails on any console error. */
export interface WebPage {
  page: Page;
  context: BrowserContext;
  viewport: Viewport;
  /** Console errors and uncaught exceptions seen so far; a test ends by expecting none. */
  errors: string[];
  close(): Promise<void>;
}

export async function openPage(browser: Browser, baseURL: string, viewport: Viewport): Promise<WebPage> {
  const context = await browser.newContext({
    baseURL,
    viewport: { width: viewport.width, height: viewport.height },
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    isMobile: viewport === PHONE,
    hasTouch: viewport === PHONE,
    acceptDownloads: true,
  });
  // Waits are for the page to show something, not time limits: a CI machine under load may take longer than
  // Playwright's 30 s default to serve and render a page.
  context.setDefaultTimeout(90_000);
  await context.clock.install({ time: TEST_NOW });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return { page, context, viewport, errors, close: () => context.close() };
}

export async function logIn(page: Page, username: string, password: string) {
  await page.goto('/');
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByRole('button', { name: 'Đăng xuất' }).waitFor();
}

/** Follows a navigation link: on a phone the navigation sits in a drawer opened by the menu button. */
export async function navigate(web: WebPage, label: string) {
  if (web.viewport === PHONE) await web.page.getByRole('button', { name: 'Mở menu' }).click();
  await web.page.getByRole('navigation', { name: 'Chức năng' }).getByRole('link', { name: label, exact: true }).click();
}

/** The page is no wider than the viewport: nothing to scroll sideways. */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
}

/** axe-core's serious and critical violations on the page as it stands, one line each. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target).join(', ')})`,
    );
}

export async function screenshot(web: WebPage, name: string) {
  mkdirSync(ARTIFACTS, { recursive: true });
  await web.page.screenshot({ path: join(ARTIFACTS, `${name}-${web.viewport.name}.png`), fullPage: true });
}

/** The checks every main page passes: no sideways scrolling on a phone, no serious accessibility fault, a screenshot. */
export async function checkPage(web: WebPage, name: string) {
  await screenshot(web, name);
  if (web.viewport === PHONE) expect(await horizontalOverflow(web.page)).toBeLessThanOrEqual(0);
  expect(await seriousViolations(web.page)).toEqual([]);
}
