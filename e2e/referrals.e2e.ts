import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, expectAccessible, launchBrowser, openPage, screenshot } from './support/browser';
import { byTest as test, loginByPassword, poll, queryDatabase } from './support/journey';

/** Calls the API as the logged-in account of `page`; the reply's status and body. */
async function call(page: Page, method: string, url: string, body?: unknown) {
  return page.evaluate(
    async ({ method, url, body }) => {
      const csrf = document.cookie.match(/(?:^|; )yishi_csrf=([^;]+)/)?.[1] ?? '';
      const response = await fetch(url, {
        method,
        headers: { 'content-type': 'application/json', 'x-csrf-token': decodeURIComponent(csrf) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    },
    { method, url, body },
  );
}

const inDays = (n: number) => new Date(Date.now() + (n * 24 + 8) * 3_600_000).toISOString().slice(0, 10);

describe('a matter referred to a department (转办) is answered by its liaison', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser.close());

  it('staff refer, the liaison accepts and answers, the community sees it; an overdue one reaches the supervisor', async () => {
    const [community] = await queryDatabase<{ id: number; path: string }>(
      "select id, path from places where code = 'TA-01-01'",
    );
    const [resident] = await queryDatabase<{ id: number }>(
      `select id from residents where place_path like $1 and birth_date < '1970-01-01' order by id limit 1`,
      [`${community!.path}%`],
    );
    const convenor = await openPage(browser, DESKTOP);
    await loginByPassword(convenor, '13900000004');
    const raise = async (title: string) => {
      const reply = await call(convenor, 'POST', '/api/matters', {
        placeId: community!.id,
        level: 'community',
        category: 'environment',
        title,
        description: `${title}：居民反映多次，需要街道城管协助。`,
        onBehalfOfResidentId: resident!.id,
      });
      expect(reply.status).toBe(201);
      return reply.body.id as number;
    };
    const stamp = Date.now().toString(36);
    const title = `沿街商铺占道经营${stamp}`;
    const matterId = await raise(title);

    // Staff refer it on the matter's page, picking the town's 城管科.
    await convenor.goto(`/work/matters/${matterId}`);
    await poll(() => test(convenor, 'command-refer').isVisible()).toBe(true);
    await test(convenor, 'command-refer').click();
    await poll(() => test(convenor, 'refer-department').locator('option').count()).toBeGreaterThan(1);
    await test(convenor, 'refer-department').selectOption({ label: '梧桐街道 · 城管科' });
    await test(convenor, 'vet-due-on').fill(inDays(7));
    await test(convenor, 'vet-submit-refer').click();
    await poll(() => test(convenor, 'step-caption').textContent()).toContain('已转办');

    // The liaison finds it in the department's queue and from the inbox, accepts and answers.
    const liaison = await openPage(browser, PHONE);
    await loginByPassword(liaison, '13900000011');
    await liaison.goto('/referrals');
    await poll(() => test(liaison, `queue-item-${matterId}`).isVisible()).toBe(true);
    await expectAccessible(liaison);
    await screenshot(liaison, 'referral-queue');
    // The liaison was told in the inbox; the item opens the referral page, not the matter's.
    await liaison.goto('/inbox');
    const told = test(liaison, 'inbox-item').filter({ hasText: `新转办：${title}` });
    await poll(() => told.count()).toBe(1);
    await expectAccessible(liaison);
    await screenshot(liaison, 'referral-inbox');
    await told.click();
    await poll(async () => new URL(liaison.url()).pathname).toMatch(/^\/referrals\/\d+$/);
    await poll(() => test(liaison, 'referral-accept').isVisible()).toBe(true);
    await test(liaison, 'referral-accept').click();
    await poll(() => test(liaison, 'referral-answer').isVisible()).toBe(true);
    await test(liaison, 'referral-text').locator('textarea').fill('已约谈商户，占道物品已清理，后续纳入日常巡查。');
    await test(liaison, 'referral-answer').click();
    await poll(() => test(liaison, 'referral-reply').textContent()).toContain('占道物品已清理');
    await expectAccessible(liaison);
    await screenshot(liaison, 'referral-answered');

    // The community sees the department's answer on the matter.
    await convenor.goto(`/matters/${matterId}`);
    await poll(() => test(convenor, 'referral-reply').textContent()).toContain('占道物品已清理');

    // A referral past its due day is on the supervisor's list of what is due.
    const lateTitle = `垃圾分类亭破损${stamp}`;
    const late = await raise(lateTitle);
    const [section] = await queryDatabase<{ id: number }>(
      "select d.id from departments d join places p on p.id = d.place_id where p.code = 'TA-01' and d.name = '城管科'",
    );
    expect(
      (await call(convenor, 'POST', `/api/matters/${late}/refer`, { departmentId: section!.id, dueOn: inDays(0) }))
        .status,
    ).toBe(200);
    // Time passes: the due day is moved back rather than waiting for it.
    await queryDatabase('update referrals set due_on = due_on - 3 where matter_id = $1', [late]);
    const supervisor = await openPage(browser, PHONE);
    await loginByPassword(supervisor, '13900000006');
    await supervisor.goto('/supervision');
    await poll(() => supervisor.getByText(lateTitle).first().isVisible()).toBe(true);
    expect(await supervisor.getByText('逾期未办结的转办').first().isVisible()).toBe(true);
    await expectAccessible(supervisor);

    // The town's 社工委 page and the department statistics, with the referrals behind a figure.
    const officer = await openPage(browser, PHONE);
    await loginByPassword(officer, '13900000003');
    const [town] = await queryDatabase<{ id: number }>("select id from places where code = 'TA-01'");
    await officer.goto(`/places/${town!.id}/committee`);
    await poll(() => test(officer, `department-${section!.id}`).textContent()).toContain('联络员');
    await expectAccessible(officer);
    await officer.goto(`/places/${town!.id}/department-statistics`);
    await poll(() => test(officer, `figure-${section!.id}-overdue`).isVisible()).toBe(true);
    await test(officer, `figure-${section!.id}-overdue`).click();
    await poll(() => test(officer, 'figure-behind').textContent()).toContain(lateTitle);
    await expectAccessible(officer);
    await Promise.all([convenor, liaison, supervisor, officer].map((p) => p.context().close()));
  });
});
