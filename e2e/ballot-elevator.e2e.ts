import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  confirmDialog,
  electorsOf,
  enterPaper,
  look,
  registerProxy,
  roomOf,
  voteOf,
  voteOnline,
} from './ballot-elevator/ballot-steps';
import { DESKTOP, PHONE, launchBrowser, openPage } from './support/browser';
import { byTest, loginByPassword, poll, queryDatabase } from './support/journey';
import { matterAt } from './support/matter-setup';

const RESIDENT = '13900000008';
const MEMBER = '13900000007';

/**
 * The check: the owners of 5幢 2单元 decide the elevator retrofit under Civil Code Art. 278
 * (major item: 2/3 take part by area and by heads, 3/4 of them agree by both). The convenor sets the
 * ballot up, with the top flat's owner required to consent, and opens it; the resident votes on a phone
 * and keeps the receipt; the pool member holds letters of authority from owners without an account
 * (one withdrawn before use) and votes for one of them; two paper ballots are entered
 * twice, by the convenor and the grid worker, and the one they read differently is settled by the town
 * officer; the convenor extends the vote, it closes, and the result shows heads and area with exact
 * fractions; the resident's receipt checks out. Refusals show inline: a second vote, a vote after close.
 */
describe('an owners’ ballot on the elevator retrofit (云票选)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser.close());

  // The whole story in one journey: on a shared machine it can take several minutes.
  it('sets up, votes online, by proxy and on paper, reconciles, extends, closes and checks a receipt', async () => {
    const convenor = await openPage(browser, DESKTOP);
    await loginByPassword(convenor, '13900000004');
    const resident = await openPage(browser, PHONE);
    await loginByPassword(resident, RESIDENT);
    const { matterId } = await matterAt('deliberating', { convenor, resident });

    // 1. 发起票决 from the matter's workspace: Art. 278 major, owners of the matter's unit (5幢 2单元).
    await convenor.goto(`/work/matters/${matterId}`);
    await byTest(convenor, 'ballot-new').click();
    await poll(() => byTest(convenor, 'rule-civil_code_278_major').count()).toBe(1);
    await byTest(convenor, 'setup-question').fill('是否同意5幢2单元加装电梯（费用按楼层分摊）');
    await byTest(convenor, 'rule-civil_code_278_major').click();
    await poll(() => byTest(convenor, 'rule-words').textContent()).toContain(
      '参与表决的业主专有面积和人数均需达到三分之二以上，同意的专有面积和人数均需达到参与表决者的四分之三以上',
    );
    expect(await byTest(convenor, 'electorate-owners').getAttribute('aria-pressed')).toBe('true');
    const unit = byTest(convenor, 'scope-place').filter({ hasText: '2单元' });
    expect(await unit.getAttribute('aria-pressed')).toBe('true');
    // The owner of the top flat, whose part the shaft's machine room takes, must consent individually.
    await byTest(convenor, 'required-show').click();
    await poll(() => byTest(convenor, 'required-dwelling').count()).toBeGreaterThan(1);
    const top = byTest(convenor, 'required-dwelling').last();
    const topRoom = (await top.textContent())!.trim().split(' ').pop()!;
    await top.click();
    expect(await top.getAttribute('aria-pressed')).toBe('true');
    await look(convenor, 'ballot-setup-desktop', 'ballot-setup');
    await byTest(convenor, 'setup-submit').click();
    await convenor.waitForURL(/\/ballots\/\d+\/manage$/);
    const ballotId = Number(convenor.url().match(/ballots\/(\d+)/)![1]);

    // 2. 开始投票 after a confirmation; the snapshot's size shows.
    await byTest(convenor, 'ballot-open').click();
    await confirmDialog(convenor, '确定', 'ballot-open-confirm-desktop');
    await poll(() => byTest(convenor, 'opened-size').textContent()).toMatch(/投票人 \d+ 人.*专有面积 [\d,]+\.\d\d m²/);
    const electors = await electorsOf(ballotId);
    const mine = electors.find((e) => e.phones.includes(RESIDENT))!;
    expect(mine, 'the resident owns a flat in 5幢 2单元').toBeTruthy();
    const memberOwns = electors.find((e) => e.phones.includes(MEMBER));
    // The others have no accounts: they vote through the member as proxy, or on paper.
    const others = electors.filter((e) => e.phones.length === 0);
    expect(others.length).toBeGreaterThanOrEqual(5);
    const [principalA, principalB, paperA, paperB] = others;
    await poll(() => byTest(convenor, 'elector').count()).toBeGreaterThan(0);
    await look(convenor, 'ballot-desk-desktop');

    // 3. The resident votes on a phone: the rule in plain words, live turnout, one tap, a confirmation.
    const stale = await resident.context().newPage();
    await stale.setViewportSize(PHONE);
    // The resident finds the ballot on the matter's page (票决 · 去投票).
    await resident.goto(`/matters/${matterId}`);
    await poll(() => byTest(resident, 'ballot-item').count()).toBe(1);
    expect(await byTest(resident, 'ballot-new').count()).toBe(0);
    await byTest(resident, 'ballot-link').click();
    await stale.goto(`/ballots/${ballotId}`);
    for (const page of [resident, stale]) await poll(() => byTest(page, 'vote-for').isVisible()).toBe(true);
    expect(await byTest(resident, 'ballot-kind').textContent()).toContain('法定表决');
    expect(await byTest(resident, 'ballot-who').textContent()).toMatch(/共 \d+ 户\/人.*专有面积 [\d,]+\.\d\d m²/);
    await look(resident, 'ballot-vote-phone');
    await voteOnline(resident, 'vote', 'for');
    expect(await byTest(resident, 'vote-confirm').textContent()).toMatch(/确认投票：同意？\s*提交后不可更改/);
    await look(resident, 'ballot-vote-confirm-phone');
    await byTest(resident, 'vote-submit').click();
    await poll(() => byTest(resident, 'receipt-code').textContent()).toMatch(/^\s*\S{8,}\s*$/);
    const receipt = (await byTest(resident, 'receipt-code').textContent())!.trim();
    expect(await resident.evaluate((id) => localStorage.getItem(`yishi.ballot.${id}.receipt`), ballotId)).toBe(receipt);
    await poll(() => byTest(resident, 'turnout-heads').textContent()).toContain(`1 / ${electors.length} 人`);
    await look(resident, 'ballot-receipt-phone', 'my-vote');
    expect(await voteOf(ballotId, mine.id)).toEqual({ channel: 'online', choice: 'for' });
    // The convenor's desk follows the turnout live.
    await poll(() => byTest(convenor, 'turnout-heads').textContent()).toContain(`1 / ${electors.length} 人`);

    // Refusal: a second vote from a page opened before the first one.
    await voteOnline(stale, 'vote', 'against');
    await byTest(stale, 'vote-submit').click();
    await poll(() => byTest(stale, 'vote-error').textContent()).toContain('已投过票');
    await look(stale, 'ballot-second-vote-refused-phone');
    // Going back from the refusal brings the page up to date.
    await byTest(stale, 'vote-back').click();
    await poll(() => byTest(stale, 'already-voted').isVisible()).toBe(true);
    expect(await byTest(stale, 'vote-for').count()).toBe(0);
    await stale.close();
    expect(await voteOf(ballotId, mine.id)).toEqual({ channel: 'online', choice: 'for' });

    // 4. 委托代投: the member holds letters of authority from two owners without an account.
    await registerProxy(convenor, roomOf(principalA!.label), MEMBER);
    await registerProxy(convenor, roomOf(principalB!.label), MEMBER);
    // A third letter is withdrawn before use: revoked, it frees a place under the cap.
    const [, , , , spare] = others;
    await registerProxy(convenor, roomOf(spare!.label), MEMBER);
    await byTest(convenor, 'proxy-item')
      .filter({ hasText: roomOf(spare!.label) })
      .getByRole('button')
      .click();
    await poll(() => byTest(convenor, 'proxy-item').filter({ hasText: '已撤销' }).count()).toBe(1);
    await look(convenor, 'ballot-proxies-desktop', 'proxy-registry');
    const member = await openPage(browser, PHONE);
    await loginByPassword(member, MEMBER);
    await member.goto(`/ballots/${ballotId}`);
    await poll(() => byTest(member, 'proxy-votes').isVisible()).toBe(true);
    if (memberOwns) {
      await voteOnline(member, 'vote', 'for');
      await byTest(member, 'vote-submit').click();
      await poll(() => byTest(member, 'receipt-code').count()).toBe(1);
    }
    await look(member, 'ballot-proxy-phone', 'proxy-votes');
    await voteOnline(member, `proxy-${principalA!.id}`, 'for');
    expect(await byTest(member, 'vote-confirm').textContent()).toContain(principalA!.label);
    await byTest(member, 'vote-submit').click();
    await poll(() => voteOf(ballotId, principalA!.id)).toEqual({ channel: 'proxy', choice: 'for' });

    // 5. Paper ballots, each entered twice: the convenor, then the grid worker; ballot 2 is read differently.
    await convenor.goto(`/ballots/${ballotId}/papers`);
    await enterPaper(convenor, '1', roomOf(paperA!.label), '1');
    await enterPaper(convenor, '2', roomOf(paperB!.label), '1');
    await poll(() => byTest(convenor, 'paper-recent-status').allTextContents()).toEqual([
      '待第二人录入',
      '待第二人录入',
    ]);
    await look(convenor, 'ballot-paper-entry-desktop');
    const grid = await openPage(browser, DESKTOP);
    await loginByPassword(grid, '13900000005');
    await grid.goto(`/ballots/${ballotId}/papers`);
    await enterPaper(grid, '1', roomOf(paperA!.label), '1');
    await enterPaper(grid, '2', roomOf(paperB!.label), '2');
    await poll(() => byTest(grid, 'paper-recent-status').allTextContents()).toEqual(['两次录入不一致', '已计入']);
    await look(grid, 'ballot-paper-mismatch-desktop');
    expect(await voteOf(ballotId, paperA!.id)).toEqual({ channel: 'paper', choice: 'for' });
    expect(await voteOf(ballotId, paperB!.id)).toBeNull();

    // The town officer, who entered neither, settles ballot 2 by the first reading (同意).
    const officer = await openPage(browser, DESKTOP);
    await loginByPassword(officer, '13900000003');
    await officer.goto(`/ballots/${ballotId}/manage`);
    await poll(() => byTest(officer, 'reconcile-paper').count()).toBe(1);
    expect(await byTest(officer, 'reconcile-entry').allTextContents()).toEqual([
      expect.stringContaining('同意'),
      expect.stringContaining('反对'),
    ]);
    await look(officer, 'ballot-reconcile-desktop', 'reconcile-list');
    await byTest(officer, 'reconcile-pick').first().click();
    await poll(() => byTest(officer, 'reconcile-paper').count()).toBe(0);
    expect(await voteOf(ballotId, paperB!.id)).toEqual({ channel: 'paper', choice: 'for' });

    // 6. Too few have voted: the convenor may not close a statutory ballot early, and extends it.
    await convenor.goto(`/ballots/${ballotId}/manage`);
    await byTest(convenor, 'ballot-close').click();
    await confirmDialog(convenor, '确定', 'ballot-close-confirm-desktop');
    await poll(() => byTest(convenor, 'actions-error').textContent()).toContain('法定表决');
    const before = (
      await queryDatabase<{ at: Date }>('select closes_at as at from ballots where id = $1', [ballotId])
    )[0]!.at;
    await byTest(convenor, 'extend-reason').fill('参与人数不足，延长三天');
    await byTest(convenor, 'extend-submit').click();
    await poll(async () => {
      const [row] = await queryDatabase<{ at: Date }>('select closes_at as at from ballots where id = $1', [ballotId]);
      return row!.at.getTime() > before.getTime();
    }).toBe(true);
    await look(convenor, 'ballot-extended-desktop', 'ballot-actions');

    // The extended time runs out. (Moving closes_at into the past stands for the clock.)
    await queryDatabase("update ballots set closes_at = now() - interval '1 minute' where id = $1", [ballotId]);
    // Refusal: the proxy, whose page was open before the close, votes for the second principal too late.
    expect(await byTest(member, `proxy-${principalB!.id}-for`).isVisible()).toBe(true);
    await voteOnline(member, `proxy-${principalB!.id}`, 'for');
    await byTest(member, 'vote-submit').click();
    await poll(() => byTest(member, 'vote-error').textContent()).toContain('表决已结束');
    await look(member, 'ballot-vote-after-close-phone');
    expect(await voteOf(ballotId, principalB!.id)).toBeNull();

    // 7. Past its time a ballot that took papers is counting (计票中) at the first look (or by the
    // deadline job); every paper is settled, so the convenor closes the count. The member's page then
    // shows the result, the convenor's desk links to it; the result with heads and area.
    await convenor.reload();
    await poll(() => byTest(convenor, 'ballot-status').textContent()).toContain('计票中');
    await poll(() => byTest(convenor, 'counting-summary').textContent()).toContain('可以结束计票');
    await byTest(convenor, 'count-close').click();
    await confirmDialog(convenor, '确定', 'ballot-count-close-desktop');
    await poll(() => byTest(convenor, 'result-link').count()).toBe(1);
    // The member's page followed the ballot live (counting, then closed) and shows the result.
    await poll(() => byTest(member, 'result-outcome').isVisible()).toBe(true);
    await look(member, 'ballot-closed-phone', 'ballot-result');
    await poll(async () => (await queryDatabase('select status from ballots where id = $1', [ballotId]))[0]).toEqual({
      status: 'closed',
    });
    await byTest(convenor, 'result-link').click();
    await poll(() => byTest(convenor, 'result-outcome').isVisible()).toBe(true);
    const votes = memberOwns ? 5 : 4;
    expect(await byTest(convenor, 'result-outcome').textContent()).toMatch(/通过|未通过|未达法定人数/);
    const checks = await byTest(convenor, 'result-check').allTextContents();
    expect(checks.some((c) => new RegExp(`参与人数 ${votes}/${electors.length}（[\\d.]+%）≥ 2/3`).test(c))).toBe(true);
    expect(checks.some((c) => /参与面积 [\d,]+\.\d\d\/[\d,]+\.\d\d m²（[\d.]+%）≥ 2\/3 [✓✗]/.test(c))).toBe(true);
    expect(await byTest(convenor, 'result-missing').textContent()).toContain(topRoom);
    expect(await byTest(convenor, 'result-channels').textContent()).toContain(
      `线上 ${memberOwns ? 2 : 1} · 委托代投 1 · 上门/流动票箱 0 · 纸质票 2`,
    );
    await poll(() => convenor.locator('[data-test="result-chart"] svg').count()).toBeGreaterThan(0);
    expect(await byTest(convenor, 'result-counts').textContent()).toContain(`同意${votes}`);
    await look(convenor, 'ballot-result-desktop');

    // 8. The resident checks the receipt kept on the phone, and sees the result there too.
    await resident.goto(`/ballots/${ballotId}`);
    await poll(() => byTest(resident, 'receipt-input').inputValue()).toBe(receipt);
    await byTest(resident, 'receipt-submit').click();
    await poll(() => byTest(resident, 'receipt-answer').textContent()).toContain('已计入，您的选择：同意');
    await look(resident, 'ballot-receipt-check-phone', 'receipt-check');
    await resident.goto(`/ballots/${ballotId}/result`);
    await poll(() => byTest(resident, 'result-outcome').isVisible()).toBe(true);
    await look(resident, 'ballot-result-phone');

    // The resolution can now rest on this ballot.
    await convenor.goto(`/work/matters/${matterId}`);
    await byTest(convenor, 'resolution-basis-ballot').click();
    await poll(() => byTest(convenor, 'resolution-ballot-option').count()).toBe(1);
    expect(await byTest(convenor, 'resolution-ballot-option').getAttribute('aria-pressed')).toBe('true');
  }, 360_000);
});
