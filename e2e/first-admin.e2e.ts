import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDatabase } from '../server/db/client';
import { createStaffAccount } from '../server/modules/accounts';
import { PHONE, expectAccessible, launchBrowser, openPage, screenshot } from './support/browser';
import { byTest, poll, queryDatabase } from './support/journey';

const LAPTOP = { width: 1280, height: 800 };

/** Creates the account exactly as `npm run admin -- create` does; returns its one-time password. */
async function createAdminLikeTheCli(phone: string, name: string): Promise<string> {
  const database = openDatabase(inject('databaseUrl'), 1);
  try {
    const created = await createStaffAccount(database.db, { phone, name, placeCode: 'TA' }, 'cli:e2e@journey');
    return created.password;
  } finally {
    await database.close();
  }
}

async function logInWithPassword(page: Page, phone: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByRole('tab', { name: '密码登录' }).click();
  await page.locator('[data-test="login-password-phone"]').fill(phone);
  await page.locator('[data-test="login-password"]').fill(password);
  await page.locator('[data-test="login-password-submit"]').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

async function changePassword(page: Page, current: string, next: string, repeat = next): Promise<void> {
  await page.locator('[data-test="password-current"]').fill(current);
  await page.locator('[data-test="password-new"]').fill(next);
  await page.locator('[data-test="password-repeat"]').fill(repeat);
  await page.locator('[data-test="password-submit"]').click();
}

describe('the first administrator of a real city', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser.close());

  it('logs in with the one-time password, cannot skip the change, changes it and logs in with the new one', async () => {
    const phone = '13712340001';
    const oneTime = await createAdminLikeTheCli(phone, '沈主任');
    const page = await openPage(browser, PHONE);

    await logInWithPassword(page, phone, oneTime);
    await page.waitForURL(/\/account\/password$/);
    await poll(() => byTest(page, 'password-forced').textContent()).toContain('一次性密码');
    await expectAccessible(page);
    await screenshot(page, 'first-admin-forced-phone');

    // No way around it: other pages lead back here, the tab bar is gone, the API refuses.
    for (const path of ['/', '/matters', '/places']) {
      await page.goto(path);
      await page.waitForURL(/\/account\/password$/);
    }
    expect(await page.locator('.van-tabbar').count()).toBe(0);
    const refused = await page.evaluate(async () => (await fetch('/api/places/roots')).status);
    expect(refused).toBe(403);

    // The server's policy, in Chinese, on the field at fault; the typo check stays in the page.
    await changePassword(page, oneTime, 'short-1');
    await poll(() => page.locator('.van-field__error-message').first().textContent()).toContain('新密码至少需要 10');
    await changePassword(page, oneTime, '2026120512345');
    await poll(() => page.locator('.van-field__error-message').first().textContent()).toContain('不能全是数字');
    await changePassword(page, oneTime, 'qiao-tou-2026', 'qiao-tou-2027');
    await poll(() => page.locator('.van-field__error-message').first().textContent()).toContain('不一致');
    await screenshot(page, 'first-admin-policy-phone');

    await changePassword(page, oneTime, 'qiao-tou-2026');
    await page.waitForURL((url) => url.pathname === '/');
    await poll(() => byTest(page, 'greeting').textContent()).toContain('沈主任');
    const [account] = await queryDatabase<{ must_change_password: boolean }>(
      'select must_change_password from accounts where phone = $1',
      [phone],
    );
    expect(account!.must_change_password).toBe(false);

    await byTest(page, 'logout').click();
    await page.waitForURL(/\/login/);
    await page.getByRole('tab', { name: '密码登录' }).click();
    await page.locator('[data-test="login-password-phone"]').fill(phone);
    await page.locator('[data-test="login-password"]').fill(oneTime);
    await page.locator('[data-test="login-password-submit"]').click();
    await poll(() => page.locator('.van-field__error-message').first().textContent()).toContain('手机号或密码错误');

    await logInWithPassword(page, phone, 'qiao-tou-2026');
    await page.waitForURL((url) => url.pathname === '/');
    await poll(() => byTest(page, 'greeting').textContent()).toContain('沈主任');
    await page.context().close();
  });

  it('any staff account reaches 修改密码 from the header on a laptop', async () => {
    const phone = '13712340002';
    const oneTime = await createAdminLikeTheCli(phone, '陆科长');
    const page = await openPage(browser, LAPTOP);
    await logInWithPassword(page, phone, oneTime);
    await page.waitForURL(/\/account\/password$/);
    expect(await byTest(page, 'nav-password').count()).toBe(0);
    await screenshot(page, 'first-admin-forced-laptop');
    await changePassword(page, oneTime, 'lu-ke-zhang-01');
    await page.waitForURL((url) => url.pathname === '/');

    await byTest(page, 'nav-password').click();
    await page.waitForURL(/\/account\/password$/);
    expect(await page.locator('[data-test="password-forced"]').count()).toBe(0);
    await changePassword(page, 'wrong-password-1', 'lu-ke-zhang-02');
    await poll(() => page.locator('.van-field__error-message').first().textContent()).toContain('当前密码不正确');
    // Vant's toast (密码已修改) is a dialog without a name while it shows: measure the page after it.
    await page.locator('.van-toast').waitFor({ state: 'hidden' });
    await expectAccessible(page);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'account-password-laptop');
    await changePassword(page, 'lu-ke-zhang-01', 'lu-ke-zhang-02');
    await page.waitForURL((url) => url.pathname === '/');
    const events = await queryDatabase<{ kind: string }>(
      'select e.kind from account_events e join accounts a on a.id = e.account_id where a.phone = $1 order by e.id',
      [phone],
    );
    expect(events.map((e) => e.kind)).toEqual(['created', 'granted', 'password_changed', 'password_changed']);
    await page.context().close();
  });
});
