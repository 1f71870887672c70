import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, expectAccessible, launchBrowser, openPage, screenshot } from './support/browser';
import { byTest, loginByPassword, photoFile, poll, queryDatabase } from './support/journey';
import { call, matterAt, placeId } from './support/matter-setup';

/** Unique per run: journeys share one database and a place's venue names are unique. */
const NAME = `河滨议事厅${Date.now().toString(36)}`;

/** A `datetime-local` value `minutes` from now in the browser's own time zone, as the form reads it. */
const localInput = (page: Page, minutes: number) =>
  page.evaluate((m) => {
    const d = new Date(Date.now() + m * 60_000);
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
  }, minutes);

const evidence = (page: Page, have: string) => byTest(page, `venue-evidence-${have}`).textContent();

describe('a community worker builds a venue to the five haves; the town approves it; the public sees it', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser.close());

  it('registers, evidences, books (a conflict refused), is approved and shows publicly', async () => {
    // 1. The convenor registers a venue and sees what is missing of the five haves.
    const convenor = await openPage(browser, PHONE);
    await loginByPassword(convenor, '13900000004');
    const community = await placeId('TA-01-01');
    await convenor.goto(`/places/${community}`);
    await byTest(convenor, 'action-venues').click();
    await convenor.waitForURL(/\/places\/\d+\/venues$/);
    await byTest(convenor, 'venue-create').click();
    await byTest(convenor, 'venue-kind-hall').click();
    await byTest(convenor, 'venue-name').fill(NAME);
    await byTest(convenor, 'venue-address').fill('党群服务中心二楼东侧');
    await byTest(convenor, 'venue-capacity').fill('40');
    await byTest(convenor, 'venue-hours').fill('工作日 9:00–17:00');
    await byTest(convenor, 'venue-access-step_free').click();
    await expectAccessible(convenor);
    await screenshot(convenor, 'venue-create-phone');
    await byTest(convenor, 'venue-save').click();
    await convenor.waitForURL(/\/venues\/\d+\/manage$/);
    const venueId = Number(new URL(convenor.url()).pathname.split('/')[2]);
    await poll(() => evidence(convenor, 'signage')).toBe('请上传阵地标识照片');
    expect(await evidence(convenor, 'organisation')).toBe('请在登记信息中选定负责的议事会或组织');
    expect(await evidence(convenor, 'activities')).toContain('近 12 个月在此没有举行过会议');
    await expectAccessible(convenor);
    await screenshot(convenor, 'venue-missing-phone');

    // 2. Evidence: the signage photo, the organisation that runs it, its rules in effect from today.
    await convenor.locator('[data-test="venue-signage-file"]').setInputFiles(photoFile('标识.png'));
    await poll(() => evidence(convenor, 'signage')).toBe('已上传标识照片');
    await byTest(convenor, 'venue-edit').click();
    const organisation = byTest(convenor, 'venue-organisation');
    await poll(() => organisation.locator('option').count()).toBeGreaterThan(1);
    const council = (await organisation.locator('optgroup option').first().textContent())!.trim();
    await organisation.selectOption({ label: council });
    await byTest(convenor, 'venue-save').click();
    await poll(() => evidence(convenor, 'organisation')).toBe(council);
    await byTest(convenor, 'rules-title').fill('议事厅议事规则');
    await byTest(convenor, 'rules-body').fill('一、议题由居民提出。\n二、每次议事须签到并公开记录。');
    await byTest(convenor, 'rules-effective').fill(new Date().toISOString().slice(0, 10));
    await byTest(convenor, 'rules-save').click();
    await poll(() => evidence(convenor, 'rules')).toContain('《议事厅议事规则》');

    // 3. A meeting at the venue, starting now: held once the resident signs in, it counts as an activity.
    const desk = await openPage(browser, DESKTOP);
    const resident = await openPage(browser, PHONE);
    await loginByPassword(desk, '13900000004');
    await loginByPassword(resident, '13900000008');
    const { matterId } = await matterAt('deliberating', { convenor: desk, resident });
    await desk.goto(`/work/matters/${matterId}`);
    const picker = byTest(desk, 'meeting-venue-id');
    await poll(() => picker.locator('option', { hasText: NAME }).count()).toBe(1);
    await picker.selectOption({ label: (await picker.locator('option', { hasText: NAME }).textContent())!.trim() });
    expect(await byTest(desk, 'meeting-venue').count()).toBe(0);
    const startsAt = await localInput(desk, -5);
    await byTest(desk, 'meeting-starts').fill(startsAt);
    await byTest(desk, 'meeting-agenda').fill('一、在议事厅讨论加装电梯方案');
    await byTest(desk, 'meeting-submit').click();
    await poll(() => byTest(desk, 'meeting-venue-link').filter({ hasText: NAME }).count()).toBe(1);
    const [booked] = await queryDatabase<{ id: number; sign_in_code: string }>(
      'select m.id, m.sign_in_code from meetings m join venue_bookings b on b.meeting_id = m.id where b.venue_id = $1',
      [venueId],
    );
    await call(resident, 'POST', `/meetings/${booked!.id}/sign-in`, { code: booked!.sign_in_code });

    // 4. Another meeting in the same hours is refused beside the picker, naming the booked time.
    await byTest(desk, 'meeting-starts').fill(await localInput(desk, 30));
    await byTest(desk, 'meeting-agenda').fill('一、第二次协商');
    await byTest(desk, 'meeting-submit').click();
    await poll(() => byTest(desk, 'meeting-venue-error').textContent()).toMatch(
      /^该阵地在此时段已被预约（\d{4}-\d{2}-\d{2} \d{2}:\d{2} 至 \d{4}-\d{2}-\d{2} \d{2}:\d{2}），请换个时间或地点$/,
    );
    expect(await byTest(desk, 'meeting-venue-id').getAttribute('aria-invalid')).toBe('true');
    expect(await queryDatabase('select id from venue_bookings where venue_id = $1', [venueId])).toHaveLength(1);
    await expectAccessible(desk);
    await byTest(desk, 'meeting-venue-id').scrollIntoViewIfNeeded();
    await screenshot(desk, 'venue-booking-conflict-desktop');

    await convenor.reload();
    await poll(() => evidence(convenor, 'activities')).toContain('近 12 个月举行 1 次');
    // The matter's topic notice is on the community's board: all five haves are met.
    await poll(() => byTest(convenor, 'venue-submit').isVisible()).toBe(true);
    expect(await evidence(convenor, 'notices')).toContain('近 30 天公示');
    await byTest(convenor, 'venue-submit').click();
    await poll(() => byTest(convenor, 'venue-review-status').textContent()).toBe('待街镇审核');

    // 5. The town officer over the community approves it, after a look at the town's register.
    const town = await openPage(browser, DESKTOP);
    await loginByPassword(town, '13900000003');
    await town.goto(`/places/${await placeId('TA-01')}/venues`);
    const submitted = byTest(town, 'venue-item').filter({ hasText: NAME });
    await poll(() => submitted.locator('[data-test="venue-status"]').textContent()).toBe('待街镇审核');
    // The demo town has venues in other states: one approved, one returned with what is missing.
    expect(await byTest(town, 'venue-status').allTextContents()).toEqual(
      expect.arrayContaining(['街镇已审核', '已退回', '待提交']),
    );
    await expectAccessible(town);
    await screenshot(town, 'venues-town-desktop');
    await town.setViewportSize(PHONE);
    await screenshot(town, 'venues-town-phone');
    await town.setViewportSize(DESKTOP);
    await town.goto(`/venues/${venueId}/manage`);
    await poll(() => byTest(town, 'venue-approve').isVisible()).toBe(true);
    await expectAccessible(town);
    await screenshot(town, 'venue-review-desktop');
    await byTest(town, 'venue-approve').click();
    await poll(() => byTest(town, 'venue-review-status').textContent()).toBe('街镇已审核');
    const [row] = await queryDatabase<{ status: string; reviewed_by: number }>(
      'select status, reviewed_by from venues where id = $1',
      [venueId],
    );
    expect(row!.status).toBe('approved');

    // 6. The public opens the venue page (the QR code's link): five haves met, the meeting, no names.
    await byTest(town, 'venue-qr-show').click();
    await poll(() => town.locator('.vn-qr__image').isVisible()).toBe(true);
    const visitor = await openPage(browser, PHONE);
    await visitor.goto(`/venues/${venueId}`);
    await poll(() => byTest(visitor, 'public-venue-approved').textContent()).toBe('街镇已审核');
    expect(await byTest(visitor, 'public-venue').textContent()).toContain('党群服务中心二楼东侧');
    const haves = byTest(visitor, 'venue-five-haves').locator('[data-met="true"]');
    expect(await haves.count()).toBe(5);
    await poll(() => byTest(visitor, 'public-venue-item').count()).toBeGreaterThan(0);
    const [residentName] = await queryDatabase<{ name: string }>(
      "select r.name from residents r join accounts a on a.resident_id = r.id where a.phone = '13900000008'",
    );
    expect(await visitor.textContent('body')).not.toContain(residentName!.name);
    await expectAccessible(visitor);
    await screenshot(visitor, 'venue-public-phone');
    await byTest(visitor, 'public-venue-rules').click();
    await poll(() => byTest(visitor, 'rules-current-title').textContent()).toBe('议事厅议事规则');

    // 7. The county standard, public, with its rule and the seven steps.
    await visitor.goto('/standard');
    await poll(() => byTest(visitor, 'rules-current-body').textContent()).toContain('共识共为共享');
    expect(await byTest(visitor, 'rules-current-body').textContent()).toContain('议事七步工作法');
    await expectAccessible(visitor);
    await screenshot(visitor, 'standard-phone');
    await visitor.setViewportSize(DESKTOP);
    await screenshot(visitor, 'standard-desktop');
    await visitor.goto(`/venues/${venueId}`);
    await poll(() => byTest(visitor, 'public-venue').isVisible()).toBe(true);
    await screenshot(visitor, 'venue-public-desktop');
  });
});
