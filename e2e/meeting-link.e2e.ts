import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, expectAccessible, launchBrowser, openPage, screenshot } from './support/browser';
import { byTest, loginByPassword, poll, queryDatabase } from './support/journey';
import { matterAt } from './support/matter-setup';

const meetingsOf = async (matterId: number) =>
  queryDatabase<{ id: number; online_link: string | null }>(
    'select id, online_link from meetings where matter_id = $1 order by id',
    [matterId],
  );

describe('a meeting link is only ever an http(s) link', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser.close());

  it('refuses a javascript: link in the form with the localised error, and shows older ones as text', async () => {
    const convenor = await openPage(browser, DESKTOP);
    const resident = await openPage(browser, PHONE);
    await loginByPassword(convenor, '13900000004');
    await loginByPassword(resident, '13900000008');
    const { matterId } = await matterAt('deliberating', { convenor, resident });
    const before = await meetingsOf(matterId);

    // The convenor schedules an online meeting and pastes a script where the room link goes.
    await convenor.goto(`/work/matters/${matterId}`);
    await poll(() => byTest(convenor, 'meeting-mode-online').isVisible()).toBe(true);
    await byTest(convenor, 'meeting-mode-online').click();
    await byTest(convenor, 'meeting-link-input').fill('javascript:alert(document.cookie)');
    await byTest(convenor, 'meeting-agenda').fill('一、线上讨论加装电梯方案');
    await byTest(convenor, 'meeting-submit').click();
    await poll(() => byTest(convenor, 'meeting-link-error').textContent()).toBe('链接须以 http:// 或 https:// 开头');
    expect(await byTest(convenor, 'meeting-link-input').getAttribute('aria-invalid')).toBe('true');
    expect(await meetingsOf(matterId)).toEqual(before);
    await expectAccessible(convenor);
    await byTest(convenor, 'meeting-link-input').scrollIntoViewIfNeeded();
    await screenshot(convenor, 'meeting-link-refused-desktop');
    await convenor.setViewportSize(PHONE);
    await byTest(convenor, 'meeting-link-input').scrollIntoViewIfNeeded();
    await screenshot(convenor, 'meeting-link-refused-phone');
    await convenor.setViewportSize(DESKTOP);

    // A real room link goes through, and the meeting page links to it.
    await byTest(convenor, 'meeting-link-input').fill('https://meeting.tencent.com/dm/yishi-5-2');
    await byTest(convenor, 'meeting-submit').click();
    await poll(async () => (await meetingsOf(matterId)).length).toBe(before.length + 1);
    expect(await byTest(convenor, 'meeting-link-error').count()).toBe(0);
    const added = (await meetingsOf(matterId)).at(-1)!;
    expect(added.online_link).toBe('https://meeting.tencent.com/dm/yishi-5-2');
    await convenor.goto(`/meetings/${added.id}`);
    await poll(() => byTest(convenor, 'meeting-online-link').getAttribute('href')).toBe(
      'https://meeting.tencent.com/dm/yishi-5-2',
    );

    // A link stored before links were checked is shown as text, never as something to click.
    await queryDatabase("update meetings set online_link = 'javascript:alert(1)' where id = $1", [added.id]);
    await convenor.reload();
    await poll(() => byTest(convenor, 'meeting-online-link-text').textContent()).toBe('javascript:alert(1)');
    expect(await convenor.locator('a[href^="javascript"]').count()).toBe(0);
  });
});
