import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, expectAccessible, launchBrowser, openPage, screenshot } from './support/browser';
import { byTest, loginByPassword, poll, queryDatabase } from './support/journey';
import { matterAt } from './support/matter-setup';
import { confirmPublicTextsInBrowser } from './support/publication';

const VENUE = '河滨社区党群服务中心二楼会议室';

describe('staff post 会议公示 and 结果公示 on screen, drafted from the record, and they reach the notice board', () => {
  let browser: Browser;
  let convenor: Page;
  let resident: Page;
  let visitor: Page;
  let communityId: number;

  beforeAll(async () => {
    browser = await launchBrowser();
    convenor = await openPage(browser, PHONE);
    resident = await openPage(browser, PHONE);
    visitor = await openPage(browser, PHONE);
    await loginByPassword(convenor, '13900000004');
    await loginByPassword(resident, '13900000008');
    const [community] = await queryDatabase<{ id: number }>("select id from places where code = 'TA-01-01'");
    communityId = community!.id;
  });
  afterAll(async () => browser.close());

  const noticesOf = (matterId: number) =>
    queryDatabase<{ kind: string; title: string; body: string; starts_on: string; ends_on: string }>(
      `select kind, title, body, starts_on::text, ends_on::text from notices where matter_id = $1 order by id`,
      [matterId],
    );

  it('drafts a meeting notice on the meeting page from its time, venue and agenda; staff edit, pick 5 days and post', async () => {
    const title = `楼道照明改造（会议公示 ${Date.now().toString(36)}）`;
    const { matterId, meetingId } = await matterAt(
      'deliberating',
      { convenor, resident },
      { title, visibility: 'public' },
    );
    await convenor.goto(`/meetings/${meetingId}`);
    const form = convenor.locator('[data-test="meeting-notice"]');
    await poll(() => form.locator('[data-test="notice-title"]').inputValue()).toBe(`关于召开“${title}”议事会议的公示`);
    const body = await form.locator('[data-test="notice-body"]').inputValue();
    expect(body).toContain(`会议地点：${VENUE}`);
    expect(body).toContain('会议议程：\n一、介绍方案\n二、讨论费用分摊');
    expect(body).toMatch(/定于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 召开议事会议/);
    await form.locator('[data-test="notice-body"]').fill(`${body}\n请携带房产证复印件。`);
    await form.locator('[data-test="notice-days-5"]').click();
    const startsOn = await form.locator('[data-test="notice-starts"]').inputValue();
    const endsOn = await form.locator('[data-test="notice-ends"]').inputValue();
    expect((Date.parse(endsOn) - Date.parse(startsOn)) / 86_400_000).toBe(4);
    await form.locator('[data-test="notice-submit"]').click();
    await poll(() => form.locator('[data-test="notice-posted"]').count()).toBe(1);
    await form.scrollIntoViewIfNeeded();
    await screenshot(convenor, 'notice-meeting-phone');
    await expectAccessible(convenor);
    const notices = await noticesOf(matterId);
    expect(notices.at(-1)).toMatchObject({ kind: 'meeting', starts_on: startsOn, ends_on: endsOn });
    expect(notices.at(-1)!.body).toContain('请携带房产证复印件。');

    // A public matter's notice waits for 公开文本确认, then shows on the community's notice board.
    await confirmPublicTextsInBrowser(convenor, matterId, 'notice_title', '议事会议的公示');
    await confirmPublicTextsInBrowser(convenor, matterId, 'notice_body', '请携带房产证复印件');
    await visitor.goto(`/public/places/${communityId}/notices`);
    const posted = visitor.locator('[data-test="notice"]', { hasText: `关于召开“${title}”议事会议的公示` });
    await poll(() => posted.count()).toBe(1);
    expect(await posted.textContent()).toContain(VENUE);

    // On the workspace the same form offers 议题公示 and 会议公示 with a meeting to choose.
    await convenor.setViewportSize(DESKTOP);
    await convenor.goto(`/work/matters/${matterId}`);
    await poll(() => byTest(convenor, 'notice-kind-meeting').count()).toBe(1);
    await byTest(convenor, 'notice-kind-meeting').click();
    await poll(() => byTest(convenor, 'notice-meeting').count()).toBe(1);
    await poll(() => byTest(convenor, 'notice-body').inputValue()).toContain(VENUE);
    await byTest(convenor, 'notice-section').scrollIntoViewIfNeeded();
    await screenshot(convenor, 'notice-meeting-desktop');
    await convenor.setViewportSize(PHONE);
  });

  it('drafts a result notice on the matter page from the resolution; the period is chosen and it is posted', async () => {
    const title = `小区停车位划线（${Date.now().toString(36)}）`;
    const { matterId } = await matterAt('resolved', { convenor, resident }, { title, visibility: 'public' });
    await convenor.goto(`/work/matters/${matterId}`);
    await poll(() => byTest(convenor, 'notice-title').inputValue()).toBe(`关于“${title}”协商结果的公示`);
    // Once decided, only a result notice is offered.
    expect(await byTest(convenor, 'notice-kind-topic').count()).toBe(0);
    const body = await byTest(convenor, 'notice-body').inputValue();
    expect(body).toContain('经协商一致，同意加装电梯，费用按楼层分摊。');
    expect(body).toContain('形成方式：会议协商一致');
    await byTest(convenor, 'notice-days-10').click();
    expect(await byTest(convenor, 'notice-submit').textContent()).toContain('发布结果公示');
    await byTest(convenor, 'notice-section').scrollIntoViewIfNeeded();
    await screenshot(convenor, 'notice-result-phone');
    await byTest(convenor, 'notice-submit').click();
    await poll(() => byTest(convenor, 'notice-posted').count()).toBe(1);
    // The topic notice posted on the way is listed too; the new one is the result notice of this title.
    await poll(() => byTest(convenor, 'notice-item').count()).toBe(2);
    const resultItem = byTest(convenor, 'notice-item').filter({ hasText: `结果公示 · 关于“${title}”协商结果的公示` });
    expect(await resultItem.count()).toBe(1);
    const notices = await noticesOf(matterId);
    expect(notices.at(-1)!.kind).toBe('result');
    expect((Date.parse(notices.at(-1)!.ends_on) - Date.parse(notices.at(-1)!.starts_on)) / 86_400_000).toBe(9);
    await expectAccessible(convenor);
    await convenor.setViewportSize(DESKTOP);
    await byTest(convenor, 'notice-section').scrollIntoViewIfNeeded();
    await screenshot(convenor, 'notice-result-desktop');
    await convenor.setViewportSize(PHONE);

    // A resident sees the notices but no form.
    await resident.goto(`/matters/${matterId}`);
    await poll(() => byTest(resident, 'notice-item').count()).toBeGreaterThan(0);
    expect(await byTest(resident, 'notice-form').count()).toBe(0);
  });
});
