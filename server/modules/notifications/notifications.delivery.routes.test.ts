import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AuditAction } from '../../../domain/matters/audit-actions';
import { withClock } from '../../clock';
import { accounts, notificationPreferences, notifications, residents, smsMessages } from '../../db/schema';
import { buildTestApp, type TestApp, type TestClient } from '../../test/build-test-app';
import { buildResident, buildStaff, buildTerritory } from '../../test/factories';
import { buildMatter } from '../../test/matter-factories';
import { appendMatterEvent } from '../matters';
import { deliverDueTexts } from '../sms';
import { deliverPendingNotifications } from './notifications.jobs';

const cst = (local: string) => new Date(`${local}+08:00`);

describe('notification delivery: SMS, quiet hours, opt-out, choices, the job twice', () => {
  let t: TestApp;
  let matterId: number;
  let officer: number;
  let proposer: { accountId: number; residentId: number; phone: string };
  let resident: TestClient;
  let neighbour: TestClient;

  beforeAll(async () => {
    t = await buildTestApp();
    const db = t.database.db;
    const territory = await buildTerritory(db);
    const r = await buildResident(db, { placeId: territory.unit1.id, name: '张阿姨', phone: '13812345678' });
    await buildResident(db, { placeId: territory.unit1.id, name: '李师傅', phone: '13812340001' });
    resident = await t.loginByCode('13812345678');
    neighbour = await t.loginByCode('13812340001');
    const [account] = await db.select().from(accounts).where(eq(accounts.residentId, r.id));
    proposer = { accountId: account!.id, residentId: r.id, phone: '13812345678' };
    officer = (await buildStaff(db, { role: 'convenor', placeId: territory.community.id })).id;
    matterId = (await buildMatter(db, { placeId: territory.building.id, proposerAccountId: account!.id })).id;
  });
  afterAll(async () => t.close());
  beforeEach(async () => {
    await t.database.db.delete(smsMessages);
    await t.database.db.delete(notificationPreferences);
    await t.database.db.update(residents).set({ smsOptOut: false }).where(eq(residents.id, proposer.residentId));
    t.sms.sent.length = 0;
  });

  const at = <T>(when: Date, fn: () => Promise<T>) => {
    t.clock.set(when);
    return withClock(t.clock, fn);
  };
  const entry = (action: AuditAction) =>
    t.database.db.transaction((tx) =>
      appendMatterEvent(tx, { matterId, actorAccountId: officer, action, payload: {} }),
    );
  const smsOf = async (seq: number) =>
    (
      await t.database.db
        .select()
        .from(notifications)
        .where(and(eq(notifications.seq, seq), eq(notifications.matterId, matterId)))
    ).filter((n) => n.channel === 'sms');
  const texts = () => t.database.db.select().from(smsMessages).where(eq(smsMessages.matterId, matterId));

  it('queues a result text by day, sends it once however often the jobs run', async () => {
    const { seq } = await at(cst('2026-12-07T10:00:00'), () => entry('resolve'));
    const runs = await at(cst('2026-12-07T10:00:30'), () =>
      Promise.all([deliverPendingNotifications(t.database.db), deliverPendingNotifications(t.database.db)]),
    );
    await at(cst('2026-12-07T10:01:00'), () => deliverPendingNotifications(t.database.db));
    expect(runs.map((r) => r.delivered).sort()).toEqual([0, 1]);
    const [sms] = await smsOf(seq);
    expect(sms).toMatchObject({ status: 'delivered', accountId: proposer.accountId });
    const queued = await texts();
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatchObject({ template: 'notification', phone: proposer.phone, status: 'queued' });
    expect(queued[0]!.params).toEqual({ title: '5幢2单元加装电梯', event: '已形成决议' });
    await at(cst('2026-12-07T10:02:00'), () => deliverDueTexts(t.database.db, t.sms));
    await at(cst('2026-12-07T10:03:00'), () => deliverDueTexts(t.database.db, t.sms));
    expect(t.sms.sent.filter((m) => m.template === 'notification')).toHaveLength(1);
  });

  it('defers a text derived in quiet hours to 08:00, without dropping it', async () => {
    await at(cst('2026-12-07T22:30:00'), () => entry('archive'));
    await at(cst('2026-12-07T22:31:00'), () => deliverPendingNotifications(t.database.db));
    const [queued] = await texts();
    expect(queued!.notBefore).toEqual(cst('2026-12-08T08:00:00'));
    await at(cst('2026-12-07T23:00:00'), () => deliverDueTexts(t.database.db, t.sms));
    expect(t.sms.sent).toHaveLength(0);
    await at(cst('2026-12-08T08:00:30'), () => deliverDueTexts(t.database.db, t.sms));
    expect(t.sms.sent.map((m) => m.phone)).toEqual([proposer.phone]);
  });

  it('sends nothing to a resident who declined texts; the inbox still has it', async () => {
    await t.database.db.update(residents).set({ smsOptOut: true }).where(eq(residents.id, proposer.residentId));
    const { seq } = await at(cst('2026-12-09T10:00:00'), () => entry('resolve'));
    await at(cst('2026-12-09T10:00:30'), () => deliverPendingNotifications(t.database.db));
    await at(cst('2026-12-09T10:01:00'), () => deliverDueTexts(t.database.db, t.sms));
    expect((await smsOf(seq))[0]!.status).toBe('suppressed');
    expect((await texts()).map((m) => m.status)).toEqual(['opted_out']);
    expect(t.sms.sent).toHaveLength(0);
    const inbox = (await resident.get('/api/inbox')).json();
    expect(inbox.items.some((i: { title: string }) => i.title === '形成决议：5幢2单元加装电梯')).toBe(true);
    // The same item in the reader's language: worded from the notification, not the stored Chinese.
    const english = (
      await resident.request({ method: 'GET', url: '/api/inbox', headers: { 'accept-language': 'en' } })
    ).json();
    expect(english.items.map((i: { title: string }) => i.title)).toContain('Resolved: 5幢2单元加装电梯');
  });

  it('follows the person’s choices: SMS off for results, on for progress', async () => {
    const put = await resident.put('/api/account/notification-settings', {
      settings: [
        { kind: 'result', channel: 'sms', isEnabled: false },
        { kind: 'matter_progress', channel: 'sms', isEnabled: true },
      ],
    });
    expect(put.statusCode).toBe(200);
    const result = await at(cst('2026-12-10T10:00:00'), () => entry('resolve'));
    const progress = await at(cst('2026-12-10T10:00:10'), () => entry('accept'));
    expect((await smsOf(result.seq))[0]!.status).toBe('suppressed');
    expect((await smsOf(progress.seq))[0]!.status).toBe('pending');
    await at(cst('2026-12-10T10:00:30'), () => deliverPendingNotifications(t.database.db));
    expect((await texts()).map((m) => m.params.event)).toEqual(['已受理']);
  });

  describe('我的设置 routes', () => {
    const setting = (
      reply: { settings: { kind: string; channel: string; isEnabled: boolean }[] },
      kind: string,
      channel: string,
    ) => reply.settings.find((s) => s.kind === kind && s.channel === channel);

    it('shows the defaults: inbox locked on, SMS on for meetings, ballots and results', async () => {
      const reply = (await neighbour.get('/api/account/notification-settings')).json();
      // Web Push is always offered; WeChat only where the city configured an official account.
      expect(reply.channels).toEqual(['inbox', 'sms', 'webpush']);
      expect(setting(reply, 'meeting', 'inbox')).toEqual({
        kind: 'meeting',
        channel: 'inbox',
        isEnabled: true,
        isLocked: true,
      });
      expect(setting(reply, 'ballot', 'sms')?.isEnabled).toBe(true);
      expect(setting(reply, 'task', 'sms')?.isEnabled).toBe(false);
    });

    it('stores one person’s switches without touching another’s', async () => {
      await resident.put('/api/account/notification-settings', {
        settings: [{ kind: 'ballot', channel: 'sms', isEnabled: false }],
      });
      expect(
        setting((await resident.get('/api/account/notification-settings')).json(), 'ballot', 'sms')?.isEnabled,
      ).toBe(false);
      expect(
        setting((await neighbour.get('/api/account/notification-settings')).json(), 'ballot', 'sms')?.isEnabled,
      ).toBe(true);
    });

    it('refuses the inbox switch, unknown or unavailable channels, repeats, empty and wrong types; stores nothing', async () => {
      const refuse = async (body: unknown, code = expect.stringMatching(/^validation\./)) => {
        const reply = await resident.put('/api/account/notification-settings', body);
        expect(reply.statusCode).toBe(400);
        expect(reply.json().error).toMatchObject({ code, field: expect.stringContaining('settings') });
      };
      await refuse({ settings: [{ kind: 'ballot', channel: 'inbox', isEnabled: false }] });
      await refuse({ settings: [{ kind: 'ballot', channel: 'fax', isEnabled: false }] });
      await refuse({ settings: [{ kind: 'gossip', channel: 'sms', isEnabled: false }] });
      await refuse({ settings: [{ kind: 'ballot', channel: 'sms', isEnabled: 'no' }] });
      await refuse({ settings: [] });
      await refuse(
        {
          settings: [
            { kind: 'task', channel: 'sms', isEnabled: true },
            { kind: 'ballot', channel: 'wechat', isEnabled: true },
          ],
        },
        'notifications.channel_unavailable',
      );
      await refuse(
        {
          settings: [
            { kind: 'task', channel: 'sms', isEnabled: true },
            { kind: 'task', channel: 'sms', isEnabled: false },
          ],
        },
        'notifications.setting_repeated',
      );
      expect(setting((await resident.get('/api/account/notification-settings')).json(), 'task', 'sms')?.isEnabled).toBe(
        false,
      );
    });

    it('requires a login', async () => {
      expect((await t.anonymous().get('/api/account/notification-settings')).statusCode).toBe(401);
      expect(
        (
          await t.anonymous().put('/api/account/notification-settings', {
            settings: [{ kind: 'task', channel: 'sms', isEnabled: true }],
          })
        ).statusCode,
      ).toBe(401);
    });
  });
});
