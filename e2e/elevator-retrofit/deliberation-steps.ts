import { expect } from 'vitest';
import { expectAccessible, screenshot } from '../support/browser';
import { byTest, photoFile, poll } from '../support/journey';
import { DESCRIPTION, TITLE, idFromUrl, type Cast } from './cast';
import { confirmPublicTextsInBrowser } from '../support/publication';

/** 1. 议题收集: the resident raises the matter on the phone with a photo of the stairwell. */
export async function raiseWithPhoto({ resident }: Cast): Promise<number> {
  await resident.goto('/matters/new');
  await poll(() => byTest(resident, 'matter-place').textContent()).toContain('2单元');
  await byTest(resident, 'matter-category-facilities').click();
  await byTest(resident, 'matter-title').fill(TITLE);
  await byTest(resident, 'matter-description').fill(DESCRIPTION);
  await resident.locator('[data-test="matter-photos"]').setInputFiles([photoFile('stairwell.png')]);
  await submitRaise(resident);
  const matterId = idFromUrl(resident);
  await poll(() => byTest(resident, 'matter-photo').count()).toBe(1);
  await screenshot(resident, 'elevator-raised-phone');
  return matterId;
}

/** Submitting may first show similar open matters; the resident goes on with their own. */
async function submitRaise(resident: Cast['resident']): Promise<void> {
  await byTest(resident, 'matter-submit').click();
  await resident.waitForURL(/\/matters\/\d+$/);
}

/** 联名: a neighbour supports it and the count goes up on the proposer's page without a reload. */
export async function neighbourSupports({ neighbour, resident }: Cast, matterId: number): Promise<void> {
  await neighbour.goto(`/matters/${matterId}`);
  await byTest(neighbour, 'support-button').click();
  await poll(() => byTest(neighbour, 'support-count').textContent()).toContain('1');
  await poll(() => byTest(resident, 'support-count').textContent()).toContain('1');
}

/**
 * 2–3. 议题确定 and 公示告知: accepted as 邀约协商 at building level; the unit's owners, the property
 * company and a lawyer from the member pool are invited; announced; deliberation starts.
 */
export async function acceptAndAnnounce({ convenor }: Cast, matterId: number): Promise<void> {
  await convenor.goto(`/work/matters/${matterId}`);
  await poll(() => byTest(convenor, 'command-accept').isVisible()).toBe(true);
  await byTest(convenor, 'command-accept').click();
  const format = byTest(convenor, 'vet-format').filter({ hasText: '邀约协商' });
  await poll(() => format.count()).toBe(1);
  await format.click();
  await byTest(convenor, 'vet-level-building').click();
  await byTest(convenor, 'vet-submit-accept').click();
  await poll(() => byTest(convenor, 'step-caption').textContent()).toContain('议题确定');

  await byTest(convenor, 'notice-title').fill('关于5幢2单元加装电梯的议题公示');
  await byTest(convenor, 'notice-body').fill('5幢2单元居民提出加装电梯，现公示议题，欢迎单元业主参与协商。');
  await byTest(convenor, 'notice-submit').click();
  await poll(() => byTest(convenor, 'notice-item').count()).toBe(1);

  // 邀约协商 preselects the matter's own place (2单元) and the pool's 楼栋长 and 物业; the convenor
  // keeps the unit and drops the two tags (the estate's company is invited as an organisation below).
  const unit = byTest(convenor, 'invite-place').filter({ hasText: '2单元' });
  await poll(() => unit.first().getAttribute('aria-pressed')).toBe('true');
  await byTest(convenor, 'invite-tag-楼栋长').click();
  await byTest(convenor, 'invite-tag-物业').click();
  await byTest(convenor, 'invite-scope-owners').click();
  await byTest(convenor, 'invite-tag-律师').click();
  const company = byTest(convenor, 'invite-organisation').filter({ hasText: '物业' });
  await poll(() => company.count()).toBeGreaterThan(0);
  await company.first().click();
  await byTest(convenor, 'invite-submit').click();
  await poll(() => byTest(convenor, 'invite-added').textContent()).toMatch(/住户 [1-9]\d*/);
  const invited = byTest(convenor, 'invite-item');
  await poll(() => invited.filter({ hasText: '物业' }).count()).toBe(1);
  await poll(() => invited.filter({ hasText: '律师' }).count()).toBeGreaterThan(0);

  await poll(() => byTest(convenor, 'command-announce').isDisabled()).toBe(false);
  await byTest(convenor, 'command-announce').click();
  await poll(() => byTest(convenor, 'command-startDeliberation').isVisible()).toBe(true);
  await byTest(convenor, 'command-startDeliberation').click();
  await poll(() => byTest(convenor, 'step-caption').textContent()).toContain('协商');
}

/** 4. 协商议事: an on-site meeting; the resident signs in with the code on the convenor's screen. */
export async function holdMeeting({ convenor, resident }: Cast, matterId: number): Promise<string> {
  await resident.goto(`/matters/${matterId}`);
  await poll(() => byTest(resident, 'invite-mine').isVisible()).toBe(true);
  await byTest(resident, 'invite-yes').click();
  await poll(() => byTest(resident, 'invite-mine-reply').textContent()).toBe('参加');

  await byTest(convenor, 'meeting-mode-on_site').click();
  await byTest(convenor, 'meeting-venue').fill('河滨社区党群服务中心二楼会议室');
  await byTest(convenor, 'meeting-agenda').fill('一、介绍加装电梯方案\n二、讨论费用分摊\n三、听取低层业主意见');
  await byTest(convenor, 'meeting-submit').click();
  await poll(() => byTest(convenor, 'meeting-link').count()).toBe(1);
  await byTest(convenor, 'meeting-link').click();
  await convenor.waitForURL(/\/meetings\/\d+$/);
  const meetingPath = new URL(convenor.url()).pathname;
  await poll(() => byTest(convenor, 'meeting-code').textContent()).toMatch(/[A-Z0-9]{6}/);
  const code = (await byTest(convenor, 'meeting-code').textContent())!.trim();

  await resident.goto(meetingPath);
  // Typed in lower case, as people do: codes are case-insensitive.
  await byTest(resident, 'signin-code').fill(code.toLowerCase());
  await byTest(resident, 'signin-submit').click();
  await poll(() => byTest(resident, 'signin-done').textContent()).toContain('已签到');
  await poll(async () => {
    await convenor.reload();
    return byTest(convenor, 'sheet-present').textContent();
  }).toBe('1');
  return meetingPath;
}

/** Minutes: drafted, amended by the resident, the amendment accepted and folded in, published redacted. */
export async function amendAndPublishMinutes(
  { convenor, resident }: Cast,
  meetingPath: string,
  matterId: number,
): Promise<void> {
  await byTest(convenor, 'minutes-draft').fill(
    '会议由社区召集，5幢2单元业主参加，张阿姨介绍了方案，电话13812345678。大家同意加装电梯。',
  );
  await byTest(convenor, 'minutes-save').click();
  await poll(() => byTest(convenor, 'minutes-status').textContent()).toContain('草稿');
  await byTest(convenor, 'minutes-days').fill('3');
  await byTest(convenor, 'minutes-open').click();
  await poll(() => byTest(convenor, 'minutes-status').textContent()).toContain('征求修改意见中');

  await resident.goto(meetingPath);
  await poll(() => byTest(resident, 'minutes-proposal').isVisible()).toBe(true);
  await byTest(resident, 'minutes-proposal').fill('请补充：低层业主对采光的顾虑。');
  await byTest(resident, 'minutes-propose').click();
  await poll(() => byTest(resident, 'minutes-amendment').count()).toBe(1);

  await convenor.reload();
  await poll(() => byTest(convenor, 'minutes-amendment').count()).toBe(1);
  await byTest(convenor, 'minutes-answer').fill('已补充到记录中');
  await byTest(convenor, 'minutes-accept').click();
  await poll(() => byTest(convenor, 'minutes-amendment').textContent()).toContain('已采纳');
  const draft = byTest(convenor, 'minutes-draft');
  await draft.fill(`${await draft.inputValue()}低层业主对采光有顾虑，方案将予以兼顾。`);
  await byTest(convenor, 'minutes-save').click();
  // 公开文本确认: the redacted minutes (with the revision) are checked and confirmed before publishing.
  await confirmPublicTextsInBrowser(convenor, matterId, 'minutes', '方案将予以兼顾');
  await poll(() => byTest(convenor, 'minutes-publish').isVisible()).toBe(true);
  await byTest(convenor, 'minutes-publish').click();
  await poll(() => byTest(convenor, 'minutes-status').textContent()).toContain('已发布');
  const published = (await byTest(convenor, 'minutes-published').textContent()) ?? '';
  expect(published).toContain('低层业主对采光有顾虑');
  expect(published).not.toContain('13812345678');
  expect(published).not.toContain('张阿姨');
  await expectAccessible(convenor);
}
