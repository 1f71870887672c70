import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, expectAccessible, launchBrowser, openPage, screenshot } from './support/browser';
import { byTest, loginByPassword, poll, queryDatabase } from './support/journey';
import { call, matterAt } from './support/matter-setup';

const RESIDENT = '13900000008';
const CONVENOR = '13900000004';
const VENUE = '河滨社区党群服务中心二楼会议室';

/** The resident's inbox item whose title holds `text`, after opening the inbox. */
async function inboxItem(page: Page, text: string) {
  await page.goto('/inbox');
  const item = byTest(page, 'inbox-item').filter({ hasText: text });
  await poll(() => item.count()).toBe(1);
  return item;
}

/** Phone and desktop screenshots of the inbox with `item` in view, checked by axe. */
async function lookAtInbox(page: Page, item: Awaited<ReturnType<typeof inboxItem>>, name: string) {
  await item.scrollIntoViewIfNeeded();
  await expectAccessible(page);
  await screenshot(page, `${name}-phone`);
  await page.setViewportSize(DESKTOP);
  await item.scrollIntoViewIfNeeded();
  await screenshot(page, `${name}-desktop`);
  await page.setViewportSize(PHONE);
}

describe('stakeholders hear of their matter: 受理, the meeting, the ballot and its result', () => {
  let browser: Browser;
  let resident: Page;
  let convenor: Page;
  beforeAll(async () => {
    browser = await launchBrowser();
    resident = await openPage(browser, PHONE);
    await loginByPassword(resident, RESIDENT);
    convenor = await openPage(browser, DESKTOP);
    await loginByPassword(convenor, CONVENOR);
  });
  afterAll(async () => browser.close());

  it('tells the proposer on the phone that the convenor accepted the matter', async () => {
    const title = `5幢2单元楼道灯（${Date.now().toString(36)}）`;
    const unit = await queryDatabase<{ id: number }>("select id from places where code = 'TA-01-01-01-05-2'");
    const matter = await call<{ id: number }>(resident, 'POST', '/matters', {
      placeId: unit[0]!.id,
      level: 'building',
      kind: 'livelihood',
      category: 'facilities',
      title,
      description: '楼道灯坏了半个月，晚上上下楼看不清。',
    });
    // The convenor accepts it on the work page, as staff do.
    await convenor.goto(`/work/matters/${matter.id}`);
    await poll(() => byTest(convenor, 'command-accept').isVisible()).toBe(true);
    await byTest(convenor, 'command-accept').click();
    await byTest(convenor, 'vet-format').filter({ hasText: '邀约协商' }).click();
    await byTest(convenor, 'vet-level-building').click();
    await byTest(convenor, 'vet-submit-accept').click();
    await poll(
      async () =>
        (await queryDatabase<{ status: string }>('select status from matters where id = $1', [matter.id]))[0]?.status,
    ).toBe('accepted');

    await resident.goto('/');
    await poll(() => byTest(resident, 'home-inbox').textContent()).toMatch(/条未读/);
    const item = await inboxItem(resident, `已受理：${title}`);
    expect(await item.getAttribute('data-unread')).toBe('true');
    expect(await item.locator('[data-test="inbox-kind"]').textContent()).toBe('议题进展');
    expect(await item.textContent()).toContain('议题已受理，将进入公示和协商。');
    await lookAtInbox(resident, item, 'notification-accepted');
    await item.click();
    await resident.waitForURL(new RegExp(`/matters/${matter.id}$`));
  });

  it('gives an invitee the meeting’s time and venue, and opens the meeting', async () => {
    const { matterId, meetingId } = await matterAt('deliberating', { convenor, resident });
    const [matter] = await queryDatabase<{ title: string }>('select title from matters where id = $1', [matterId]);
    const item = await inboxItem(resident, `议事会议通知：${matter!.title}`);
    expect(await item.locator('[data-test="inbox-kind"]').textContent()).toBe('会议通知');
    const body = await item.textContent();
    expect(body).toContain(`地点：${VENUE}`);
    expect(body).toMatch(/时间：\d{1,2}月\d{1,2}日 \d{2}:\d{2}/);
    await lookAtInbox(resident, item, 'notification-meeting');
    await item.click();
    await resident.waitForURL(new RegExp(`/meetings/${meetingId}$`));
  });

  it('tells an owner the ballot opened, with its closing time, and later its result', async () => {
    const { matterId } = await matterAt('deliberating', { convenor, resident });
    const [matter] = await queryDatabase<{ title: string }>('select title from matters where id = $1', [matterId]);
    const unit = await queryDatabase<{ id: number }>("select id from places where code = 'TA-01-01-01-05-2'");
    const closesAt = new Date(Date.now() + 3 * 86_400_000);
    closesAt.setUTCHours(10, 0, 0, 0);
    const ballot = await call<{ id: number }>(convenor, 'POST', `/matters/${matterId}/ballots`, {
      question: '是否同意加装电梯？',
      ruleKey: 'civil_code_278_general',
      secrecy: 'named',
      allowsChange: false,
      closesAt: closesAt.toISOString(),
      electorateKind: 'owners',
      scopePlaceId: unit[0]!.id,
    });
    await call(convenor, 'POST', `/ballots/${ballot.id}/open`, { noticeOverride: { reason: '业主已线下知悉' } });

    const opened = await inboxItem(resident, `投票开始：${matter!.title}`);
    expect(await opened.locator('[data-test="inbox-kind"]').textContent()).toBe('投票通知');
    const china = new Date(closesAt.getTime() + 8 * 3_600_000);
    expect(await opened.textContent()).toContain(`截止时间：${china.getUTCMonth() + 1}月${china.getUTCDate()}日 18:00`);
    await lookAtInbox(resident, opened, 'notification-ballot-open');
    await opened.click();
    await resident.waitForURL(new RegExp(`/ballots/${ballot.id}$`));

    // A statutory ballot closes at its deadline: moved into the past, the next look at the ballot closes it.
    await queryDatabase("update ballots set closes_at = now() - interval '1 minute' where id = $1", [ballot.id]);
    await call(resident, 'GET', `/ballots/${ballot.id}`);
    const result = await inboxItem(resident, `投票结果：${matter!.title}`);
    expect(await result.locator('[data-test="inbox-kind"]').textContent()).toBe('结果通知');
    expect(await result.textContent()).toMatch(/投票结束，结果：/);
    await lookAtInbox(resident, result, 'notification-ballot-result');
  });

  it('lets the resident keep texts for ballots but not for results in 我的设置', async () => {
    await resident.goto('/');
    await byTest(resident, 'home-notification-settings').click();
    await resident.waitForURL(/\/account\/settings$/);
    const resultSms = byTest(resident, 'setting-result-sms');
    await poll(() => resultSms.getAttribute('data-on')).toBe('true');
    expect(await byTest(resident, 'setting-result-inbox').getAttribute('aria-disabled')).toBe('true');
    await resultSms.click();
    await poll(() => resultSms.getAttribute('data-on')).toBe('false');
    expect(await byTest(resident, 'settings-saved').textContent()).toBe('已保存：结果通知 · 短信');
    await expectAccessible(resident);
    await screenshot(resident, 'account-settings-phone');
    await resident.setViewportSize(DESKTOP);
    await screenshot(resident, 'account-settings-desktop');
    await resident.setViewportSize(PHONE);
    // Back on, so other journeys find the defaults.
    await call(resident, 'PUT', '/account/notification-settings', {
      settings: [{ kind: 'result', channel: 'sms', isEnabled: true }],
    });
  });
});
