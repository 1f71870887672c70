import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, expectAccessible, launchBrowser, openPage, screenshot } from './support/browser';
import { byTest, loginByPassword, poll, queryDatabase } from './support/journey';
import { matterAt } from './support/matter-setup';

const SUPERVISOR = '13900000006';
const MEMBER = '13900000007';

describe('a supervisor follows up an overdue matter the convenor assigned to them', () => {
  let browser: Browser;
  let convenor: Page;
  let resident: Page;
  let supervisor: Page;
  let officer: Page;
  let officerPhone: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    convenor = await openPage(browser, DESKTOP);
    resident = await openPage(browser, PHONE);
    supervisor = await openPage(browser, PHONE);
    officer = await openPage(browser, DESKTOP);
    officerPhone = await openPage(browser, PHONE);
    await loginByPassword(convenor, '13900000004');
    await loginByPassword(resident, '13900000008');
    await loginByPassword(supervisor, SUPERVISOR);
    await loginByPassword(officer, '13900000003');
    await loginByPassword(officerPhone, '13900000003');
  });
  afterAll(async () => browser.close());

  it('the town officer appoints a supervisor and removes them with a reason; the convenor may not; the record shows both', async () => {
    const [community] = await queryDatabase<{ id: number }>(`select id from places where code = 'TA-01-01'`);
    const [member] = await queryDatabase<{ name: string }>(
      'select display_name as name from accounts where phone = $1',
      [MEMBER],
    );
    const page = `/places/${community!.id}/supervisors`;

    // From the community's page, the officer opens its supervisors and appoints a member by phone.
    await officer.goto(`/places/${community!.id}`);
    await byTest(officer, 'action-supervisors').click();
    await poll(async () => new URL(officer.url()).pathname).toBe(page);
    const team = byTest(officer, 'supervisor-item');
    await byTest(officer, 'supervisors-phone').fill(MEMBER);
    await byTest(officer, 'supervisors-reason').fill('居民议事会推选');
    await byTest(officer, 'supervisors-appoint').click();
    const appointed = team.filter({ hasText: MEMBER });
    await poll(() => appointed.count()).toBe(1);

    // The convenor sees the team but no appoint or remove buttons, and no record.
    await convenor.goto('/supervision');
    await poll(() => byTest(convenor, 'supervisor-item').filter({ hasText: member!.name }).count()).toBe(1);
    expect(await byTest(convenor, 'supervisors-appoint').count()).toBe(0);
    expect(await byTest(convenor, 'supervisor-revoke').count()).toBe(0);
    expect(await byTest(convenor, 'supervisors-hint').count()).toBe(1);
    await screenshot(convenor, 'duties-convenor-team-desktop');
    await convenor.goto(page);
    await poll(() => byTest(convenor, 'supervisor-item').count()).toBeGreaterThan(0);
    expect(await byTest(convenor, 'supervisor-revoke').count()).toBe(0);
    expect(await byTest(convenor, 'grant-history').count()).toBe(0);
    // Nor are the community's staff theirs to appoint or remove; the officer may.
    await poll(() => byTest(convenor, 'staff-item').count()).toBeGreaterThan(1);
    expect(await byTest(convenor, 'staff-appoint').count()).toBe(0);
    expect(await byTest(convenor, 'staff-revoke').count()).toBe(0);
    await poll(() => byTest(officer, 'staff-revoke').count()).toBeGreaterThan(1);
    expect(await byTest(officer, 'staff-appoint').count()).toBe(1);

    // The officer removes them: a reason is asked first, then the record lists both, newest first.
    await appointed.getByRole('button').click();
    await byTest(officer, 'supervisor-revoke-reason').fill('本人工作调动，申请辞任');
    await byTest(officer, 'supervisor-revoke-confirm').click();
    await poll(() => appointed.count()).toBe(0);
    const events = byTest(officer, 'grant-event').filter({ hasText: member!.name });
    await poll(() => events.count()).toBe(2);
    expect(await events.nth(0).textContent()).toContain('本人工作调动，申请辞任');
    expect(await events.nth(0).textContent()).toContain('解除');
    expect(await events.nth(1).textContent()).toContain('居民议事会推选');
    expect(await events.nth(1).textContent()).toContain('任命');
    expect(await byTest(officer, 'grant-history').textContent()).not.toContain(MEMBER);
    await expectAccessible(officer);
    await screenshot(officer, 'duties-record-desktop');
    await officerPhone.goto(page);
    await poll(() => byTest(officerPhone, 'grant-event').count()).toBeGreaterThan(1);
    await expectAccessible(officerPhone);
    await screenshot(officerPhone, 'duties-record-phone');
    const rows = await queryDatabase<{ kind: string; reason: string }>(
      `select e.kind, e.reason from role_grant_events e join accounts a on a.id = e.account_id
        where a.phone = $1 and e.role = 'supervisor' order by e.id desc limit 2`,
      [MEMBER],
    );
    expect(rows).toEqual([
      { kind: 'revoked', reason: '本人工作调动，申请辞任' },
      { kind: 'granted', reason: '居民议事会推选' },
    ]);
  });

  it('assigns, sees it due, records a finding the convenor answers, and reads the answer', async () => {
    const { matterId } = await matterAt('implementing', { convenor, resident });
    const [matter] = await queryDatabase<{ title: string }>('select title from matters where id = $1', [matterId]);
    // The clock: the matter's task fell due three days ago.
    await queryDatabase(`update tasks set due_on = current_date - 3 where matter_id = $1`, [matterId]);
    const [person] = await queryDatabase<{ id: number; name: string }>(
      'select id, display_name as name from accounts where phone = $1',
      [SUPERVISOR],
    );

    // The convenor's supervision team lists the supervisor the town appointed.
    await convenor.goto('/supervision');
    const team = byTest(convenor, 'supervisor-item');
    await poll(() => team.filter({ hasText: person!.name }).count()).toBe(1);
    await expectAccessible(convenor);
    await screenshot(convenor, 'supervision-team-desktop');

    // The convenor assigns the matter to the supervisor from the workspace.
    await convenor.goto(`/work/matters/${matterId}`);
    await poll(() => byTest(convenor, 'supervision-section').count()).toBe(1);
    await byTest(convenor, 'supervision-candidate').selectOption(String(person!.id));
    await byTest(convenor, 'supervision-assign').click();
    await poll(() => byTest(convenor, 'supervision-overseers').textContent()).toContain(person!.name);

    // The supervisor sees it due: an overdue task on a matter assigned to them.
    await supervisor.goto('/');
    await byTest(supervisor, 'home-supervision').click();
    const overdue = byTest(supervisor, 'due-overdue_task').locator('[data-test="due-item"]', {
      hasText: matter!.title,
    });
    await poll(() => overdue.count()).toBe(1);
    expect(await overdue.textContent()).toContain('指派监督');
    await expectAccessible(supervisor);
    await screenshot(supervisor, 'supervision-due-phone');

    // … opens the matter and records a finding.
    await overdue.click();
    await poll(async () => new URL(supervisor.url()).pathname).toBe(`/matters/${matterId}`);
    await byTest(supervisor, 'supervision-finding-input').fill(
      '电梯井道施工已逾期三天，请说明原因并给出新的完成时间。',
    );
    await byTest(supervisor, 'supervision-finding-submit').click();
    await poll(() => byTest(supervisor, 'supervision-unanswered').count()).toBe(1);
    await expectAccessible(supervisor);
    await screenshot(supervisor, 'supervision-finding-phone');

    // The convenor's work queue shows the unanswered finding; the convenor answers it on the matter.
    await convenor.goto('/work');
    const queued = byTest(convenor, 'queue-findings').locator('[data-test="due-item"]', { hasText: matter!.title });
    await poll(() => queued.count()).toBe(1);
    await screenshot(convenor, 'supervision-work-queue-desktop');
    await queued.click();
    await poll(() => byTest(convenor, 'supervision-answer-input').count()).toBe(1);
    await byTest(convenor, 'supervision-answer-input').fill('施工方材料延迟到货，已约定下周五前完成。');
    await byTest(convenor, 'supervision-answer-submit').click();
    await poll(() => byTest(convenor, 'supervision-answer').count()).toBe(1);
    await expectAccessible(convenor);
    await screenshot(convenor, 'supervision-answered-desktop');

    // The supervisor sees the answer; the finding and the answer are on the matter's chain.
    await supervisor.reload();
    await poll(() => byTest(supervisor, 'supervision-answer').textContent()).toContain('下周五前完成');
    const chain = await queryDatabase<{ action: string }>(
      `select action from matter_events where matter_id = $1 and action in ('oversight.assign', 'finding.record', 'finding.answer') order by seq`,
      [matterId],
    );
    expect(chain.map((e) => e.action)).toEqual(['oversight.assign', 'finding.record', 'finding.answer']);
  });
});
