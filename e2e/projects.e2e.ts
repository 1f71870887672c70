import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, expectAccessible, launchBrowser, openPage, screenshot } from './support/browser';
import { byTest, loginByPassword, photoFile, poll, queryDatabase } from './support/journey';

const CALL = '2026年城乡社区议事协商提升项目';
const ORGANISATION = '桐安市益邻社会工作服务中心';
const AGENT = '13900000012';
const CITY = '13900000002';

/** Waits for the project page's answer to one command (the page re-renders from it). */
const answered = (page: Page, path: RegExp) =>
  page.waitForResponse((r) => path.test(new URL(r.url()).pathname) && r.request().method() !== 'GET');

async function openProject(page: Page, id: number): Promise<void> {
  await page.goto(`/projects/${id}`);
  await byTest(page, 'project-status').waitFor();
}

describe('a social organisation’s micro-governance project, from application to its public result', () => {
  let browser: Browser;
  let projectId: number;
  // Unique per run: journeys share one database and may run again on it.
  const title = `河滨社区楼道议事微治理项目-${Date.now().toString(36)}`;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser.close());

  it('the organisation’s agent applies to the open call with lines, milestones and indicators, and submits', async () => {
    const page = await openPage(browser, PHONE);
    await loginByPassword(page, AGENT);
    await byTest(page, 'home-projects').click();
    await page.waitForURL(/\/calls$/);
    await byTest(page, 'call-item').filter({ hasText: CALL }).first().click();
    await byTest(page, 'apply-form').waitFor();
    await byTest(page, 'apply-organisation').selectOption({ label: ORGANISATION });
    await byTest(page, 'apply-title').fill(title);
    await byTest(page, 'apply-submit').click();
    await page.waitForURL(/\/projects\/\d+$/);
    projectId = Number(new URL(page.url()).pathname.split('/').pop());

    await byTest(page, 'community-河滨社区').check();
    await byTest(page, 'application-aims').fill('以楼道议事会推动楼栋事务协商');
    await byTest(page, 'line-name-0').fill('活动费');
    await byTest(page, 'line-amount-0').fill('30,000.50');
    await byTest(page, 'line-add').click();
    await byTest(page, 'line-name-1').fill('人员费');
    await byTest(page, 'line-amount-1').fill('19999.50');
    await byTest(page, 'milestone-title-0').fill('组建楼道议事会');
    await byTest(page, 'milestone-due-0').fill('2026-06-30');
    await byTest(page, 'milestone-add').click();
    await byTest(page, 'milestone-title-1').fill('完成结项总结');
    await byTest(page, 'milestone-due-1').fill('2026-11-30');
    await byTest(page, 'indicator-add').click();
    await byTest(page, 'indicator-label-0').fill('开展议事活动');
    await byTest(page, 'indicator-target-0').fill('12 场');
    await screenshot(page, 'projects-application-phone');
    const submitted = answered(page, /\/submit$/);
    await byTest(page, 'application-submit').click();
    expect((await submitted).status()).toBe(200);
    await poll(() => byTest(page, 'project-status').textContent()).toContain('已提交');
    await expectAccessible(page);
    const [row] = await queryDatabase<{ total: string }>(
      'select sum(amount_fen)::text as total from project_budget_lines where project_id = $1',
      [projectId],
    );
    expect(row!.total).toBe('5000000');
  });

  it('the city officer scores, approves and signs the contract', async () => {
    const page = await openPage(browser, DESKTOP);
    await loginByPassword(page, CITY);
    await openProject(page, projectId);
    await byTest(page, 'score-need').fill('90');
    await byTest(page, 'score-plan').fill('85');
    await byTest(page, 'score-capacity').fill('88');
    const scored = answered(page, /\/scores$/);
    await byTest(page, 'score-save').click();
    expect((await scored).status()).toBe(200);
    await byTest(page, 'approve').click();
    await poll(() => byTest(page, 'project-status').textContent()).toContain('已立项');
    expect(await byTest(page, 'project-review-total').textContent()).toBe('87.4');
    await byTest(page, 'contract-no').fill(`TA-WZL-E2E-${projectId}`);
    expect(await byTest(page, 'contract-amount').inputValue()).toBe('50,000.00');
    await byTest(page, 'contract-from').fill('2026-05-01');
    await byTest(page, 'contract-to').fill('2026-12-31');
    await byTest(page, 'contract-sign').click();
    await poll(() => byTest(page, 'project-status').textContent()).toContain('已签约');
    expect(await byTest(page, 'project-contract').textContent()).toContain('¥50,000.00');
    await screenshot(page, 'projects-contracted-desktop');
    await expectAccessible(page);
  });

  it('the agent reports both milestones with photos and records spending, refused past a line', async () => {
    const page = await openPage(browser, PHONE);
    await loginByPassword(page, AGENT);
    await openProject(page, projectId);
    for (const text of ['已组建楼道议事会 3 个', '完成结项总结']) {
      const form = byTest(page, 'milestone-report').first();
      await form.fill(text);
      await byTest(page, 'milestone-photos').first().setInputFiles(photoFile('议事会.png'));
      const reported = answered(page, /\/report$/);
      await byTest(page, 'milestone-send').first().click();
      expect((await reported).status()).toBe(200);
    }
    await poll(() => byTest(page, 'milestone-status').allTextContents()).toEqual(['已报送', '已报送']);
    await byTest(page, 'spending-line').selectOption({ label: '活动费' });
    await byTest(page, 'spending-amount').fill('10,000.25');
    await byTest(page, 'spending-date').fill('2026-06-20');
    await byTest(page, 'spending-note').fill('场地与物料');
    await byTest(page, 'spending-add').click();
    await poll(() => byTest(page, 'budget-spent').textContent()).toBe('¥10,000.25');
    await byTest(page, 'spending-amount').fill('20,000.26');
    await byTest(page, 'spending-date').fill('2026-06-21');
    await byTest(page, 'spending-add').click();
    await poll(() => byTest(page, 'spending-error').textContent()).toContain('剩余可用 20,000.25 元');
    await screenshot(page, 'projects-running-phone');
    await expectAccessible(page);
  });

  it('the officer accepts, evaluates mid-term and final, closes with a result, and exports the budget', async () => {
    const page = await openPage(browser, DESKTOP);
    await loginByPassword(page, CITY);
    await openProject(page, projectId);
    for (let i = 0; i < 2; i += 1) {
      const accepted = answered(page, /\/accept$/);
      await byTest(page, 'milestone-accept').first().click();
      expect((await accepted).status()).toBe(200);
    }
    await poll(() => byTest(page, 'milestone-status').allTextContents()).toEqual(['已验收', '已验收']);
    await byTest(page, 'evaluation-score').fill('84');
    await byTest(page, 'evaluation-submit').click();
    await poll(() => byTest(page, 'project-status').textContent()).toContain('已中期评估');
    await byTest(page, 'evaluation-score').fill('91');
    await byTest(page, 'evaluation-achieved-0').fill('14 场');
    await byTest(page, 'evaluation-submit').click();
    await poll(() => byTest(page, 'project-status').textContent()).toContain('已结项评估');
    expect(await byTest(page, 'project-final-score').textContent()).toBe('91');

    const xlsx = await page.context().request.get(`/api/projects/${projectId}/budget.xlsx`);
    expect(xlsx.status()).toBe(200);
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await xlsx.body()) as unknown as ArrayBuffer);
    const rows: unknown[][] = [];
    workbook.worksheets[0]!.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
    expect(rows.at(-1)).toEqual(['合计', 50000, 10000.25, 39999.75]);

    await byTest(page, 'close-result').fill('建成楼道议事会 3 个，开展议事活动 14 场，居民满意。');
    await byTest(page, 'close-submit').click();
    await poll(() => byTest(page, 'project-status').textContent()).toContain('已结项');
    await screenshot(page, 'projects-closed-desktop');
  });

  it('the public showcase shows the result, logged out, on a phone and a desktop', async () => {
    for (const [viewport, name] of [
      [PHONE, 'phone'],
      [DESKTOP, 'desktop'],
    ] as const) {
      const page = await openPage(browser, viewport);
      await page.goto('/showcase');
      const card = byTest(page, 'showcase-project').filter({ hasText: title });
      await card.waitFor();
      expect(await card.textContent()).toContain(ORGANISATION);
      await screenshot(page, `projects-showcase-${name}`);
      await card.getByRole('link', { name: title }).click();
      await page.waitForURL(new RegExp(`/public/projects/${projectId}$`));
      await poll(() => byTest(page, 'public-result').textContent()).toContain('开展议事活动 14 场');
      await screenshot(page, `projects-public-${name}`);
      await expectAccessible(page);
    }
  });
});
