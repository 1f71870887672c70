import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, expectAccessible, launchBrowser, openPage, screenshot } from './support/browser';
import { loginByCode } from './support/journey';

describe('a resident logs in by phone code and sees their building', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser.close());

  it('shows 5幢 2单元 as home after a code login on a phone', async () => {
    const page = await openPage(browser, PHONE);
    await page.goto('/login');
    await expect.poll(() => page.locator('[data-test="demo-hint"]').isVisible()).toBe(true);
    await expectAccessible(page);
    await screenshot(page, 'login-phone');

    await loginByCode(page, '13900000008');
    const address = page.locator('[data-test="home-address"]');
    await expect.poll(() => address.textContent()).toContain('5幢');
    expect(await address.textContent()).toContain('2单元');
    expect(await page.locator('[data-test="household-member"]').count()).toBeGreaterThanOrEqual(3);
    await expectAccessible(page);
    await screenshot(page, 'home-resident-phone');

    // The resident browses from their own unit up the tree, but sees no roster tabs.
    await page.locator('[data-test="tab-places"]').click();
    const breadcrumb = page.locator('[data-test="place-breadcrumb"]');
    await expect.poll(() => breadcrumb.textContent()).toContain('5幢');
    await breadcrumb.getByText('5幢').click();
    await expect.poll(() => page.locator('[data-test="place-item"]').count()).toBe(2);
    expect(await page.getByRole('tab', { name: '居民' }).count()).toBe(0);
    await screenshot(page, 'places-resident-phone');
  });

  it('renders the same home legibly on a desktop screen', async () => {
    const page = await openPage(browser, DESKTOP);
    await loginByCode(page, '13900000007');
    await expect.poll(() => page.locator('[data-test="home-address"]').textContent()).toContain('河滨小区');
    await expectAccessible(page);
    await screenshot(page, 'home-member-desktop');
  });
});
