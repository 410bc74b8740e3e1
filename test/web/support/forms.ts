import type { Locator, Page } from 'playwright-core';

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
 * Picks the option of the open select list whose text matches `text`: antd keeps an accessible copy of the list for
 * screen readers and shows its own items, which are the ones to click; closed lists stay in the page, hidden.
 */
export async function chooseOption(page: Page, text: string | RegExp) {
  await page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: text })
    .first()
    .click();
}
