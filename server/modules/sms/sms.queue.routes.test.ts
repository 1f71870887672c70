import { eq, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { organisations, residents, smsMessages } from '../../db/schema';
import { buildTestApp, type TestApp, type TestClient } from '../../test/build-test-app';
import { buildResident, buildStaff, buildTerritory } from '../../test/factories';
import { buildMatter } from '../../test/matter-factories';

type Territory = Awaited<ReturnType<typeof buildTerritory>>;

describe('invitation and notice texts', () => {
  let t: TestApp;
  let territory: Territory;
  let convenor: TestClient;
  let gridWorker: TestClient;
  let resident: TestClient;
  let proposerAccountId: number;
  /** Residents: one with an account, one without, one who declined texts, one with no phone, one sharing a phone. */
  let people: Record<'withAccount' | 'plain' | 'declined' | 'noPhone' | 'sharing', number>;
  let organisationId: number;

  const texts = async (matterId: number) =>
    t.database.db.select().from(smsMessages).where(eq(smsMessages.matterId, matterId)).orderBy(smsMessages.id);
  const newMatter = (title?: string) =>
    buildMatter(t.database.db, { placeId: territory.building.id, proposerAccountId, status: 'accepted', title });

  beforeAll(async () => {
    t = await buildTestApp();
    const db = t.database.db;
    territory = await buildTerritory(db);
    const at = { placeId: territory.unit1.id };
    const withAccount = await buildResident(db, { ...at, name: '张阿姨', phone: '13812345678' });
    const plain = await buildResident(db, { ...at, name: '李师傅', phone: '13812340001' });
    const declined = await buildResident(db, { ...at, name: '刘阿姨', phone: '13812340002' });
    const noPhone = await buildResident(db, { ...at, name: '王大伯', phone: null });
    const sharing = await buildResident(db, { ...at, name: '李小妹', phone: '13812340001' });
    await db.update(residents).set({ smsOptOut: true }).where(eq(residents.id, declined.id));
    people = {
      withAccount: withAccount.id,
      plain: plain.id,
      declined: declined.id,
      noPhone: noPhone.id,
      sharing: sharing.id,
    };
    const [org] = await db
      .insert(organisations)
      .values({
        placeId: territory.community.id,
        placePath: territory.community.path,
        name: '河滨物业',
        kind: 'property_company',
        contactPhone: '13912340009',
      })
      .returning();
    organisationId = org!.id;
    const staff = await buildStaff(db, { role: 'convenor', placeId: territory.community.id });
    const grid = await buildStaff(db, { role: 'grid_worker', placeId: territory.community.id });
    convenor = await t.loginByCode(staff.phone);
    gridWorker = await t.loginByCode(grid.phone);
    // Logging in by code makes the roster resident an account holder: they get the inbox item instead.
    resident = await t.loginByCode('13812345678');
    proposerAccountId = staff.id;
  });
  afterAll(async () => {
    await t.close();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('queues one text per phone of invitees without an account, in the invitation’s own transaction', async () => {
    const matter = await newMatter('5幢2单元加装电梯及楼道改造工程第二期意见征询');
    const response = await convenor.post(`/api/matters/${matter.id}/invitations`, {
      residentIds: Object.values(people),
      organisationIds: [organisationId],
      outsideNames: ['住建局'],
    });
    expect(response.statusCode).toBe(201);
    const rows = await texts(matter.id);
    const byPhone = Object.fromEntries(rows.map((r) => [r.phone, r.status]));
    // The shared phone once; the one who declined recorded but never sent; no account holder, no phoneless.
    expect(byPhone).toEqual({ '13812340001': 'queued', '13812340002': 'opted_out', '13912340009': 'queued' });
    expect(rows.every((r) => r.template === 'invitation' && r.attempts === 0)).toBe(true);
    expect(rows[0]!.params).toEqual({
      title: '5幢2单元加装电梯及楼道改造工程第二期…',
      time: '另行通知',
      community: '河滨社区',
    });
    expect(JSON.stringify(rows.map((r) => r.params))).not.toMatch(/李|张|刘|王/);
    // Same transaction: the invitations and their texts were written by one transaction id.
    const { rows: xids } = await t.database.db.execute<{ xid: string }>(sql`
      select distinct xmin::text as xid from invitations where matter_id = ${matter.id}
      union select distinct xmin::text from sms_messages where matter_id = ${matter.id}`);
    expect(xids).toHaveLength(1);
  });

  it('writes no text when the invitation is refused, and never texts a phone twice for one matter', async () => {
    const matter = await newMatter();
    const outsider = await buildResident(t.database.db, { placeId: territory.otherCommunity.id });
    const refused = await convenor.post(`/api/matters/${matter.id}/invitations`, {
      residentIds: [people.plain, outsider.id],
    });
    expect(refused.statusCode).toBe(400);
    expect(await texts(matter.id)).toEqual([]);
    await convenor.post(`/api/matters/${matter.id}/invitations`, { residentIds: [people.plain] });
    await convenor.post(`/api/matters/${matter.id}/invitations`, { residentIds: [people.plain, people.sharing] });
    expect((await texts(matter.id)).map((r) => r.phone)).toEqual(['13812340001']);
  });

  it('queues an evening invitation for 08:00 China time next morning', async () => {
    const matter = await newMatter();
    // 22:30 China time tomorrow on the app's clock (the database runs on real time).
    const evening = new Date(Date.now() + 86_400_000);
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(evening);
    t.clock.freeze(`${day}T22:30:00+08:00`);
    await convenor.post(`/api/matters/${matter.id}/invitations`, { residentIds: [people.plain] });
    t.clock.reset();
    const [row] = await texts(matter.id);
    const nextDay = new Date(new Date(`${day}T00:00:00+08:00`).getTime() + 86_400_000 + 8 * 3_600_000);
    expect(row!.notBefore.toISOString()).toBe(nextDay.toISOString());
  });

  it('queues a morning invitation at once, a minute before quiet hours too, and one at 21:00 for the next 08:00', async () => {
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(
      new Date(Date.now() + 86_400_000),
    );
    const queuedAt = async (at: string) => {
      const matter = await newMatter();
      t.clock.freeze(at);
      await convenor.post(`/api/matters/${matter.id}/invitations`, { residentIds: [people.plain] });
      t.clock.reset();
      return (await texts(matter.id))[0]!.notBefore.toISOString();
    };
    const at = (time: string) => new Date(`${day}T${time}+08:00`).toISOString();
    expect(await queuedAt(`${day}T09:15:00+08:00`)).toBe(at('09:15:00'));
    expect(await queuedAt(`${day}T20:59:00+08:00`)).toBe(at('20:59:00'));
    const nextMorning = new Date(new Date(at('08:00:00')).getTime() + 86_400_000).toISOString();
    expect(await queuedAt(`${day}T21:00:00+08:00`)).toBe(nextMorning);
  });

  it('texts a posted notice to the matter’s invitees without an account', async () => {
    const matter = await newMatter();
    await convenor.post(`/api/matters/${matter.id}/invitations`, {
      residentIds: [people.plain, people.sharing, people.withAccount, people.declined],
    });
    const posted = await convenor.post(`/api/matters/${matter.id}/notices`, {
      kind: 'meeting',
      title: '议事会召开公告',
      body: '本周六上午在社区会议室召开议事会。',
      startsOn: '2026-11-20',
      endsOn: '2026-11-27',
    });
    expect(posted.statusCode).toBe(201);
    const notices = (await texts(matter.id)).filter((r) => r.template === 'notice');
    expect(notices.map((r) => [r.phone, r.status])).toEqual([
      ['13812340001', 'queued'],
      ['13812340002', 'opted_out'],
    ]);
    expect(notices[0]!.params).toEqual({ title: '议事会召开公告' });
  });

  it('shows staff the text state of each invitee and shows residents none', async () => {
    const matter = await newMatter();
    await convenor.post(`/api/matters/${matter.id}/invitations`, {
      residentIds: [people.plain, people.declined, people.withAccount, people.noPhone],
    });
    await t.database.db.update(smsMessages).set({ status: 'sent' }).where(eq(smsMessages.matterId, matter.id));
    await t.database.db
      .update(smsMessages)
      .set({ status: 'opted_out' })
      .where(sql`${smsMessages.matterId} = ${matter.id} and ${smsMessages.phone} = '13812340002'`);
    const list = await convenor.get(`/api/matters/${matter.id}/invitations`);
    const states = Object.fromEntries(
      (list.json() as { items: { name: string; sms: string | null }[] }).items.map((i) => [i.name, i.sms]),
    );
    expect(states).toEqual({ 李师傅: 'sent', 刘阿姨: 'opted_out', 张阿姨: null, 王大伯: null });
    const own = await resident.get(`/api/matters/${matter.id}/invitations`);
    expect((own.json() as { items: { sms: string | null }[] }).items.every((i) => i.sms === null)).toBe(true);
  });

  describe('declining texts', () => {
    it('lets a resident turn texts off for themself, which stops their queued texts', async () => {
      const matter = await newMatter();
      const own = await resident.get(`/api/residents/${people.withAccount}/sms`);
      expect(own.json()).toEqual({
        residentId: people.withAccount,
        smsOptOut: false,
        abilities: { 'resident.setSmsOptOut': true },
      });
      // A queued text of this resident (as if invited before they had an account).
      await t.database.db.insert(smsMessages).values({
        template: 'notice',
        phone: '13812345678',
        residentId: people.withAccount,
        matterId: matter.id,
        params: { title: '公告' },
      });
      const off = await resident.patch(`/api/residents/${people.withAccount}/sms`, { smsOptOut: true });
      expect(off.statusCode).toBe(200);
      expect(off.json()).toMatchObject({ smsOptOut: true });
      expect((await texts(matter.id)).map((r) => r.status)).toEqual(['opted_out']);
      const on = await resident.patch(`/api/residents/${people.withAccount}/sms`, { smsOptOut: false });
      expect(on.json()).toMatchObject({ smsOptOut: false });
    });

    it('refuses a resident another resident’s flag without telling whether they exist', async () => {
      const response = await resident.patch(`/api/residents/${people.plain}/sms`, { smsOptOut: true });
      expect(response.statusCode).toBe(404);
      const [row] = await t.database.db.select().from(residents).where(eq(residents.id, people.plain));
      expect(row!.smsOptOut).toBe(false);
    });

    it('lets the convenor set it for a resident of their community, and not a grid worker', async () => {
      const seen = await gridWorker.get(`/api/residents/${people.noPhone}/sms`);
      expect(seen.json()).toMatchObject({ smsOptOut: false, abilities: { 'resident.setSmsOptOut': false } });
      const refused = await gridWorker.patch(`/api/residents/${people.noPhone}/sms`, { smsOptOut: true });
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error).toMatchObject({ code: 'access.denied' });
      const set = await convenor.patch(`/api/residents/${people.noPhone}/sms`, { smsOptOut: true });
      expect(set.json()).toMatchObject({ smsOptOut: true, abilities: { 'resident.setSmsOptOut': true } });
      const [row] = await t.database.db.select().from(residents).where(eq(residents.id, people.noPhone));
      expect(row!.smsOptOut).toBe(true);
    });

    it('rejects a body without the flag with a localised field error', async () => {
      const response = await convenor.patch(`/api/residents/${people.noPhone}/sms`, { smsOptOut: 'yes' });
      expect(response.statusCode).toBe(400);
      expect(response.json().error).toMatchObject({ field: 'smsOptOut' });
    });
  });
});
