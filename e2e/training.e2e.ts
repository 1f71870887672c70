import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, expectAccessible, launchBrowser, openPage, screenshot } from './support/browser';
import { byTest, loginByPassword, poll, queryDatabase } from './support/journey';
import { placeId } from './support/matter-setup';

/** Unique per run: the journey's own programme of four hours (two sessions of two hours). */
const TITLE = `微领袖速成班${Date.now().toString(36)}`;
const TRAINEE = '13900000013';

/** A `datetime-local` value `minutes` from now in the browser's own time zone, as the form reads it. */
const localInput = (page: Page, minutes: number) =>
  page.evaluate((m) => {
    const d = new Date(Date.now() + m * 60_000);
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
  }, minutes);

async function addSession(officer: Page, course: string): Promise<void> {
  await byTest(officer, 'session-add').click();
  await byTest(officer, 'session-course').fill(course);
  await byTest(officer, 'session-teacher').fill('市委党校 陈老师');
  await byTest(officer, 'session-minutes').fill('120');
  await byTest(officer, 'session-starts').fill(await localInput(officer, -5));
  await byTest(officer, 'session-location').fill('桐安市党群服务中心三楼');
  const saved = officer.waitForResponse((r) => r.url().includes('/sessions') && r.request().method() === 'POST');
  await byTest(officer, 'session-submit').click();
  expect((await saved).status()).toBe(201);
}

async function signIn(resident: Page, code: string): Promise<void> {
  await resident.goto(`/training/sign-in?code=${code}`);
  await poll(() => byTest(resident, 'training-code').inputValue()).toBe(code);
  const answered = resident.waitForResponse((r) => r.url().endsWith('/api/training/sign-in'));
  await byTest(resident, 'training-sign-in-submit').click();
  expect((await answered).status()).toBe(200);
  await poll(() => byTest(resident, 'training-sign-in-done').textContent()).toContain('签到成功');
}

describe('a resident attends training sessions and becomes a micro-leader', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser.close());

  it('signs in by code twice, is refused completion while short of hours, completes, and joins the pools', async () => {
    // 1. The city officer creates a programme, opens it and adds two sessions starting now (codes shown).
    const officer = await openPage(browser, DESKTOP);
    await loginByPassword(officer, '13900000002');
    await officer.goto('/training');
    await byTest(officer, 'programme-create').click();
    await byTest(officer, 'programme-title').fill(TITLE);
    await byTest(officer, 'programme-hours').fill('4');
    await byTest(officer, 'programme-pass').fill('60');
    await byTest(officer, 'programme-description').fill('两次课程共4学时，结业考核60分合格。');
    await byTest(officer, 'programme-submit').click();
    await officer.waitForURL(/\/training\/\d+$/);
    const programmeUrl = new URL(officer.url()).pathname;
    await byTest(officer, 'programme-open').click();
    await poll(() => byTest(officer, 'programme-status').textContent()).toBe('报名中');
    await addSession(officer, '议事协商规则与程序');
    await addSession(officer, '群众工作方法');
    const codes = byTest(officer, 'session-code');
    await poll(() => codes.count()).toBe(2);
    const [first, second] = [(await codes.nth(0).textContent())!.trim(), (await codes.nth(1).textContent())!.trim()];
    expect(first).toMatch(/^[A-Z2-9]{6}$/);
    await byTest(officer, 'session-qr').first().click();
    await expectAccessible(officer);
    await screenshot(officer, 'training-programme-desktop');

    // 2. The resident signs in to the first session by its code (which enrols them), on a phone.
    const resident = await openPage(browser, PHONE);
    await loginByPassword(resident, TRAINEE);
    await signIn(resident, first);
    expect(await byTest(resident, 'training-sign-in-hours').textContent()).toContain('已修 2 / 4 学时');
    await expectAccessible(resident);
    await screenshot(resident, 'training-sign-in-phone');

    // 3. The officer records the assessment; completing is refused while the hours are short.
    const traineeId = (await queryDatabase<{ id: number }>('select id from accounts where phone = $1', [TRAINEE]))[0]!
      .id;
    const row = byTest(officer, `participant-${traineeId}`);
    await officer.reload();
    await poll(() => row.count()).toBe(1);
    await row.locator('[data-test="participant-score"]').fill('85');
    const scored = officer.waitForResponse((r) => r.url().endsWith('/score'));
    await row.locator('[data-test="participant-save-score"]').click();
    expect((await scored).status()).toBe(200);
    const refused = officer.waitForResponse((r) => r.url().endsWith('/complete'));
    await row.locator('[data-test="participant-complete"]').click();
    expect((await refused).status()).toBe(409);
    await poll(() => row.locator('[data-test="participant-error"]').textContent()).toContain('学时未达标');
    await screenshot(officer, 'training-refused-desktop');

    // 4. The second session: now the hours are met and completion makes them a micro-leader.
    await signIn(resident, second);
    expect(await byTest(resident, 'training-sign-in-hours').textContent()).toContain('已修 4 / 4 学时');
    await officer.goto(programmeUrl);
    await poll(() => row.count()).toBe(1);
    const completed = officer.waitForResponse((r) => r.url().endsWith('/complete'));
    await row.locator('[data-test="participant-complete"]').click();
    expect((await completed).status()).toBe(200);
    await poll(() => row.locator('[data-test="participant-status"]').textContent()).toBe('已结业');

    // 5. The resident's record shows the hours, and 微领袖.
    await resident.goto('/account/training');
    await poll(() => byTest(resident, 'record-micro-leader').textContent()).toContain('微领袖');
    const record = resident.locator('[data-test^="record-"]', { hasText: TITLE });
    expect(await record.locator('[data-test="record-status"]').textContent()).toContain('已修 4 / 4 学时');
    expect(await record.locator('[data-test="record-status"]').textContent()).toContain('已结业');
    await expectAccessible(resident);
    await screenshot(resident, 'training-record-phone');

    // 6. The convenor sees them in the micro-leader pool and in 河滨社区's member pool tagged 微领袖.
    const convenor = await openPage(browser, PHONE);
    await loginByPassword(convenor, '13900000004');
    await convenor.goto('/micro-leaders');
    const leader = byTest(convenor, `micro-leader-${traineeId}`);
    await poll(() => leader.count()).toBe(1);
    expect(await leader.textContent()).toContain(TITLE);
    expect(await leader.textContent()).toContain('河滨社区');
    await expectAccessible(convenor);
    await screenshot(convenor, 'training-micro-leaders-phone');
    const { name } = (
      await queryDatabase<{ name: string }>(
        'select r.name from accounts a join residents r on r.id = a.resident_id where a.id = $1',
        [traineeId],
      )
    )[0]!;
    await convenor.goto(`/places/${await placeId('TA-01-01')}/pool`);
    const tag = byTest(convenor, 'pool-tag').filter({ hasText: '微领袖' });
    await poll(() => tag.count()).toBe(1);
    await tag.click();
    const member = byTest(convenor, 'pool-member').filter({ hasText: name });
    await poll(() => member.count()).toBe(1);
    expect(await member.locator('[data-test="pool-member-tag"]').allTextContents()).toContain('微领袖');
    await screenshot(convenor, 'training-member-pool-phone');

    // Desktop view of the micro-leader pool for the town officer.
    const town = await openPage(browser, DESKTOP);
    await loginByPassword(town, '13900000003');
    await town.goto('/micro-leaders?year=2026');
    await poll(() => town.locator('[data-test^="micro-leader-"]').count()).toBeGreaterThan(0);
    await screenshot(town, 'training-micro-leaders-desktop');
  });
});
