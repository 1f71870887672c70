import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, expectAccessible, launchBrowser, openPage, screenshot } from './support/browser';
import { loginByPassword, queryDatabase } from './support/journey';

const HEADER = '居民编号,姓名,性别,出生日期,手机号,户编码,居住房屋编码,所属区划编码,身份,产权房屋编码';
const goodRow = 'R-E2E-0001,钱晓梅,女,1988-04-12,13812340001,,,TA-01-01-01-05-2,租户,';
const badRow = 'R-E2E-0002,钱晓东,男,1990-13-40,13812340002,,,TA-01-01-01-05-2,租户,';
const fixedRow = 'R-E2E-0002,钱晓东,男,1990-12-30,13812340002,,,TA-01-01-01-05-2,租户,';

function csv(...rows: string[]) {
  return {
    name: '居民名册.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(`${[HEADER, ...rows].join('\n')}\n`, 'utf8'),
  };
}

async function validate(page: Page, file: ReturnType<typeof csv>) {
  await page.locator('[data-test="import-kind-residents"]').check();
  await page.locator('[data-test="import-file"]').setInputFiles(file);
  await page.locator('[data-test="import-validate"]').click();
  await expect.poll(() => page.locator('[data-test="import-report"]').isVisible()).toBe(true);
}

describe('a convenor imports a roster', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser.close());

  it('sees the bad row, writes nothing, fixes it, imports and finds the new residents', async () => {
    const page = await openPage(browser, DESKTOP);
    await loginByPassword(page, '13900000004');
    await page.locator('[data-test="grant-card"]', { hasText: '河滨社区' }).click();
    await page.locator('[data-test="action-import"]').click();
    await page.waitForURL(/\/roster\/import$/);

    await validate(page, csv(goodRow, badRow));
    const problem = page.locator('[data-test="report-row"]');
    expect(await problem.count()).toBe(1);
    expect(await problem.locator('[data-test="report-row-number"]').textContent()).toContain('3');
    expect(await problem.locator('[data-test="report-column"]').textContent()).toContain('出生日期');
    expect(await page.locator('[data-test="import-commit"]').isDisabled()).toBe(true);
    await expectAccessible(page);
    await screenshot(page, 'roster-import-report-desktop');
    const written = await queryDatabase("select code from residents where code like 'R-E2E-%'");
    expect(written).toEqual([]);

    await validate(page, csv(goodRow, fixedRow));
    expect(await page.locator('[data-test="report-row"]').count()).toBe(0);
    await page.locator('[data-test="import-commit"]').click();
    await expect.poll(() => page.locator('[data-test="summary-inserted"]').textContent()).toBe('2');
    await screenshot(page, 'roster-import-done-desktop');

    const placeUrl = page.url().replace(/\/roster\/import$/, '');
    await page.goto(placeUrl);
    await page.getByRole('tab', { name: '居民' }).click();
    await page.locator('[data-test="resident-search"]').fill('钱晓');
    await page.locator('[data-test="resident-search"]').press('Enter');
    const found = page.locator('[data-test="resident-item"]');
    await expect.poll(() => found.count()).toBe(2);
    expect(await found.first().textContent()).toMatch(/钱晓/);
    await expectAccessible(page);
    await screenshot(page, 'residents-found-desktop');
  });
});
