import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, expectAccessible, launchBrowser, openPage, screenshot } from './support/browser';
import { loginByPassword } from './support/journey';

describe('the language switch', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser.close());

  it('turns the interface and the server’s messages into English, and back', async () => {
    const page = await openPage(browser, PHONE);
    await loginByPassword(page, '13900000004');
    const heading = page.locator('h1');
    await expect.poll(() => heading.textContent()).toBe('首页');
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');

    await page.locator('[data-test="locale-en"]:visible').click();
    await expect.poll(() => heading.textContent()).toBe('Home');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.locator('[data-test="locale-en"]:visible').getAttribute('aria-pressed')).toBe('true');
    expect(await page.locator('[data-test="logout"]').textContent()).toContain('Log out');
    expect(await page.textContent('body')).toContain('My places');
    expect(await page.title()).toContain('Home');
    await expectAccessible(page);
    await screenshot(page, 'home-english-phone');

    // The choice survives reloading the home page and a deep link, and logging out.
    await page.reload();
    await expect.poll(() => heading.textContent()).toBe('Home');
    await page.locator('[data-test="grant-card"]', { hasText: '河滨社区' }).click();
    await page.waitForURL(/\/places\/\d+$/);
    await page.reload();
    await expect.poll(() => page.locator('[data-test="action-pool"]').textContent()).toContain('Member pool');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.locator('[data-test="tab-home"]').click();
    await expect.poll(() => heading.textContent()).toBe('Home');
    await page.locator('[data-test="logout"]').click();
    await page.waitForURL(/\/login/);
    expect(await page.getAttribute('html', 'lang')).toBe('en');

    // A refusal written by the server arrives in English too.
    await page.getByRole('tab', { name: 'Password' }).click();
    await page.locator('[data-test="login-password-phone"]').fill('13900000004');
    await page.locator('[data-test="login-password"]').fill('not-the-password');
    await page.locator('[data-test="login-password-submit"]').click();
    // The server names the password field, so the message sits under it.
    const error = page
      .locator('.van-field', { has: page.locator('[data-test="login-password"]') })
      .locator('.van-field__error-message');
    await expect.poll(() => error.textContent()).toBe('Wrong phone number or password');
    expect(page.url()).toMatch(/\/login/);
    await expectAccessible(page);
    await screenshot(page, 'login-error-english-phone');

    // Back to Chinese: the same refusal in Chinese.
    await page.locator('[data-test="locale-zh-CN"]:visible').click();
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe('zh-CN');
    await page.locator('[data-test="login-password-submit"]').click();
    await expect.poll(() => error.textContent()).toBe('手机号或密码错误');
  });

  it('switches from the desktop header', async () => {
    const page = await openPage(browser, DESKTOP);
    await loginByPassword(page, '13900000004');
    await page.locator('[data-test="locale-en"]:visible').click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Home');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.locator('[data-test="grant-card"]', { hasText: '河滨社区' }).click();
    await page.locator('[data-test="action-councils"]').click();
    await expect.poll(() => page.locator('h1').textContent()).toContain('Councils');
    expect(await page.locator('[data-test="council-create"]').textContent()).not.toMatch(/[\u4e00-\u9fff]/);
    await expectAccessible(page);
    await screenshot(page, 'councils-english-desktop');
  });

  it('renders the key pages in English without Chinese in their own words', async () => {
    const page = await openPage(browser, DESKTOP);
    await loginByPassword(page, '13900000007');
    await page.locator('[data-test="locale-en"]:visible').click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Home');
    // The interface's own words: headings, buttons, labels, menus and tabs. Data people typed (titles,
    // place names, notes) stays as written.
    const ownWords = 'h1, button, label, nav a, .van-tab';
    // Not the inbox: its items are buttons that carry the matters' own titles.
    for (const path of ['/', '/community', '/account/settings', '/account/channels', '/matters/new']) {
      await page.goto(path);
      await page.locator('h1').first().waitFor();
      await page.waitForLoadState('networkidle');
      const words = await page.locator(ownWords).evaluateAll((nodes) =>
        nodes
          .map((n) => {
            // A label's own words, not the choices (place names) of the list inside it.
            const own = n.cloneNode(true) as Element;
            own.querySelectorAll('select').forEach((choices) => choices.remove());
            return (own.textContent ?? '').trim();
          })
          .filter((text) => /[\u4e00-\u9fff]/.test(text)),
      );
      // The language switch names Chinese in Chinese (中文), as every language switch does.
      expect(
        words.filter((w) => w !== '中文'),
        path,
      ).toEqual([]);
    }
    await screenshot(page, 'english-new-matter-desktop');
  });
});
