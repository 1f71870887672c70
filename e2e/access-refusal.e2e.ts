import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PHONE, expectAccessible, launchBrowser, openPage, screenshot } from './support/browser';
import { loginByPassword, queryDatabase } from './support/journey';

describe('a resident cannot open another community’s roster', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser.close());

  it('is refused with a clear message and a way back', async () => {
    const [other] = await queryDatabase<{ id: number }>(
      "select id from places where kind = 'community' and code like 'TA-02-%' order by code limit 1",
    );
    const page = await openPage(browser, PHONE);
    await loginByPassword(page, '13900000008');
    await page.goto(`/places/${other!.id}/residents`);
    const message = page.locator('[data-test="error-message"]');
    await expect.poll(() => message.textContent()).toContain('您无权查看该区划的名册');
    expect(await page.locator('[data-test="resident-item"]').count()).toBe(0);
    expect(await page.locator('[data-test="error-back"]').isVisible()).toBe(true);
    await expectAccessible(page);
    await screenshot(page, 'refused-roster-phone');

    // Deep links reach the app; a missing asset is a 404, not the app's page.
    expect((await page.request.get('/assets/no-such-file.js')).status()).toBe(404);
    expect((await page.request.get(`/places/${other!.id}`)).headers()['content-type']).toContain('text/html');
  });
});
