import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { isQuietHour } from '../domain/messaging';
import { openDatabase } from '../server/db/client';
import { deliverDueTexts } from '../server/modules/sms';
import { RecordingSms } from '../server/test/build-test-app';
import { PHONE, expectAccessible, launchBrowser, openPage, screenshot } from './support/browser';
import { byTest, loginByCode, loginByPassword, poll, queryDatabase } from './support/journey';

const LAPTOP = { width: 1280, height: 800 };
const UNIT_CODE = 'TA-01-01-01-05-2';
const COMMUNITY_CODE = 'TA-01-01';

/** Calls the API with a logged-in page's session, as the web client does (for the steps before this story). */
async function call<T>(page: Page, path: string, body: unknown): Promise<T> {
  const cookies = await page.context().cookies();
  const csrf = cookies.find((c) => c.name === 'yishi_csrf')?.value ?? '';
  const response = await page.request.fetch(`/api${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'x-csrf-token': csrf },
    ...(body === undefined ? {} : { data: body }),
  });
  expect(response.ok(), `${path} → ${response.status()} ${await response.text()}`).toBe(true);
  return (await response.json()) as T;
}
const placeId = async (code: string) =>
  (await queryDatabase<{ id: number }>('select id from places where code = $1', [code]))[0]!.id;

/** Shows the page at both sizes, phone and laptop, with `focus` in view. */
async function shoot(page: Page, name: string, first: { width: number; height: number }, focus: Locator) {
  await focus.scrollIntoViewIfNeeded();
  await expectAccessible(page);
  await screenshot(page, `${name}-${first === PHONE ? 'phone' : 'desktop'}`);
  const second = first === PHONE ? LAPTOP : PHONE;
  await page.setViewportSize(second);
  await focus.scrollIntoViewIfNeeded();
  await screenshot(page, `${name}-${second === PHONE ? 'phone' : 'desktop'}`);
  await page.setViewportSize(first);
}

describe('invitees without an account hear by SMS, and a resident can decline texts', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser.close());

  it('the convenor invites the unit and sees each text queued, then sent; a resident turns texts off', async () => {
    // Before this story: a resident of 5幢2单元 raises a matter and the convenor accepts it.
    const resident = await openPage(browser, PHONE);
    await loginByCode(resident, '13900000008');
    const convenor = await openPage(browser, LAPTOP);
    await loginByPassword(convenor, '13900000004');
    const unitId = await placeId(UNIT_CODE);
    const matter = await call<{ id: number }>(resident, '/matters', {
      placeId: unitId,
      level: 'building',
      kind: 'livelihood',
      category: 'facilities',
      title: `2单元楼道照明改造（${Date.now().toString(36)}）`,
      description: '楼道灯坏了很久，晚上上下楼不安全。',
    });
    const formats = await call<{ items: { id: number; name: string }[] }>(
      convenor,
      `/places/${await placeId(COMMUNITY_CODE)}/formats`,
      undefined,
    );
    await call(convenor, `/matters/${matter.id}/accept`, {
      level: 'building',
      formatId: formats.items.find((f) => f.name === '邀约协商')!.id,
      visibility: 'community',
    });

    // 1. The convenor invites 2单元's owners on the matter page.
    await convenor.goto(`/work/matters/${matter.id}`);
    // 邀约协商 preselects the matter's own place (2单元).
    const unit = byTest(convenor, 'invite-place').filter({ hasText: '2单元' });
    await poll(() => unit.first().getAttribute('aria-pressed')).toBe('true');
    await byTest(convenor, 'invite-scope-owners').click();
    await byTest(convenor, 'invite-submit').click();
    await poll(() => byTest(convenor, 'invite-sms').count()).toBeGreaterThan(0);

    // Owners without an account have a queued text; the resident with an account has none (inbox instead).
    const texts = await queryDatabase<{ phone: string; status: string; not_before: Date }>(
      'select phone, status, not_before from sms_messages where matter_id = $1 and template = $2',
      [matter.id, 'invitation'],
    );
    expect(texts.length).toBeGreaterThan(0);
    expect(texts.map((t) => t.phone)).not.toContain('13900000008');
    const queued = byTest(convenor, 'invite-sms').filter({ hasText: '短信已排队' });
    await poll(() => queued.count()).toBe(texts.filter((t) => t.status === 'queued').length);
    const own = byTest(convenor, 'invite-item').filter({ has: convenor.locator('[data-test="invite-sms"]') });
    expect(await own.count()).toBe(await byTest(convenor, 'invite-sms').count());
    await shoot(convenor, 'sms-invitations-queued', LAPTOP, byTest(convenor, 'invite-counts'));

    // 2. The sms-deliver job runs (here in the test process, through a recording provider) when the
    // texts are due: now, or 08:00 China time if they were queued in quiet hours.
    const due = new Date(Math.max(Date.now(), ...texts.map((t) => t.not_before.getTime())));
    expect(isQuietHour(due)).toBe(false);
    const node = openDatabase(inject('databaseUrl'), 2);
    const sms = new RecordingSms();
    try {
      await deliverDueTexts(node.db, sms, { clock: { now: () => due } });
    } finally {
      await node.close();
    }
    // The job sends every due text (the demo city's too); this matter's are all sent now.
    const queuedHere = texts.filter((t) => t.status === 'queued');
    const after = await queryDatabase<{ phone: string; status: string }>(
      'select phone, status from sms_messages where matter_id = $1 and template = $2',
      [matter.id, 'invitation'],
    );
    const sentToMatter = after.filter((t) => t.status === 'sent');
    expect(sentToMatter.length).toBe(queuedHere.length);
    for (const text of queuedHere) {
      expect(sms.sent.some((m) => m.phone === text.phone && m.template === 'invitation')).toBe(true);
    }
    await convenor.reload();
    const sent = byTest(convenor, 'invite-sms').filter({ hasText: '短信已发送' });
    await poll(() => sent.count()).toBe(sentToMatter.length);
    await shoot(convenor, 'sms-invitations-sent', LAPTOP, byTest(convenor, 'invite-counts'));

    // 3. The resident turns texts off on their home page.
    await resident.goto('/');
    const toggle = byTest(resident, 'sms-opt-out-switch');
    await poll(() => toggle.getAttribute('data-on')).toBe('false');
    await toggle.click();
    await poll(() => toggle.getAttribute('data-on')).toBe('true');
    const [me] = await queryDatabase<{ sms_opt_out: boolean }>(
      'select r.sms_opt_out from residents r join accounts a on a.resident_id = r.id where a.phone = $1',
      ['13900000008'],
    );
    expect(me!.sms_opt_out).toBe(true);
    await shoot(resident, 'sms-opt-out-home', PHONE, byTest(resident, 'sms-opt-out'));
    await resident.reload();
    await poll(() => byTest(resident, 'sms-opt-out-switch').getAttribute('data-on')).toBe('true');

    // 4. The convenor, told by phone, turns texts off for a resident in the roster.
    await convenor.goto(`/places/${unitId}/residents`);
    const row = byTest(convenor, 'resident-item').first();
    await poll(() => row.isVisible()).toBe(true);
    const name = (await row.locator('.place-resident-list__name').textContent())!.trim();
    await row.locator('[data-test="resident-sms"]').click();
    const staffToggle = row.locator('[data-test="sms-opt-out-switch"]');
    await poll(() => staffToggle.getAttribute('data-on')).not.toBeNull();
    const before = await staffToggle.getAttribute('data-on');
    await staffToggle.click();
    await poll(() => staffToggle.getAttribute('data-on')).toBe(before === 'true' ? 'false' : 'true');
    const [changed] = await queryDatabase<{ sms_opt_out: boolean }>(
      `select sms_opt_out from residents
        where name = $1 and place_path like (select path from places where id = $2) || '%' order by id limit 1`,
      [name, unitId],
    );
    expect(String(changed!.sms_opt_out)).toBe(before === 'true' ? 'false' : 'true');
    await shoot(convenor, 'sms-opt-out-roster', LAPTOP, row.locator('[data-test="sms-opt-out"]'));
  });
});
