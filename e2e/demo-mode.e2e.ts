import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startAppProcess, type AppProcess } from '../server/test/app-process';
import { DESKTOP, PHONE, expectAccessible, launchBrowser, openPage, screenshot } from './support/browser';
import { byTest, loginByCode, loginByPassword, poll } from './support/journey';

describe('demo mode, and the same city served for real', () => {
  let browser: Browser;
  let live: AppProcess | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    live?.child.kill('SIGTERM');
    await browser.close();
  });

  it('tells everyone on every page that this is a demo', async () => {
    const page = await openPage(browser, PHONE);
    await page.goto('/login');
    await poll(() => byTest(page, 'demo-banner').textContent()).toContain('演示环境');
    expect(await byTest(page, 'demo-hint').textContent()).toContain('13900000008');
    await expectAccessible(page);
    await screenshot(page, 'demo-login-phone');
    await loginByCode(page, '13900000008');
    await poll(() => byTest(page, 'demo-banner').textContent()).toContain('数据均为虚构');
    await screenshot(page, 'demo-home-phone');
    await page.goto('/showcase');
    await poll(() => byTest(page, 'demo-banner').isVisible()).toBe(true);

    const desk = await openPage(browser, DESKTOP);
    await desk.goto('/login');
    await poll(() => byTest(desk, 'get-code').isVisible()).toBe(true);
    expect(await byTest(desk, 'demo-banner').isVisible()).toBe(true);
    await screenshot(desk, 'demo-login-desktop');
    await loginByPassword(desk, '13900000004');
    await poll(() => desk.locator('h1').textContent()).toBe('首页');
    expect(await byTest(desk, 'demo-banner').isVisible()).toBe(true);
    await screenshot(desk, 'demo-home-desktop');
  });

  it('keeps the demo accounts out and shows no banner when the server is not a demo', async () => {
    // The journeys' database served by a second process started as an operator would (NODE_ENV=production,
    // DATABASE_URL, no YISHI_DEMO): demo mode is off, and the demo city's accounts with it.
    live = await startAppProcess({ databaseUrl: inject('databaseUrl'), env: { YISHI_SECURE_COOKIES: 'false' } });
    const page = await openPage(browser, PHONE, live.baseUrl);
    await page.goto('/login');
    await poll(() => page.locator('[data-test="get-code"]').isVisible()).toBe(true);
    expect(await page.locator('[data-test="demo-banner"]').count()).toBe(0);
    expect(await page.locator('[data-test="demo-hint"]').count()).toBe(0);

    // A code request looks the same for every number, and shows no code.
    await page.locator('[data-test="login-phone"]').fill('13700009999');
    await page.locator('[data-test="get-code"]').click();
    await poll(() => byTest(page, 'code-sent').textContent()).toContain('如该手机号已登记');
    expect(await page.locator('[data-test="dev-code"]').count()).toBe(0);
    await screenshot(page, 'live-code-sent-phone');

    await page.getByRole('tab', { name: '密码登录' }).click();
    await page.locator('[data-test="login-password-phone"]').fill('13900000001');
    await page.locator('[data-test="login-password"]').fill('demo1234');
    await page.locator('[data-test="login-password-submit"]').click();
    await poll(() => byTest(page, 'login-error').textContent()).toContain('演示账号只能在演示环境中登录');
    expect(new URL(page.url()).pathname).toBe('/login');
    await screenshot(page, 'live-demo-refused-phone');
  });
});
