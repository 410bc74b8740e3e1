import type { Locator } from 'playwright-core';

/**
 * Types a date as people write it ("20/11/2026") into a date field and leaves it (Tab: Enter would also submit the
 * form), waiting for its calendar to close.
 */
export async function fillDate(field: Locator, typed: string) {
  await field.fill(typed);
  await field.press('Tab');
  await field.page().locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden)').waitFor({ state: 'detached' });
}

/**
 * Chooses the option whose text matches `text` in the antd select `field` (its combobox, found by its label), typing
 * `search` first into a select that searches, and waits until the select shows the choice. The list opens with an
 * animation and may still move (on a phone it flips above the field) when the option is clicked, and a click that
 * lands while it moves is lost: then the select still shows its placeholder, and the list is opened and the option
 * clicked again. antd 6 shows a single choice as the text of `.ant-select-content-has-value` and each choice of a
 * multiple select as a `.ant-select-selection-item`; the options clicked are the list's own items, not the copy it
 * keeps for screen readers. A single select closes its list once chosen: that list is waited out of sight, as while it
 * fades it still holds that copy, a listbox without a name that a page check would report.
 */
export async function chooseOption(field: Locator, text: string | RegExp, search?: string) {
  const page = field.page();
  const list = page.locator(`[id="${await field.getAttribute('id')}_list"]`);
  const dropdown = page.locator('.ant-select-dropdown').filter({ has: list });
  const option = page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')
    .filter({ has: list })
    .locator('.ant-select-item-option', { hasText: text })
    .first();
  const chosen = field
    .locator('xpath=ancestor::*[contains(concat(" ", @class, " "), " ant-select ")][1]')
    .locator('.ant-select-content-has-value, .ant-select-selection-item')
    .filter({ hasText: text });
  for (let attempt = 1; ; attempt++) {
    if ((await field.getAttribute('aria-expanded')) !== 'true') await field.click();
    if (search !== undefined) await field.fill(search);
    await option.waitFor({ state: 'visible' });
    await option.click();
    try {
      await chosen.first().waitFor({ timeout: 5_000 });
      if ((await field.getAttribute('aria-expanded')) !== 'true') await dropdown.waitFor({ state: 'hidden' });
      return;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}
