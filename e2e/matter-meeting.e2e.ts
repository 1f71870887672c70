import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, expectAccessible, launchBrowser, openPage, screenshot } from './support/browser';
import { loginByPassword, queryDatabase } from './support/journey';
import { confirmPublicTextsInBrowser } from './support/publication';

const TITLE = '5幢2单元加装电梯协商';
const DESCRIPTION = '单元里老人多，上下楼吃力。希望全单元业主一起商量加装电梯的方案和费用分摊。';

/** Waits longer than vitest's 1 s default: the machine is shared and a live update takes a round trip. */
const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 15_000 });

const test = (page: Page, name: string) => page.locator(`[data-test="${name}"]:visible`);

describe('the convenor announces a matter, invites the unit and holds a meeting the resident signs in to', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser.close());

  it('plays accept → notice → invitations → announce → deliberate → meeting → sign-in → minutes', async () => {
    // 1. The resident of 5幢 2单元 raises the matter.
    const resident = await openPage(browser, PHONE);
    // Code login is the resident-home journey's; one code per phone a minute, so the password here.
    await loginByPassword(resident, '13900000008');
    await resident.goto('/matters/new');
    await poll(() => test(resident, 'matter-place').textContent()).toContain('2单元');
    await test(resident, 'matter-category-facilities').click();
    await test(resident, 'matter-title').fill(TITLE);
    await test(resident, 'matter-description').fill(DESCRIPTION);
    await test(resident, 'matter-submit').click();
    await resident.waitForURL(/\/matters\/\d+$/);
    const matterId = Number(new URL(resident.url()).pathname.split('/').pop());

    // 2. The convenor accepts it as 邀约协商 at building level.
    const convenor = await openPage(browser, DESKTOP);
    await loginByPassword(convenor, '13900000004');
    await convenor.goto(`/work/matters/${matterId}`);
    await poll(() => test(convenor, 'command-accept').isVisible()).toBe(true);
    await test(convenor, 'command-accept').click();
    const format = test(convenor, 'vet-format').filter({ hasText: '邀约协商' });
    await poll(() => format.count()).toBe(1);
    await format.click();
    await test(convenor, 'vet-level-building').click();
    // 召集人: the convenor accepting is chosen by default among the community's convenors.
    const chosen = convenor.locator('[data-test="vet-convenor"][aria-pressed="true"]');
    await poll(() => chosen.textContent()).toContain('（我）');
    expect(await chosen.textContent()).toMatch(/\*{4}/);
    await poll(() => convenor.evaluate(() => document.getAnimations().length)).toBe(0);
    await expectAccessible(convenor);
    await screenshot(convenor, 'matter-accept-convenor-desktop');
    await convenor.setViewportSize(PHONE);
    await chosen.scrollIntoViewIfNeeded();
    await screenshot(convenor, 'matter-accept-convenor-phone');
    await convenor.setViewportSize(DESKTOP);
    await test(convenor, 'vet-submit-accept').click();
    await poll(() => test(convenor, 'step-caption').textContent()).toContain('议题确定');

    // 3. 公示: announce is blocked until a topic notice and an invitation list exist.
    await poll(() => test(convenor, 'command-announce').isVisible()).toBe(true);
    expect(await test(convenor, 'command-announce').isDisabled()).toBe(true);
    expect(await test(convenor, 'command-blockers').first().textContent()).toContain('请先发布议题公示');
    await test(convenor, 'notice-title').fill('关于5幢2单元加装电梯的议题公示');
    await test(convenor, 'notice-body').fill('5幢2单元居民提出加装电梯，现公示议题，欢迎单元业主参与协商。');
    await test(convenor, 'notice-submit').click();
    await poll(() => test(convenor, 'notice-item').count()).toBe(1);
    expect(await test(convenor, 'notice-item').textContent()).toContain('议题公示');

    // 4. 邀约名单: 2单元's owners and the estate's property company from the pool.
    // 邀约协商 preselects the matter's own place (2单元) and the pool's 楼栋长 and 物业; the convenor
    // keeps the unit and drops the two tags (the company is invited as an organisation below).
    const unit = test(convenor, 'invite-place').filter({ hasText: '2单元' });
    await poll(() => unit.first().getAttribute('aria-pressed')).toBe('true');
    expect(await test(convenor, 'invite-prefilled').textContent()).toContain('邀约协商');
    await test(convenor, 'invite-tag-楼栋长').click();
    await test(convenor, 'invite-tag-物业').click();
    await test(convenor, 'invite-scope-owners').click();
    const company = test(convenor, 'invite-organisation').filter({ hasText: '物业' });
    await poll(() => company.count()).toBeGreaterThan(0);
    await company.first().click();
    await expectAccessible(convenor);
    await screenshot(convenor, 'matter-invite-desktop');
    await test(convenor, 'invite-submit').click();
    await poll(() => test(convenor, 'invite-added').textContent()).toMatch(/住户 [1-9]\d*/);
    expect(await test(convenor, 'invite-added').textContent()).toContain('外部 1');
    await poll(() => test(convenor, 'invite-item').count()).toBeGreaterThan(1);
    expect(await test(convenor, 'invite-item').filter({ hasText: '物业' }).textContent()).toContain('待回复');
    const invited = await test(convenor, 'invite-item').count();

    // 5. Announce, then start deliberation.
    await poll(() => test(convenor, 'command-announce').isDisabled()).toBe(false);
    await test(convenor, 'command-announce').click();
    await poll(() => test(convenor, 'step-caption').textContent()).toContain('公示');
    await poll(() => test(convenor, 'command-startDeliberation').isVisible()).toBe(true);
    await test(convenor, 'command-startDeliberation').click();
    await poll(() => test(convenor, 'step-caption').textContent()).toContain('协商');

    // 6. The resident sees the invitation in the inbox and answers 参加 on the matter page.
    await resident.goto('/');
    await poll(() => test(resident, 'home-inbox').textContent()).toContain('未读');
    await test(resident, 'home-inbox').click();
    await resident.waitForURL(/\/inbox$/);
    const item = test(resident, 'inbox-item').first();
    await poll(() => item.getAttribute('data-unread')).toBe('true');
    await expectAccessible(resident);
    await screenshot(resident, 'inbox-phone');
    await item.click();
    await resident.waitForURL(new RegExp(`/matters/${matterId}$`));
    await poll(() => test(resident, 'invite-mine').isVisible()).toBe(true);
    await test(resident, 'invite-yes').click();
    await poll(() => test(resident, 'invite-mine-reply').textContent()).toBe('参加');
    // The pressed button's colour transition would be measured half-way otherwise.
    await poll(() => resident.evaluate(() => document.getAnimations().length)).toBe(0);
    await expectAccessible(resident);
    await screenshot(resident, 'matter-invitation-phone');

    // 7. 会议: the convenor schedules an on-site meeting and opens its sign-in page.
    await test(convenor, 'meeting-mode-on_site').click();
    await test(convenor, 'meeting-venue').fill('河滨社区党群服务中心二楼会议室');
    await test(convenor, 'meeting-agenda').fill('一、介绍加装电梯方案\n二、讨论费用分摊\n三、听取低层业主意见');
    await expectAccessible(convenor);
    await test(convenor, 'meeting-submit').click();
    await poll(() => test(convenor, 'meeting-link').count()).toBe(1);
    await test(convenor, 'meeting-link').click();
    await convenor.waitForURL(/\/meetings\/\d+$/);
    const meetingPath = new URL(convenor.url()).pathname;
    await poll(() => test(convenor, 'meeting-code').textContent()).toMatch(/[A-Z0-9]{6}/);
    const code = (await test(convenor, 'meeting-code').textContent())!.trim();
    expect(await test(convenor, 'sheet-due').textContent()).toBe(String(invited));
    expect(await test(convenor, 'sheet-present').textContent()).toBe('0');
    await expectAccessible(convenor);
    await screenshot(convenor, 'meeting-staff-desktop');

    // 8. The resident signs in by the code read from the convenor's screen.
    await resident.goto(meetingPath);
    await poll(() => test(resident, 'signin-code').isVisible()).toBe(true);
    expect(await test(resident, 'meeting-code').count()).toBe(0);
    await test(resident, 'signin-code').fill(code);
    await expectAccessible(resident);
    await screenshot(resident, 'meeting-signin-phone');
    await test(resident, 'signin-submit').click();
    await poll(() => test(resident, 'signin-done').textContent()).toContain('已签到');
    await screenshot(resident, 'meeting-signed-in-phone');
    // A fresh load still shows 已签到 (the server remembers), and the meeting is now held.
    await resident.reload();
    await poll(() => test(resident, 'signin-done').textContent()).toContain('已签到');
    expect(await test(resident, 'signin-code').count()).toBe(0);
    expect(await test(resident, 'meeting-status').getAttribute('data-status')).toBe('held');
    await poll(async () => {
      await convenor.reload();
      return test(convenor, 'sheet-present').textContent();
    }).toBe('1');
    expect(await test(convenor, 'meeting-status').textContent()).toContain('已举行');

    // 9. 会议记录: drafted, opened for amendments, amended by the resident, answered and published.
    await test(convenor, 'minutes-draft').fill(
      '会议由社区召集，5幢2单元业主参加，张阿姨介绍了方案，电话13812345678。大家同意加装电梯。',
    );
    await test(convenor, 'minutes-save').click();
    await poll(() => test(convenor, 'minutes-status').textContent()).toContain('草稿');
    await test(convenor, 'minutes-days').fill('3');
    await test(convenor, 'minutes-open').click();
    await poll(() => test(convenor, 'minutes-status').textContent()).toContain('征求修改意见中');

    await resident.reload();
    await poll(() => test(resident, 'minutes-proposal').isVisible()).toBe(true);
    await test(resident, 'minutes-proposal').fill('请补充：低层业主对采光的顾虑。');
    await test(resident, 'minutes-propose').click();
    await poll(() => test(resident, 'minutes-amendment').count()).toBe(1);
    await expectAccessible(resident);
    await screenshot(resident, 'minutes-amend-phone');

    await convenor.reload();
    await poll(() => test(convenor, 'minutes-amendment').count()).toBe(1);
    await test(convenor, 'minutes-answer').fill('已补充到记录中');
    await test(convenor, 'minutes-accept').click();
    await poll(() => test(convenor, 'minutes-amendment').textContent()).toContain('已采纳');
    // The accepted amendment is folded into the text by hand before publishing.
    expect(await test(convenor, 'minutes-revise-hint').textContent()).toContain('采纳修改意见后');
    await test(convenor, 'minutes-draft').fill(
      '会议由社区召集，5幢2单元业主参加，张阿姨介绍了方案，电话13812345678。低层业主对采光有顾虑。大家同意加装电梯。',
    );
    await test(convenor, 'minutes-save').click();
    await poll(() => test(convenor, 'minutes-status').textContent()).toContain('征求修改意见中');
    await screenshot(convenor, 'minutes-revise-desktop');
    // Publishing asks for the redacted public text first (公开文本确认).
    await test(convenor, 'minutes-publish').click();
    await poll(() => convenor.getByRole('alert').first().textContent()).toContain('公开文本尚未确认');
    await confirmPublicTextsInBrowser(convenor, matterId, 'minutes', '低层业主对采光有顾虑');
    await poll(() => test(convenor, 'minutes-publish').isVisible()).toBe(true);
    await test(convenor, 'minutes-publish').click();
    await poll(() => test(convenor, 'minutes-status').textContent()).toContain('已发布');
    const published = (await test(convenor, 'minutes-published').textContent()) ?? '';
    expect(published).toContain('大家同意加装电梯');
    expect(published).toContain('低层业主对采光有顾虑');
    expect(published).not.toContain('13812345678');
    await expectAccessible(convenor);
    await screenshot(convenor, 'meeting-minutes-desktop');

    await resident.reload();
    await poll(() => test(resident, 'minutes-published').textContent()).toContain('大家同意加装电梯');
    await screenshot(resident, 'meeting-minutes-phone');

    const [row] = await queryDatabase<{ status: string }>('select status from matters where id = $1', [matterId]);
    expect(row).toEqual({ status: 'deliberating' });
    const [convened] = await queryDatabase<{ phone: string }>(
      'select a.phone from matters m join accounts a on a.id = m.convenor_account_id where m.id = $1',
      [matterId],
    );
    expect(convened).toEqual({ phone: '13900000004' });

    // 结束签到: after a confirmation the code stops working and both sides see the meeting closed.
    const dialog = convenor.locator('[data-test="confirm-dialog"]');
    await test(convenor, 'meeting-close').click();
    await poll(() => dialog.isVisible()).toBe(true);
    // axe measures contrast mid fade-in otherwise.
    await poll(() => convenor.evaluate(() => document.getAnimations().length)).toBe(0);
    await expectAccessible(convenor);
    await screenshot(convenor, 'meeting-close-confirm-desktop');
    await dialog.getByRole('button', { name: '结束签到' }).click();
    await poll(() => test(convenor, 'meeting-status').getAttribute('data-status')).toBe('closed');
    expect(await test(convenor, 'meeting-close').count()).toBe(0);
    await resident.reload();
    await poll(() => test(resident, 'meeting-status').getAttribute('data-status')).toBe('closed');
    await poll(() => test(resident, 'signin-done').isVisible()).toBe(true);

    // The other screen sizes: the workspace on a phone, the staff meeting page on a phone.
    await convenor.setViewportSize(PHONE);
    await convenor.reload();
    await poll(() => test(convenor, 'meeting-code').isVisible()).toBe(true);
    await screenshot(convenor, 'meeting-staff-phone');
    await convenor.goto(`/work/matters/${matterId}`);
    await poll(() => test(convenor, 'invite-section').isVisible()).toBe(true);
    await expectAccessible(convenor);
    await screenshot(convenor, 'matter-workspace-meeting-phone');
    await resident.setViewportSize(DESKTOP);
    await resident.goto(`/matters/${matterId}`);
    await poll(() => test(resident, 'invite-mine').isVisible()).toBe(true);
    await screenshot(resident, 'matter-invitation-desktop');
    // The matter's meeting list shows the meeting's state.
    await test(resident, 'meeting-status').scrollIntoViewIfNeeded();
    expect(await test(resident, 'meeting-status').getAttribute('data-status')).toBe('closed');
    await screenshot(resident, 'matter-meetings-status-desktop');
    await resident.context().close();
    await convenor.context().close();
  });
});
