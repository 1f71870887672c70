import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { confirmDialog, electorsOf, look, roomOf } from './ballot-elevator/ballot-steps';
import { DESKTOP, PHONE, launchBrowser, openPage } from './support/browser';
import { byTest, loginByPassword, poll, queryDatabase } from './support/journey';
import { matterAt } from './support/matter-setup';

const RESIDENT = '13900000008';

/**
 * A consultation (协商意见, not a statutory decision) on the lift's design: the owners of all of 5幢
 * approve one or more of two plans in a secret ballot that allows changes. The resident approves one
 * plan, then changes to the other (the receipt kept on the phone proves which secret choice to
 * replace); the grid worker takes a neighbour's choice at the door; the convenor closes early, which a
 * consultation allows; the result names the plan, and the resident's receipt shows the changed choice.
 */
describe('a secret consultation among options (认可投票)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser.close());

  it('approves, changes a secret vote, takes an assisted vote, closes early and reads the result', async () => {
    const convenor = await openPage(browser, DESKTOP);
    await loginByPassword(convenor, '13900000004');
    const resident = await openPage(browser, PHONE);
    await loginByPassword(resident, RESIDENT);
    const { matterId } = await matterAt('deliberating', { convenor, resident });

    // 1. Setup: approval voting, the owners of the whole building, secret, changes allowed, two plans.
    await convenor.goto(`/matters/${matterId}/ballots/new`);
    await byTest(convenor, 'setup-question').fill('5幢加装电梯选用哪个方案');
    await byTest(convenor, 'rule-approval').click();
    await poll(() => byTest(convenor, 'rule-words').textContent()).toContain('可选多个选项');
    await byTest(convenor, 'electorate-owners').click();
    await byTest(convenor, 'scope-place')
      .filter({ hasText: /^\s*5幢\s*$/ })
      .click();
    await byTest(convenor, 'secrecy-secret').click();
    await byTest(convenor, 'setup-allows-change').check();
    // Without options the server refuses, inline.
    await byTest(convenor, 'setup-submit').click();
    await poll(() => byTest(convenor, 'setup-error').isVisible()).toBe(true);
    await byTest(convenor, 'setup-options').fill('方案一：北侧贴墙加装\n方案二：南侧平层入户');
    await look(convenor, 'ballot-consultation-setup-desktop', 'ballot-setup');
    await byTest(convenor, 'setup-submit').click();
    await convenor.waitForURL(/\/ballots\/\d+\/manage$/);
    const ballotId = Number(convenor.url().match(/ballots\/(\d+)/)![1]);
    await byTest(convenor, 'ballot-open').click();
    await confirmDialog(convenor, '确定', 'ballot-consultation-open-desktop');
    await poll(() => byTest(convenor, 'opened-size').isVisible()).toBe(true);

    // 2. The resident approves plan one, then changes to plan two before the close.
    await resident.goto(`/ballots/${ballotId}`);
    await poll(() => byTest(resident, 'vote-option').count()).toBe(2);
    expect(await byTest(resident, 'ballot-kind').textContent()).toContain('协商意见');
    await byTest(resident, 'vote-option').first().click();
    await look(resident, 'ballot-approval-phone', 'my-vote');
    await byTest(resident, 'vote-next').click();
    await poll(() => byTest(resident, 'vote-confirm').textContent()).toContain('截止前可以更改');
    await byTest(resident, 'vote-submit').click();
    await poll(() => byTest(resident, 'receipt-code').count()).toBe(1);
    const first = (await byTest(resident, 'receipt-code').textContent())!.trim();
    await byTest(resident, 'vote-change').click();
    await byTest(resident, 'vote-option').nth(1).click();
    await byTest(resident, 'vote-next').click();
    await byTest(resident, 'vote-submit').click();
    await poll(async () => (await byTest(resident, 'receipt-code').textContent())?.trim()).not.toBe(first);
    const second = (await byTest(resident, 'receipt-code').textContent())!.trim();
    await look(resident, 'ballot-changed-phone', 'my-vote');

    // 3. The grid worker takes a neighbour's approval of plan one at the door.
    const neighbour = (await electorsOf(ballotId)).find((e) => e.phones.length === 0)!;
    const grid = await openPage(browser, DESKTOP);
    await loginByPassword(grid, '13900000005');
    await grid.goto(`/ballots/${ballotId}/manage`);
    await byTest(grid, 'assisted-voter').fill(roomOf(neighbour.label));
    // Wait for this search's answer (the list may still show an earlier one), then pick it with Enter.
    await poll(() => byTest(grid, 'picker-option').first().textContent()).toContain(roomOf(neighbour.label));
    await grid.keyboard.press('Enter');
    // On a busy machine a late search answer can re-pick the voter and reset the form: choose plan
    // one again until 下一步 is enabled (an approval option toggles, so only while it is not).
    await poll(async () => {
      if (await byTest(grid, 'assisted-next').isEnabled()) return true;
      await byTest(grid, 'assisted-option').first().click();
      await grid.waitForTimeout(500);
      return byTest(grid, 'assisted-next').isEnabled();
    }).toBe(true);
    await byTest(grid, 'assisted-next').click();
    await byTest(grid, 'vote-submit').click();
    await poll(() => byTest(grid, 'receipt-code').count()).toBe(1);
    await look(grid, 'ballot-assisted-desktop', 'assisted-entry');
    const channels = await queryDatabase<{ channel: string; n: number }>(
      'select channel, count(*)::int as n from ballot_votes where ballot_id = $1 group by channel order by channel',
      [ballotId],
    );
    expect(channels).toEqual([
      { channel: 'assisted', n: 1 },
      { channel: 'online', n: 1 },
    ]);
    // Secret: no choice sits on a vote row.
    const named = await queryDatabase('select 1 from ballot_votes where ballot_id = $1 and choice is not null', [
      ballotId,
    ]);
    expect(named).toHaveLength(0);

    // 4. A consultation may close early.
    await convenor.reload();
    await byTest(convenor, 'ballot-close').click();
    await confirmDialog(convenor, '确定', 'ballot-consultation-close-desktop');
    await poll(() => byTest(convenor, 'result-link').count()).toBe(1);
    await byTest(convenor, 'result-link').click();
    await poll(() => byTest(convenor, 'result-outcome').textContent()).toMatch(/票数相同|已选出/);
    expect(await byTest(convenor, 'result-outcome').textContent()).toContain('协商意见');
    await look(convenor, 'ballot-consultation-result-desktop');

    // 5. The resident's receipt shows the changed choice; the first code no longer counts.
    await resident.goto(`/ballots/${ballotId}`);
    await poll(() => byTest(resident, 'receipt-input').inputValue()).toBe(second);
    await byTest(resident, 'receipt-submit').click();
    await poll(() => byTest(resident, 'receipt-answer').textContent()).toContain('方案二：南侧平层入户');
    await look(resident, 'ballot-consultation-receipt-phone', 'receipt-check');
    await byTest(resident, 'receipt-input').fill(first);
    await byTest(resident, 'receipt-submit').click();
    // The replaced code is unknown (an error) or not counted.
    await poll(async () =>
      (await byTest(resident, 'receipt-check').getByRole('alert').count()) > 0
        ? 'refused'
        : await byTest(resident, 'receipt-answer').textContent(),
    ).toMatch(/refused|未计入/);
  });
});
