import type { Page } from 'playwright-core';
import { poll } from './journey';

/**
 * On 公开文本确认, confirms every text of `kind` as the redactor proposes it (what a convenor does
 * before publishing minutes or resolving a public matter), then returns to the page it came from.
 */
export async function confirmPublicTextsInBrowser(
  page: Page,
  matterId: number,
  kind: string,
  /** Text the original must contain (a save just made): the screen is reloaded until it does. */
  contains = '',
): Promise<void> {
  const back = page.url();
  await page.goto(`/matters/${matterId}/publication`);
  const items = page.locator(`[data-test^="public-text-${kind}-"]:visible`);
  await poll(async () => {
    await items
      .first()
      .waitFor({ timeout: 5_000 })
      .catch(() => undefined);
    const originals = await items.locator('[data-test="public-text-original"]').allTextContents();
    if (originals.some((text) => text.includes(contains))) return true;
    await page.reload();
    return false;
  }).toBe(true);
  for (let i = 0; i < (await items.count()); i += 1) {
    const item = items.nth(i);
    if ((await item.locator('[data-test="public-text-state"]').textContent())?.includes('已确认')) continue;
    await item.locator('[data-test="public-text-confirm"]').click();
    await poll(() => item.locator('[data-test="public-text-state"]').textContent()).toContain('已确认');
  }
  await page.goto(back);
}
