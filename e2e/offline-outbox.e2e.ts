import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, expectAccessible, launchBrowser, openPage, screenshot } from './support/browser';
import { byTest, loginByPassword, poll, queryDatabase } from './support/journey';
import { call, matterAt, placeId } from './support/matter-setup';

const GRID = '13900000005';
const VISITS = ['入户回访：电梯运行平稳', '电话回访：老人出行方便了', '入户回访：噪音已解决'];

/** Waits until the service worker controls the page, so its reads are kept from now on. */
async function waitForServiceWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (navigator.serviceWorker.controller) return;
    await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve));
  });
}

/** How many drafts the phone keeps (runs in the page). */
function keptDraftCount(): Promise<number> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('yishi-offline');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const count = open.result.transaction('drafts').objectStore('drafts').count();
      count.onsuccess = () => {
        open.result.close();
        resolve(count.result);
      };
    };
  });
}

/** Records one follow-up visit with `stars` and `comment` on the open matter page. */
async function recordVisit(page: Page, comment: string, stars: number): Promise<void> {
  await byTest(page, 'followup-method-visit').click();
  await byTest(page, `followup-star-${stars}`).click();
  await byTest(page, 'followup-comment').fill(comment);
  await byTest(page, 'followup-submit').click();
  await poll(() => byTest(page, 'followup-queued').isVisible()).toBe(true);
  await poll(() => byTest(page, 'followup-comment').inputValue()).toBe('');
}

/** An assisted vote (同意) for the first voter the picker offers, on the open ballot page. */
async function assistFirstVoter(page: Page): Promise<void> {
  await byTest(page, 'assisted-voter').focus();
  await page.keyboard.press('ArrowDown');
  await poll(() => byTest(page, 'picker-option').count()).toBeGreaterThan(0);
  await page.keyboard.press('Enter');
  await byTest(page, 'assisted-for').click();
  await byTest(page, 'vote-submit').click();
  await poll(() => byTest(page, 'assisted-queued').isVisible()).toBe(true);
}

/**
 * 离线待提交: a grid worker goes door to door without signal. The app was opened once online; offline
 * they record three follow-up visits and a resident's vote at the door, see 待提交 4, and once the
 * network returns everything is sent, each exactly once. A reload offline still opens the app, and a
 * vote on a ballot that closed meanwhile comes back as a conflict with advice.
 */
describe('offline outbox (待提交)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser.close());

  it('keeps writes made offline and sends each once on reconnect', async () => {
    const convenor = await openPage(browser, DESKTOP);
    await loginByPassword(convenor, '13900000004');
    const resident = await openPage(browser, PHONE);
    await loginByPassword(resident, '13900000008');
    const { matterId } = await matterAt('reviewed', { convenor, resident });
    const { matterId: votedMatterId } = await matterAt('deliberating', { convenor, resident });
    const ballot = await call<{ id: number }>(convenor, 'POST', `/matters/${votedMatterId}/ballots`, {
      question: '是否同意加装电梯',
      ruleKey: 'simple_majority',
      secrecy: 'named',
      allowsChange: false,
      closesAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      electorateKind: 'owners',
      scopePlaceId: await placeId('TA-01-01-01-05-2'),
    });
    await call(convenor, 'POST', `/ballots/${ballot.id}/open`, { noticeOverride: { reason: '入户协助投票' } });

    // 1. Online once: the app is installed in the browser and the worker's pages are read.
    const grid = await openPage(browser, PHONE);
    await loginByPassword(grid, GRID);
    await waitForServiceWorker(grid);
    const manifest = await grid.evaluate(async () => (await fetch('/manifest.webmanifest')).json());
    expect(manifest).toMatchObject({ name: '议事', short_name: '议事', theme_color: '#1a5fb4' });
    await grid.goto(`/ballots/${ballot.id}/manage`);
    await poll(() => byTest(grid, 'assisted-voter').isVisible()).toBe(true);
    // The first page of voters, as the picker asks for it, is kept for the door.
    await byTest(grid, 'assisted-voter').focus();
    await grid.keyboard.press('ArrowDown');
    await poll(() => byTest(grid, 'picker-option').count()).toBeGreaterThan(0);
    await grid.keyboard.press('Escape');
    await grid.goto(`/matters/${matterId}`);
    await poll(() => byTest(grid, 'followup-submit').isVisible()).toBe(true);
    // A typed comment survives a reload (its draft is kept on the phone).
    await byTest(grid, 'followup-comment').fill('草稿：三楼住户不在家');
    await poll(() => grid.evaluate(keptDraftCount)).toBe(1);
    await grid.reload();
    await poll(() => byTest(grid, 'followup-comment').inputValue()).toBe('草稿：三楼住户不在家');

    // 2. No signal: three visits and one assisted vote wait on the phone.
    await grid.context().setOffline(true);
    await poll(() => byTest(grid, 'outbox-offline').isVisible()).toBe(true);
    for (const [i, visit] of VISITS.entries()) await recordVisit(grid, visit, 5 - i);
    await expectAccessible(grid);
    await screenshot(grid, 'outbox-followup-queued-phone');
    await grid.goBack();
    await poll(() => byTest(grid, 'assisted-voter').isVisible()).toBe(true);
    await assistFirstVoter(grid);
    await poll(() => byTest(grid, 'outbox-count').textContent()).toBe('待提交 4');

    await byTest(grid, 'outbox-link').click();
    await poll(() => byTest(grid, 'outbox-item').count()).toBe(4);
    expect(await byTest(grid, 'outbox-item-state').allTextContents()).toEqual(Array(4).fill('等待提交'));
    await expectAccessible(grid);
    await screenshot(grid, 'outbox-offline-phone');
    // Nothing reached the server.
    const noneYet = await queryDatabase('select 1 from follow_ups where matter_id = $1', [matterId]);
    expect(noneYet).toHaveLength(0);

    // 3. The app shell opens offline after the first visit: a reload still shows the outbox.
    await grid.reload();
    await poll(() => byTest(grid, 'outbox-item').count()).toBe(4);
    expect(await grid.title()).toContain('待提交');

    // 4. Signal again: everything is sent, in order, each once.
    await grid.context().setOffline(false);
    await poll(async () => (await byTest(grid, 'outbox-item-state').allTextContents()).join()).toBe(
      Array(4).fill('已提交').join(),
    );
    await poll(() => byTest(grid, 'outbox-count').count()).toBe(0);
    expect(await byTest(grid, 'outbox-item-receipt').count()).toBe(1);
    const visits = await queryDatabase<{ comment: string; n: number }>(
      'select comment, count(*)::int as n from follow_ups where matter_id = $1 group by comment order by comment',
      [matterId],
    );
    expect(visits).toEqual([...VISITS].sort().map((comment) => ({ comment, n: 1 })));
    const votes = await queryDatabase<{ channel: string; n: number }>(
      'select channel, count(*)::int as n from ballot_votes where ballot_id = $1 group by channel',
      [ballot.id],
    );
    expect(votes).toEqual([{ channel: 'assisted', n: 1 }]);
    const keys = await queryDatabase<{ n: number }>(
      `select count(*)::int as n from idempotency_keys k join accounts a on a.id = k.account_id
        where a.phone = $1 and k.status_code between 200 and 299`,
      [GRID],
    );
    expect(keys[0]!.n).toBeGreaterThanOrEqual(4);
    await expectAccessible(grid);
    await screenshot(grid, 'outbox-sent-phone');

    // 5. A vote taken offline on a ballot that closed meanwhile: not counted, and the worker is told why.
    await grid.goto(`/ballots/${ballot.id}/manage`);
    await poll(() => byTest(grid, 'assisted-voter').isVisible()).toBe(true);
    await grid.context().setOffline(true);
    await assistFirstVoter(grid);
    await queryDatabase("update ballots set closes_at = now() - interval '1 minute' where id = $1", [ballot.id]);
    await byTest(grid, 'outbox-link').click();
    await grid.context().setOffline(false);
    await poll(() => byTest(grid, 'outbox-item-hint').count()).toBe(1);
    expect(await byTest(grid, 'outbox-item-hint').textContent()).toContain('投票已结束');
    expect(await byTest(grid, 'outbox-open').getAttribute('href')).toBe(`/ballots/${ballot.id}`);
    await poll(() => byTest(grid, 'outbox-conflicts').textContent()).toBe('1 项需处理');
    await expectAccessible(grid);
    await screenshot(grid, 'outbox-conflict-phone');
    await grid.setViewportSize(DESKTOP);
    await screenshot(grid, 'outbox-conflict-desktop');

    // Discarding takes it off the phone.
    await byTest(grid, 'outbox-discard').click();
    await grid.locator('[data-test="confirm-dialog"]').getByRole('button', { name: '丢弃' }).click();
    await poll(() => byTest(grid, 'outbox-item-hint').count()).toBe(0);
    const counted = await queryDatabase('select 1 from ballot_votes where ballot_id = $1', [ballot.id]);
    expect(counted).toHaveLength(1);
    for (const page of [convenor, resident, grid]) await page.context().close();
  });
});
