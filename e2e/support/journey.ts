import pg from 'pg';
import type { Page } from 'playwright-core';
import { expect, inject } from 'vitest';

/**
 * Logs in on the code tab, reading the code that demo mode shows on the page. A phone may ask once a
 * minute: when an earlier journey asked for the same one, the page says how long to wait, and this
 * waits as a person would.
 */
export async function loginByCode(page: Page, phone: string): Promise<void> {
  await page.goto('/login');
  await page.locator('[data-test="login-phone"]').fill(phone);
  const hint = page.locator('[data-test="dev-code"]');
  const wait = page.locator('.van-field__error-message', { hasText: '秒后再试' });
  for (let attempt = 0; ; attempt++) {
    await page.locator('[data-test="get-code"]').click();
    await expect.poll(async () => (await hint.count()) + (await wait.count()), { timeout: 15_000 }).toBeGreaterThan(0);
    if ((await hint.count()) > 0 || attempt > 0) break;
    const seconds = Number((await wait.textContent())?.match(/(\d+) 秒/)?.[1] ?? 60);
    await page.waitForTimeout((seconds + 1) * 1000);
  }
  await expect.poll(() => hint.textContent()).toMatch(/\d{6}/);
  const code = (await hint.textContent())!.match(/\d{6}/)![0];
  await page.locator('[data-test="login-code"]').fill(code);
  await page.locator('[data-test="login-submit"]').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/** Logs in on the password tab (staff). */
export async function loginByPassword(page: Page, phone: string, password = 'demo1234'): Promise<void> {
  await page.goto('/login');
  await page.getByRole('tab', { name: '密码登录' }).click();
  await page.locator('[data-test="login-password-phone"]').fill(phone);
  await page.locator('[data-test="login-password"]').fill(password);
  await page.locator('[data-test="login-password-submit"]').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/** Reads the journey's database directly, to check what was (not) written. */
export async function queryDatabase<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: inject('databaseUrl') });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** The visible elements carrying `data-test="<name>"`. */
export const byTest = (page: Page, name: string) => page.locator(`[data-test="${name}"]:visible`);

/** Polls longer than vitest's 1 s default: the machine is shared and a live update takes a round trip. */
export const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 15_000 });

/** A valid 1×1 PNG photo, as a phone would upload one (`setInputFiles` payload). */
export const photoFile = (name = 'photo.png') => ({
  name,
  mimeType: 'image/png',
  buffer: Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
    'base64',
  ),
});
