import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, expectAccessible, launchBrowser, openPage, screenshot } from './support/browser';
import { loginByPassword, poll, queryDatabase } from './support/journey';

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
  // The first file of a while also starts the import's worker thread: seconds on a busy machine,
  // more than `poll`'s 15 s when the machine is loaded (seen at load average 11 on 2 cores).
  await expect.poll(() => page.locator('[data-test="import-report"]').isVisible(), { timeout: 60_000 }).toBe(true);
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
    // The hint gives the server's own cap (YISHI_ROSTER_MAX_UPLOAD_MB, 100 by default).
    await poll(() => page.locator('[data-test="import-file-hint"]').textContent()).toBe(
      '支持 .xlsx 或 .csv，最大 100 MB',
    );
    await screenshot(page, 'roster-import-start-desktop');

    await validate(page, csv(goodRow, badRow));
    const problem = page.locator('[data-test="report-row"]');
    expect(await problem.count()).toBe(1);
    expect(await problem.locator('[data-test="report-row-number"]').textContent()).toContain('3');
    expect(await problem.locator('[data-test="report-column"]').textContent()).toContain('出生日期');
    // 1990-13-40 is written the right way: the day, not the format, is wrong.
    expect(await problem.locator('[data-test="report-message"]').textContent()).toContain('日期不存在');
    expect(await page.locator('[data-test="import-commit"]').isDisabled()).toBe(true);
    await expectAccessible(page);
    await screenshot(page, 'roster-import-report-desktop');
    const written = await queryDatabase("select code from residents where code like 'R-E2E-%'");
    expect(written).toEqual([]);

    await validate(page, csv(goodRow, fixedRow));
    expect(await page.locator('[data-test="report-row"]').count()).toBe(0);
    // The commit names the preview the server kept: the file is not sent a second time.
    const sent: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith('/api/roster/imports')) {
        sent.push(request.postDataBuffer()?.toString('utf8') ?? '');
      }
    });
    await page.locator('[data-test="import-commit"]').click();
    await poll(() => page.locator('[data-test="summary-inserted"]').textContent()).toBe('2');
    expect(sent).toHaveLength(1);
    expect(sent[0]).toContain('name="previewId"');
    expect(sent[0]).not.toContain('居民编号');
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

  for (const [viewport, label] of [
    [DESKTOP, 'desktop'],
    [PHONE, 'phone'],
  ] as const) {
    it(`sees an owner without property and a tenant with property as warnings, acknowledges them and imports (${label})`, async () => {
      const [home, rented] = await queryDatabase<{ code: string }>(
        `select d.code from dwellings d join places p on p.id = d.place_id
         where p.code = 'TA-01-01-01-05-2' order by d.code limit 2`,
      );
      const tag = label === 'desktop' ? 'D' : 'P';
      // The place is left blank: it comes from the dwelling (居住房屋编码).
      const owner = `R-E2E-W${tag}1,孙丽华,女,1975-08-09,,,${home!.code},,业主,`;
      const tenant = `R-E2E-W${tag}2,孙小军,男,1999-01-20,,,${rented!.code},,租户,${rented!.code}`;
      const page = await openPage(browser, viewport);
      await loginByPassword(page, '13900000004');
      await page.locator('[data-test="grant-card"]', { hasText: '河滨社区' }).click();
      await page.locator('[data-test="action-import"]').click();
      await page.waitForURL(/\/roster\/import$/);
      await poll(() => page.locator('[data-test="import-file-hint"]').textContent()).toContain('100 MB');
      await screenshot(page, `roster-import-start-${label}`);

      await validate(page, csv(owner, tenant));
      expect(await page.locator('[data-test="report-row"]').count()).toBe(0);
      const warnings = page.locator('[data-test="warning-row"]');
      expect(await warnings.count()).toBe(2);
      expect(await warnings.nth(0).textContent()).toContain('第 2 行');
      expect(await warnings.nth(0).locator('[data-test="warning-message"]').textContent()).toContain('业主');
      expect(await warnings.nth(1).locator('[data-test="warning-message"]').textContent()).toContain('租户');
      const commit = page.locator('[data-test="import-commit"]');
      expect(await commit.isDisabled()).toBe(true);
      expect(await page.locator('[data-test="import-acknowledge-hint"]').isVisible()).toBe(true);
      await page.locator('[data-test="import-warnings"]').scrollIntoViewIfNeeded();
      await expectAccessible(page);
      await screenshot(page, `roster-import-warnings-${label}`);

      await page.getByLabel(/我已核对以上 2 条提醒/).check();
      expect(await commit.isDisabled()).toBe(false);
      await commit.scrollIntoViewIfNeeded();
      await screenshot(page, `roster-import-acknowledged-${label}`);
      await commit.click();
      await poll(() => page.locator('[data-test="summary-inserted"]').textContent()).toBe('2');
      await screenshot(page, `roster-import-warnings-done-${label}`);

      const written = await queryDatabase<{ code: string; place: string }>(
        `select r.code, p.code as place from residents r join places p on p.id = r.place_id
         where r.code like $1 order by r.code`,
        [`R-E2E-W${tag}%`],
      );
      expect(written).toEqual([
        { code: `R-E2E-W${tag}1`, place: 'TA-01-01-01-05-2' },
        { code: `R-E2E-W${tag}2`, place: 'TA-01-01-01-05-2' },
      ]);
      const [log] = await queryDatabase<{ warnings_acknowledged: number }>(
        'select warnings_acknowledged from roster_imports order by id desc limit 1',
      );
      expect(log?.warnings_acknowledged).toBe(2);
    });
  }

  it('imports a large file in one step: a flawed one writes nothing, then its valid rows go in; a flawless one goes in at once (phone)', async () => {
    const page = await openPage(browser, PHONE);
    await loginByPassword(page, '13900000004');
    await page.locator('[data-test="grant-card"]', { hasText: '河滨社区' }).click();
    await page.locator('[data-test="action-import"]').click();
    await page.waitForURL(/\/roster\/import$/);
    await page.locator('[data-test="import-kind-residents"]').check();
    const direct = page.locator('[data-test="import-direct"]');
    expect(await direct.isDisabled()).toBe(true);
    const sent: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith('/api/roster/imports')) {
        sent.push(request.url());
      }
    });

    const row = (n: number, birth: string) =>
      `R-E2E-S0${n},吴一${n},女,${birth},1381234010${n},,,TA-01-01-01-05-2,租户,`;
    await page.locator('[data-test="import-file"]').setInputFiles(csv(row(1, '1980-02-03'), row(2, '1980-02-30')));
    await direct.click();
    await poll(() => page.locator('[data-test="import-error"]').textContent()).toBe('文件有 1 处错误，未导入任何数据');
    expect(await page.locator('[data-test="report-row"]').count()).toBe(1);
    expect(await page.locator('[data-test="report-message"]').textContent()).toContain('日期不存在');
    expect(await queryDatabase("select code from residents where code like 'R-E2E-S%'")).toEqual([]);
    expect(sent).toHaveLength(1);
    await expectAccessible(page);
    await screenshot(page, 'roster-import-direct-refused-phone');

    // The refused file kept no preview: its valid rows go in with the file sent again.
    await page.locator('[data-test="import-commit-valid"]').click();
    await page.locator('[data-test="confirm-dialog"]').getByRole('button', { name: '确认导入' }).click();
    await poll(() => page.locator('[data-test="summary-inserted"]').textContent()).toBe('1');
    expect(sent).toHaveLength(2);
    const [log] = await queryDatabase<{ row_count: number; inserted: number; skipped: number }>(
      'select row_count, inserted, skipped from roster_imports order by id desc limit 1',
    );
    expect(log).toEqual({ row_count: 2, inserted: 1, skipped: 1 });

    await page.locator('[data-test="import-again"]').click();
    await page.locator('[data-test="import-file"]').setInputFiles(csv(row(3, '1981-05-06'), row(4, '1982-07-08')));
    await direct.click();
    await poll(() => page.locator('[data-test="summary-inserted"]').textContent()).toBe('2');
    expect(await direct.count()).toBe(0);
    await screenshot(page, 'roster-import-direct-done-phone');
    const written = await queryDatabase<{ code: string }>(
      "select code from residents where code like 'R-E2E-S%' order by code",
    );
    expect(written.map((r) => r.code)).toEqual(['R-E2E-S01', 'R-E2E-S03', 'R-E2E-S04']);
  });
});
