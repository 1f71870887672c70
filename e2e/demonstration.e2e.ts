import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, expectAccessible, launchBrowser, openPage, screenshot } from './support/browser';
import { byTest, loginByPassword, photoFile, poll, queryDatabase } from './support/journey';

/** The seeded 2026 scheme's criteria: every computed one and the evidenced one. */
const COMPUTED = ['consult', 'satisfy', 'implement', 'density', 'pool', 'council', 'venues'];

async function openApplication(page: Page, applicationId: number): Promise<void> {
  await page.goto('/demonstration');
  await byTest(page, 'demonstration-application').first().waitFor();
  await page.locator(`a[href="/demonstration/applications/${applicationId}"]`).click();
  await page.waitForURL(new RegExp(`/demonstration/applications/${applicationId}$`));
  await byTest(page, 'application-status').waitFor();
}

describe('a community becomes a demonstration community and the public sees its badge', () => {
  let browser: Browser;
  let applicationId: number;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser.close());

  it('the convenor applies and sees the community’s computed figures, then submits', async () => {
    const page = await openPage(browser, PHONE);
    await loginByPassword(page, '13900000004');
    await byTest(page, 'home-demonstration').click();
    await page.waitForURL(/\/demonstration$/);
    await poll(() => byTest(page, 'scheme-title').textContent()).toContain('2026年度');
    const [riverside] = await queryDatabase<{ id: number }>("select id from places where name = '河滨社区'");
    await byTest(page, `apply-${riverside!.id}`).click();
    await page.waitForURL(/\/demonstration\/applications\/\d+$/);
    applicationId = Number(new URL(page.url()).pathname.split('/').pop());

    // Yishi's own figures, read live for the draft: the consultations count is the statistics' one.
    const consult = byTest(page, 'criterion-consult');
    await poll(() => consult.textContent()).toContain('协商议事次数');
    // The venues module's count of 五有 venues (a number, once that module answers).
    expect(await byTest(page, 'criterion-venues').locator('[data-test="criterion-value"]').textContent()).toMatch(
      /^\d+$/,
    );
    const stats = await page.evaluate(
      async (placeId) =>
        (await fetch(`/api/statistics?placeId=${placeId}&from=2026-01-01&to=2027-01-01&groupBy=month`)).json(),
      riverside!.id,
    );
    expect(await consult.locator('[data-test="criterion-value"]').textContent()).toBe(
      String(stats.totals.consultations.value),
    );
    await expectAccessible(page);
    await screenshot(page, 'demonstration-apply-phone');

    await page.locator('[data-test="demonstration-statement"]').fill('河滨社区每月召开议事会，议题公开征集。');
    await page.locator('[data-test="demonstration-evidence-rules"]').fill('《河滨社区议事规则》与2026年议事台账');
    await page.locator('[data-test="evidence-upload-rules"]').setInputFiles(photoFile('议事规则.png'));
    await poll(() => byTest(page, 'evidence-files-rules').textContent()).toContain('议事规则.png');
    // The text typed before the upload was saved with it.
    expect(await page.locator('[data-test="demonstration-statement"]').inputValue()).toContain('每月召开议事会');
    await byTest(page, 'demonstration-submit').click();
    await poll(() => byTest(page, 'application-status').textContent()).toContain('已申报');
    const [row] = await queryDatabase<{ status: string; frozen: boolean }>(
      'select status, computed is not null as frozen from demonstration_applications where id = $1',
      [applicationId],
    );
    expect(row).toEqual({ status: 'submitted', frozen: true });
  });

  it('the town recommends it', async () => {
    const page = await openPage(browser, PHONE);
    await loginByPassword(page, '13900000003');
    await openApplication(page, applicationId);
    await page.locator('[data-test="decision-note"]').fill('同意推荐');
    await byTest(page, 'decision-recommend').click();
    await poll(() => byTest(page, 'application-status').textContent()).toContain('镇街已推荐');
    await expectAccessible(page);
  });

  it('the city scores it, records the on-site check and names it with a public notice', async () => {
    const page = await openPage(browser, DESKTOP);
    await loginByPassword(page, '13900000002');
    await page.goto('/demonstration');
    await byTest(page, 'demonstration-overview').waitFor();
    await expectAccessible(page);
    await screenshot(page, 'demonstration-overview-desktop');
    await openApplication(page, applicationId);

    for (const key of COMPUTED) {
      await page.locator(`[data-test="review-score-${key}"]`).fill('9');
      // A score other than the rule's needs a reason (the field shows only then).
      const reason = page.locator(`[data-test="review-reason-${key}"]`);
      if (await reason.count()) await reason.fill('实地核查台账后认定');
    }
    await page.locator('[data-test="review-score-rules"]').fill('18');
    await byTest(page, 'review-save').click();
    await poll(() => byTest(page, 'application-status').textContent()).toContain('市级评审中');
    await poll(() => byTest(page, 'application-review-total').textContent()).toContain('90');

    await page.locator('[data-test="site-check-on"]').fill('2026-11-20');
    await page.locator('[data-test="site-check-by"]').fill('市社工委核查组');
    await page.locator('[data-test="site-check-findings"]').fill('议事厅标识醒目，制度上墙');
    await byTest(page, 'site-check-save').click();
    await poll(() => byTest(page, 'application-site-check').textContent()).toContain('市社工委核查组');
    await expectAccessible(page);
    await screenshot(page, 'demonstration-review-desktop');

    await byTest(page, 'decision-name').click();
    await poll(() => byTest(page, 'application-status').textContent()).toContain('公示中');
    // Confirming inside the notice is refused with the server's reason.
    await byTest(page, 'decision-confirm').click();
    await poll(() => byTest(page, 'decision-error').textContent()).toContain('公示期至');
  });

  it('a resident objects during the notice from the showcase', async () => {
    const page = await openPage(browser, PHONE);
    // By password: a phone may ask for five codes an hour, and other journeys spend this phone's.
    await loginByPassword(page, '13900000008');
    await page.goto('/showcase');
    const notice = byTest(page, 'demonstration-notice').filter({ hasText: '河滨社区' });
    await poll(() => notice.count()).toBe(1);
    await notice.getByRole('link').click();
    await page.waitForURL(/\/objection$/);
    await page.locator('[data-test="objection-body"]').fill('议事会上半年没有开过会');
    await byTest(page, 'objection-send').click();
    await byTest(page, 'objection-sent').waitFor();
    await expectAccessible(page);
    await screenshot(page, 'demonstration-objection-phone');
  });

  it('the city answers the objection and, the notice over, confirms the naming', async () => {
    const page = await openPage(browser, DESKTOP);
    await loginByPassword(page, '13900000002');
    // The seven-day notice has run.
    await queryDatabase(
      'update demonstration_applications set notice_from = notice_from - 8, notice_to = notice_to - 8 where id = $1',
      [applicationId],
    );
    await openApplication(page, applicationId);
    await byTest(page, 'decision-confirm').click();
    await poll(() => byTest(page, 'decision-error').textContent()).toContain('异议未答复');
    const objection = byTest(page, 'application-objection').filter({ hasText: '议事会上半年没有开过会' });
    await objection.locator('input, textarea').fill('经核实，上半年召开议事会三次，有会议记录。');
    await objection.getByRole('button').click();
    await poll(() => objection.textContent()).toContain('经核实');
    await byTest(page, 'decision-confirm').click();
    await poll(() => byTest(page, 'application-status').textContent()).toContain('已命名');
  });

  it('the public sees 河滨社区’s badge on the showcase', async () => {
    const page = await openPage(browser, PHONE);
    await page.goto('/showcase');
    const badge = byTest(page, 'demonstration-badge').filter({ hasText: '河滨社区' });
    await poll(() => badge.count()).toBe(1);
    expect(await badge.textContent()).toContain('2026年度示范社区');
    await expectAccessible(page);
    await screenshot(page, 'demonstration-showcase-phone');
  });
});
