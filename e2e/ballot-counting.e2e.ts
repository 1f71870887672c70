import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, chinaDay } from '../domain/voting/notice';
import { confirmDialog, electorsOf, enterPaper, look, roomOf } from './ballot-elevator/ballot-steps';
import { DESKTOP, PHONE, launchBrowser, openPage } from './support/browser';
import { byTest, loginByPassword, poll, queryDatabase } from './support/journey';
import { matterAt } from './support/matter-setup';

const RESIDENT = '13900000008';

/**
 * Paper ballots of a secret ballot (无记名), counted after the deadline (计票中): online voting ends at
 * the closing time, but papers collected before it are still entered twice. Nobody sees what a paper
 * said — not the second person, not the reconciler, not the close screen; the convenor closes the count
 * once every paper is counted or voided with a reason. Then a villagers' meeting ballot that may not
 * open before its 10 days of notice, opened anyway with a reason on record.
 */
describe('secret paper ballots counted after the deadline, and notice days', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser.close());

  it('enters papers twice in counting, lists what is pending on the close screen, resolves and closes the count', async () => {
    const convenor = await openPage(browser, DESKTOP);
    await loginByPassword(convenor, '13900000004');
    const resident = await openPage(browser, PHONE);
    await loginByPassword(resident, RESIDENT);
    const { matterId } = await matterAt('deliberating', { convenor, resident });

    // 1. A secret owners' ballot that collects paper ballots.
    await convenor.goto(`/work/matters/${matterId}`);
    await byTest(convenor, 'ballot-new').click();
    await poll(() => byTest(convenor, 'rule-civil_code_278_general').count()).toBe(1);
    await byTest(convenor, 'setup-question').fill('是否同意更换5幢2单元的单元门禁');
    await byTest(convenor, 'rule-civil_code_278_general').click();
    await byTest(convenor, 'secrecy-secret').click();
    await byTest(convenor, 'setup-uses-papers').check();
    await look(convenor, 'ballot-counting-setup-desktop', 'ballot-setup');
    await byTest(convenor, 'setup-submit').click();
    await convenor.waitForURL(/\/ballots\/\d+\/manage$/);
    const ballotId = Number(convenor.url().match(/ballots\/(\d+)/)![1]);
    await byTest(convenor, 'ballot-open').click();
    await confirmDialog(convenor, '确定', 'ballot-counting-open-desktop');
    await poll(() => byTest(convenor, 'opened-size').isVisible()).toBe(true);
    const others = (await electorsOf(ballotId)).filter((e) => !e.phones.includes(RESIDENT));
    expect(others.length, 'three owners of 5幢2单元 besides the resident').toBeGreaterThanOrEqual(3);
    const [a, b, c] = others as [(typeof others)[0], (typeof others)[0], (typeof others)[0]];

    // 2. The closing time passes (moving closes_at into the past stands for the clock): counting.
    await queryDatabase("update ballots set closes_at = now() - interval '1 minute' where id = $1", [ballotId]);
    await resident.goto(`/ballots/${ballotId}`);
    await poll(() => byTest(resident, 'ballot-status').textContent()).toContain('计票中');
    await poll(() => byTest(resident, 'counting-papers').isVisible()).toBe(true);
    expect(await byTest(resident, 'my-vote').count()).toBe(0);
    await look(resident, 'ballot-counting-voter-phone');

    // 3. The grid worker enters three papers collected before the deadline: each waits for a second entry.
    const grid = await openPage(browser, DESKTOP);
    await loginByPassword(grid, '13900000005');
    await grid.goto(`/ballots/${ballotId}/papers`);
    await enterPaper(grid, 'A1', roomOf(a.label), '1');
    await enterPaper(grid, 'A2', roomOf(b.label), '2');
    await enterPaper(grid, 'A3', roomOf(c.label), '1');
    await poll(() => byTest(grid, 'paper-recent-status').allTextContents()).toEqual([
      '待第二人录入',
      '待第二人录入',
      '待第二人录入',
    ]);
    // Secret: the list shows who was entered, never what was chosen.
    const recent = (await byTest(grid, 'paper-recent').allTextContents()).join(' ');
    expect(recent).not.toMatch(/同意|反对|弃权/);
    await look(grid, 'ballot-counting-papers-desktop');

    // 4. The close screen lists the three pending papers and will not close the count.
    await convenor.goto(`/ballots/${ballotId}/manage`);
    await poll(() => byTest(convenor, 'counting-paper').count()).toBe(3);
    expect(await byTest(convenor, 'counting-summary').textContent()).toContain('还有 3 张待第二人录入');
    expect(await byTest(convenor, 'count-close').isDisabled()).toBe(true);
    await look(convenor, 'ballot-counting-pending-desktop', 'counting-panel');
    await convenor.setViewportSize(PHONE);
    await look(convenor, 'ballot-counting-pending-phone', 'counting-panel');
    await convenor.setViewportSize(DESKTOP);

    // 5. The convenor enters A1 alike (counted) and reads A2 differently (mismatch, contents hidden).
    await convenor.goto(`/ballots/${ballotId}/papers`);
    await enterPaper(convenor, 'A1', roomOf(a.label), '1');
    await enterPaper(convenor, 'A2', roomOf(b.label), '1');
    await poll(() => byTest(convenor, 'paper-recent-status').allTextContents()).toEqual([
      '待第二人录入',
      '两次录入不一致',
      '已计入',
    ]);

    // 6. The town officer, who entered neither, reads A2 again: it matches the grid worker's entry.
    const officer = await openPage(browser, DESKTOP);
    await loginByPassword(officer, '13900000003');
    await officer.goto(`/ballots/${ballotId}/manage`);
    await poll(() => byTest(officer, 'reconcile-paper').count()).toBe(1);
    expect(await byTest(officer, 'reconcile-why').textContent()).toContain('不显示各自内容');
    expect((await byTest(officer, 'reconcile-entry').allTextContents()).join(' ')).not.toMatch(/同意|反对|弃权/);
    await byTest(officer, 'secret-reconcile-voter').fill(roomOf(b.label));
    await poll(() => byTest(officer, 'picker-option').count()).toBe(1);
    await officer.keyboard.press('Enter');
    await byTest(officer, 'secret-reconcile-choice').nth(1).click();
    await look(officer, 'ballot-counting-reconcile-desktop', 'reconcile-list');
    await byTest(officer, 'secret-reconcile-submit').click();
    await poll(() => byTest(officer, 'reconcile-paper').count()).toBe(0);

    // 7. A3's paper went missing: the convenor voids it with a reason, then closes the count.
    await convenor.goto(`/ballots/${ballotId}/manage`);
    await poll(() => byTest(convenor, 'counting-paper').count()).toBe(1);
    await byTest(convenor, 'counting-void').click();
    await poll(() => byTest(convenor, 'counting-error').textContent()).toContain('作废须写明原因');
    await byTest(convenor, 'counting-void-note').fill('原票遗失，无法第二次录入');
    await byTest(convenor, 'counting-void').click();
    await poll(() => byTest(convenor, 'counting-paper').count()).toBe(0);
    await poll(() => byTest(convenor, 'counting-summary').textContent()).toContain('计入 2 张');
    await look(convenor, 'ballot-counting-settled-desktop', 'counting-panel');
    await byTest(convenor, 'count-close').click();
    await confirmDialog(convenor, '确定', 'ballot-counting-close-desktop');
    await poll(() => byTest(convenor, 'result-link').count()).toBe(1);
    expect(await byTest(convenor, 'ballot-status').textContent()).toContain('已结束');

    const [row] = await queryDatabase<{ status: string; papers: number; kept: number }>(
      `select b.status,
              (select count(*)::int from ballot_votes v where v.ballot_id = b.id and v.channel = 'paper') as papers,
              (select count(*)::int from ballot_paper_entries e join ballot_papers p on p.id = e.paper_id
                where p.ballot_id = b.id and (e.choice is not null or e.choice_digest is not null
                      or p.choice_salt is not null)) as kept
         from ballots b where b.id = $1`,
      [ballotId],
    );
    expect(row).toEqual({ status: 'closed', papers: 2, kept: 0 });
  }, 300_000);

  it("refuses to open a villagers' meeting ballot before its notice days, then opens it with a reason on record", async () => {
    const convenor = await openPage(browser, DESKTOP);
    await loginByPassword(convenor, '13900000004');
    const resident = await openPage(browser, PHONE);
    await loginByPassword(resident, RESIDENT);
    // The setup posts the topic notice today.
    const { matterId } = await matterAt('deliberating', { convenor, resident });
    const opensOn = addDays(chinaDay(new Date()), 10);

    await convenor.goto(`/work/matters/${matterId}`);
    await byTest(convenor, 'ballot-new').click();
    await poll(() => byTest(convenor, 'rule-villagers_meeting').count()).toBe(1);
    await byTest(convenor, 'setup-question').fill('是否同意在5幢前修建健身步道');
    await byTest(convenor, 'rule-villagers_meeting').click();
    await byTest(convenor, 'setup-submit').click();
    await convenor.waitForURL(/\/ballots\/\d+\/manage$/);
    const ballotId = Number(convenor.url().match(/ballots\/(\d+)/)![1]);

    await byTest(convenor, 'ballot-open').click();
    await confirmDialog(convenor, '确定', 'ballot-notice-open-desktop');
    await poll(() => byTest(convenor, 'actions-error').textContent()).toContain(`最早可于 ${opensOn} 开启`);
    expect((await queryDatabase('select status from ballots where id = $1', [ballotId]))[0]).toEqual({
      status: 'draft',
    });
    await poll(() => byTest(convenor, 'notice-override').isVisible()).toBe(true);
    await look(convenor, 'ballot-notice-refused-desktop', 'ballot-actions');
    await convenor.setViewportSize(PHONE);
    await look(convenor, 'ballot-notice-refused-phone', 'ballot-actions');
    await convenor.setViewportSize(DESKTOP);

    const reason = '防汛抢修工期紧，经村民代表会议同意提前表决';
    await byTest(convenor, 'notice-override-reason').fill(reason);
    await byTest(convenor, 'notice-override-submit').click();
    await poll(() => byTest(convenor, 'ballot-status').textContent()).toContain('投票中');
    expect(await byTest(convenor, 'notice-override-note').textContent()).toContain(reason);
    expect(await byTest(convenor, 'notice-override-note').textContent()).toContain(opensOn);

    const [logged] = await queryDatabase<{ reason: string; chained: number }>(
      `select l.payload->'noticeOverride'->>'reason' as reason,
              (select count(*)::int from matter_events e where e.matter_id = $2 and e.action = 'ballot.open'
                 and e.payload->'noticeOverride'->>'opensOn' = $3) as chained
         from ballot_log l where l.ballot_id = $1 and l.action = 'ballot.open'`,
      [ballotId, matterId, opensOn],
    );
    expect(logged).toEqual({ reason, chained: 1 });

    await resident.goto(`/ballots/${ballotId}`);
    await poll(() => byTest(resident, 'notice-override-note').textContent()).toContain(reason);
    await look(resident, 'ballot-notice-override-phone');
  }, 180_000);
});
