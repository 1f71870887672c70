import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, expectAccessible, launchBrowser, openPage, screenshot } from './support/browser';
import { byTest, loginByPassword, poll, queryDatabase } from './support/journey';
import { matterAt } from './support/matter-setup';

const SUPERVISOR = '13900000006';

describe('a supervisor follows up an overdue matter the convenor assigned to them', () => {
  let browser: Browser;
  let convenor: Page;
  let resident: Page;
  let supervisor: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    convenor = await openPage(browser, DESKTOP);
    resident = await openPage(browser, PHONE);
    supervisor = await openPage(browser, PHONE);
    await loginByPassword(convenor, '13900000004');
    await loginByPassword(resident, '13900000008');
    await loginByPassword(supervisor, SUPERVISOR);
  });
  afterAll(async () => browser.close());

  it('assigns, sees it due, records a finding the convenor answers, and reads the answer', async () => {
    const { matterId } = await matterAt('implementing', { convenor, resident });
    const [matter] = await queryDatabase<{ title: string }>('select title from matters where id = $1', [matterId]);
    // The clock: the matter's task fell due three days ago.
    await queryDatabase(`update tasks set due_on = current_date - 3 where matter_id = $1`, [matterId]);
    const [person] = await queryDatabase<{ id: number; name: string }>(
      'select id, display_name as name from accounts where phone = $1',
      [SUPERVISOR],
    );

    // The convenor's supervision team: the supervisor is listed; a member is appointed by phone, then ended.
    await convenor.goto('/supervision');
    const team = byTest(convenor, 'supervisor-item');
    await poll(() => team.filter({ hasText: person!.name }).count()).toBe(1);
    await byTest(convenor, 'supervisors-phone').fill('13900000007');
    await byTest(convenor, 'supervisors-appoint').click();
    const appointed = team.filter({ hasText: '13900000007' });
    await poll(() => appointed.count()).toBe(1);
    await expectAccessible(convenor);
    await screenshot(convenor, 'supervision-team-desktop');
    await appointed.getByRole('button').click();
    await poll(() => appointed.count()).toBe(0);

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
