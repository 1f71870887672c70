import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts, councilMembers, councils, invitations, matterEvents, poolMembers, residents } from '../../db/schema';
import { buildTestApp, type TestApp, type TestClient } from '../../test/build-test-app';
import { buildDwelling, buildResident, buildStaff, buildTerritory } from '../../test/factories';
import { buildMatter } from '../../test/matter-factories';
import { verifyMatterChain } from '../matters';

type Reply = { statusCode: number; json: () => { error: unknown } };
const expectError = (response: Reply, status: number, error: object) => {
  expect(response.statusCode).toBe(status);
  expect(response.json().error).toMatchObject(error);
};

describe('announcing routes', () => {
  let t: TestApp;
  let territory: Awaited<ReturnType<typeof buildTerritory>>;
  let anonymous: TestClient;
  let convenor: TestClient;
  let gridWorker: TestClient;
  let otherConvenor: TestClient;
  let resident: TestClient;
  let neighbour: TestClient;
  let residentAccountId: number;
  let accepted: number;
  let raised: number;
  let archived: number;
  let fresh: number;
  let scoped: number;
  let villagerId: number;
  let otherCouncilId: number;
  let councilId: number;

  const lastAction = async (matterId: number) => {
    const [row] = await t.database.db
      .select({ action: matterEvents.action })
      .from(matterEvents)
      .where(eq(matterEvents.matterId, matterId))
      .orderBy(desc(matterEvents.seq))
      .limit(1);
    return row?.action;
  };
  const notice = {
    kind: 'topic',
    title: '加装电梯议题公示',
    body: '公示内容',
    startsOn: '2026-11-20',
    endsOn: '2026-11-27',
  };

  beforeAll(async () => {
    t = await buildTestApp();
    const db = t.database.db;
    territory = await buildTerritory(db);
    const flat = await buildDwelling(db, { placeId: territory.unit2.id, room: '0502' });
    const me = await buildResident(db, {
      placeId: territory.unit2.id,
      name: '张阿姨',
      phone: '13812345678',
      owns: [flat.id],
    });
    await buildResident(db, { placeId: territory.unit2.id, name: '小明', birthDate: '2015-06-01', tenure: 'family' });
    // Two adults of one household in unit 1: 'households' invites one of them, the owner.
    const li = await buildResident(db, { placeId: territory.unit1.id, name: '李师傅', phone: '13812340001' });
    const wife = await buildResident(db, { placeId: territory.unit1.id, name: '刘阿姨', tenure: 'family' });
    await db.update(residents).set({ householdId: li.householdId }).where(eq(residents.id, wife.id));
    const villager = await buildResident(db, { placeId: territory.group.id, name: '王大伯' });
    villagerId = villager.id;
    const staff = await buildStaff(db, { role: 'convenor', placeId: territory.community.id });
    const grid = await buildStaff(db, { role: 'grid_worker', placeId: territory.community.id });
    const other = await buildStaff(db, { role: 'convenor', placeId: territory.otherCommunity.id });
    anonymous = t.anonymous();
    convenor = await t.loginByCode(staff.phone);
    gridWorker = await t.loginByCode(grid.phone);
    otherConvenor = await t.loginByCode(other.phone);
    resident = await t.loginByCode('13812345678');
    neighbour = await t.loginByCode('13812340001');
    const [account] = await db.select().from(accounts).where(eq(accounts.residentId, me.id));
    residentAccountId = account!.id;
    const build = (status: 'accepted' | 'raised' | 'archived') =>
      buildMatter(db, { placeId: territory.building.id, proposerAccountId: residentAccountId, status });
    accepted = (await build('accepted')).id;
    raised = (await build('raised')).id;
    archived = (await build('archived')).id;
    fresh = (await build('accepted')).id;
    scoped = (await build('accepted')).id;
    const [member] = await db
      .insert(poolMembers)
      .values({
        placeId: territory.community.id,
        placePath: territory.community.path,
        residentId: me.id,
        tags: ['楼栋长'],
      })
      .returning();
    const term = { termStart: '2025-01-01', termEnd: '2029-12-31' };
    const [council] = await db
      .insert(councils)
      .values({
        placeId: territory.community.id,
        placePath: territory.community.path,
        kind: 'residents_council',
        name: '百姓议事会',
        ...term,
      })
      .returning();
    councilId = council!.id;
    await db.insert(councilMembers).values({ councilId, poolMemberId: member!.id, ...term });
    const [otherCouncil] = await db
      .insert(councils)
      .values({
        placeId: territory.otherCommunity.id,
        placePath: territory.otherCommunity.path,
        kind: 'residents_council',
        name: '濮院议事会',
        ...term,
      })
      .returning();
    otherCouncilId = otherCouncil!.id;
  });
  afterAll(async () => t.close());

  describe('POST /api/matters/:id/notices', () => {
    it('refuses visitors, non-managers and another community', async () => {
      expectError(await anonymous.post(`/api/matters/${accepted}/notices`, notice), 401, { code: 'auth.required' });
      expectError(await gridWorker.post(`/api/matters/${accepted}/notices`, notice), 403, { code: 'access.denied' });
      expectError(await resident.post(`/api/matters/${accepted}/notices`, notice), 403, { code: 'access.denied' });
      expectError(await otherConvenor.post(`/api/matters/${accepted}/notices`, notice), 404, { code: 'not_found' });
    });

    it('refuses a period that ends before it starts and an overlong title', async () => {
      const url = `/api/matters/${accepted}/notices`;
      expectError(await convenor.post(url, { ...notice, endsOn: '2026-11-19' }), 400, {
        code: 'notice.period',
        field: 'endsOn',
      });
      expectError(await convenor.post(url, { ...notice, title: '长'.repeat(101) }), 400, { field: 'title' });
      expectError(await convenor.post(url, { ...notice, startsOn: '20261120' }), 400, { field: 'startsOn' });
    });

    it('refuses a matter not yet accepted, and an archived one', async () => {
      expectError(await convenor.post(`/api/matters/${raised}/notices`, notice), 409, { code: 'matter.wrong_stage' });
      expectError(await convenor.post(`/api/matters/${archived}/notices`, notice), 409, { code: 'matter.read_only' });
    });

    it('posts the notice, lists it, and extends the chain', async () => {
      const response = await convenor.post(`/api/matters/${accepted}/notices`, notice);
      expect(response.statusCode).toBe(201);
      expect(response.json()).toMatchObject({ kind: 'topic', startsOn: '2026-11-20', endsOn: '2026-11-27' });
      const list = await resident.get(`/api/matters/${accepted}/notices`);
      expect(list.json().items).toHaveLength(1);
      expectError(await otherConvenor.get(`/api/matters/${accepted}/notices`), 404, { code: 'not_found' });
      expectError(await anonymous.get(`/api/matters/${accepted}/notices`), 401, { code: 'auth.required' });
      expect(await lastAction(accepted)).toBe('notice.post');
      expect(await verifyMatterChain(t.database.db, accepted)).toMatchObject({ isIntact: true });
    });

    it('posts the same notice once when it is sent twice at once, and again only with another text', async () => {
      const url = `/api/matters/${accepted}/notices`;
      const twice = { ...notice, kind: 'meeting', title: '会议公示：同一份' };
      const replies = await Promise.all([convenor.post(url, twice), convenor.post(url, twice)]);
      expect(replies.map((r) => r.statusCode).sort()).toEqual([201, 409]);
      expectError(
        replies.find((r) => r.statusCode === 409)!,
        409,
        { code: 'notice.duplicate', field: 'title' },
      );
      const list = (await convenor.get(url)).json().items as { title: string }[];
      expect(list.filter((n) => n.title === twice.title)).toHaveLength(1);
      expect((await convenor.post(url, { ...twice, body: `${twice.body}（更正）` })).statusCode).toBe(201);
    });
  });

  describe('POST /api/matters/:id/invitations', () => {
    const url = () => `/api/matters/${accepted}/invitations`;

    it('refuses visitors, non-managers and another community', async () => {
      expectError(await anonymous.post(url(), { poolTags: ['楼栋长'] }), 401, { code: 'auth.required' });
      expectError(await gridWorker.post(url(), { poolTags: ['楼栋长'] }), 403, { code: 'access.denied' });
      expectError(await otherConvenor.post(url(), { poolTags: ['楼栋长'] }), 404, { code: 'not_found' });
    });

    it('refuses an empty list and anyone from outside the matter or community', async () => {
      expectError(await convenor.post(url(), {}), 400, { code: 'invitation.empty', field: 'poolTags' });
      expectError(await convenor.post(url(), { affectedPlaceId: territory.group.id }), 400, {
        code: 'invitation.place_outside',
        field: 'affectedPlaceId',
      });
      expectError(await convenor.post(url(), { councilIds: [otherCouncilId] }), 400, {
        code: 'invitation.council_outside',
        field: 'councilIds',
      });
      expectError(await convenor.post(url(), { residentIds: [villagerId] }), 400, {
        code: 'invitation.party_outside',
        field: 'residentIds',
      });
      expectError(await convenor.post(url(), { affectedScope: 'everyone', affectedPlaceId: 1 }), 400, {
        field: 'affectedScope',
      });
      const [row] = await t.database.db.select().from(invitations).where(eq(invitations.matterId, accepted));
      expect(row).toBeUndefined();
    });

    it('refuses a raised matter and an archived one', async () => {
      expectError(await convenor.post(`/api/matters/${raised}/invitations`, { poolTags: ['楼栋长'] }), 409, {
        code: 'matter.wrong_stage',
      });
      expectError(await convenor.post(`/api/matters/${archived}/invitations`, { poolTags: ['楼栋长'] }), 409, {
        code: 'matter.read_only',
      });
    });

    it('invites adults of the place once, however many sources name them, also when sent twice at once', async () => {
      const body = {
        poolTags: ['楼栋长'],
        councilIds: [councilId],
        affectedPlaceId: territory.unit2.id,
        affectedScope: 'residents',
        outsideNames: ['区住建局', '区住建局'],
      };
      const [a, b] = await Promise.all([convenor.post(url(), body), convenor.post(url(), body)]);
      expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
      const rows = await t.database.db.select().from(invitations).where(eq(invitations.matterId, accepted));
      // 张阿姨 once (council seat, pool tag and resident of unit 2); the child is not invited; the bureau once.
      expect(rows).toHaveLength(2);
      const first = [a.json(), b.json()].find((r) => r.alreadyInvited === 0 || r.added.council === 1);
      expect(first).toMatchObject({ added: { council: 1, pool: 0, affected: 0, outside: 1 }, total: 2 });
      expect(await lastAction(accepted)).toBe('invitations.add');
      expect(await verifyMatterChain(t.database.db, accepted)).toMatchObject({ isIntact: true });
    });

    it('invites one adult per household, the owner first', async () => {
      const response = await convenor.post(`/api/matters/${scoped}/invitations`, {
        affectedPlaceId: territory.unit1.id,
        affectedScope: 'households',
      });
      expect(response.json()).toMatchObject({ added: { affected: 1 }, total: 1 });
      const list = (await convenor.get(`/api/matters/${scoped}/invitations`)).json();
      expect(list.items.map((i: { name: string }) => i.name)).toEqual(['李师傅']);
    });

    it('lists invitations with names for staff and initials for neighbours', async () => {
      const staffView = await convenor.get(url());
      expect(
        staffView
          .json()
          .items.map((i: { name: string }) => i.name)
          .sort(),
      ).toEqual(['区住建局', '张阿姨'].sort());
      const neighbourView = await neighbour.get(url());
      expect(
        neighbourView
          .json()
          .items.map((i: { name: string }) => i.name)
          .sort(),
      ).toEqual(['区住建局', '张**'].sort());
      expectError(await otherConvenor.get(url()), 404, { code: 'not_found' });
      expectError(await anonymous.get(url()), 401, { code: 'auth.required' });
    });
  });

  describe('POST /api/invitations/:id/reply and DELETE /api/invitations/:id', () => {
    const idOf = async (matterId: number, kind: 'resident' | 'outside') => {
      const rows = await t.database.db.select().from(invitations).where(eq(invitations.matterId, matterId));
      return rows.find((r) => (kind === 'resident' ? r.residentId !== null : r.outsideName !== null))!.id;
    };

    it('lets only the invitee answer; staff record an outside party’s answer', async () => {
      const mine = await idOf(accepted, 'resident');
      const outside = await idOf(accepted, 'outside');
      expectError(await anonymous.post(`/api/invitations/${mine}/reply`, { reply: 'yes' }), 401, {
        code: 'auth.required',
      });
      expectError(await neighbour.post(`/api/invitations/${mine}/reply`, { reply: 'yes' }), 403, {
        code: 'invitation.not_yours',
      });
      expectError(await convenor.post(`/api/invitations/${mine}/reply`, { reply: 'yes' }), 403, {
        code: 'invitation.not_yours',
      });
      expectError(await otherConvenor.post(`/api/invitations/${mine}/reply`, { reply: 'yes' }), 404, {
        code: 'not_found',
      });
      expectError(await resident.post(`/api/invitations/${mine}/reply`, { reply: 'maybe' }), 400, { field: 'reply' });
      expectError(await resident.post(`/api/invitations/999999/reply`, { reply: 'yes' }), 404, { code: 'not_found' });
      const answered = await resident.post(`/api/invitations/${mine}/reply`, { reply: 'no' });
      expect(answered.json()).toMatchObject({ id: mine, reply: 'no' });
      expect(await lastAction(accepted)).toBe('invitation.reply');
      const recorded = await convenor.post(`/api/invitations/${outside}/reply`, { reply: 'yes' });
      expect(recorded.statusCode).toBe(200);
    });

    it('an archived matter refuses answers and removals', async () => {
      const [row] = await t.database.db
        .insert(invitations)
        .values({ matterId: archived, reason: 'outside', outsideName: '街道办' })
        .returning();
      expectError(await convenor.post(`/api/invitations/${row!.id}/reply`, { reply: 'yes' }), 409, {
        code: 'matter.read_only',
      });
      expectError(await convenor.delete(`/api/invitations/${row!.id}`), 409, { code: 'matter.read_only' });
    });

    it('removes an invitation and its inbox item', async () => {
      await convenor.post(`/api/matters/${fresh}/invitations`, { residentIds: [await residentId()] });
      expect(
        (await resident.get('/api/inbox')).json().items.some((i: { matterId: number }) => i.matterId === fresh),
      ).toBe(true);
      const id = await idOf(fresh, 'resident');
      expectError(await anonymous.delete(`/api/invitations/${id}`), 401, { code: 'auth.required' });
      expectError(await gridWorker.delete(`/api/invitations/${id}`), 403, { code: 'access.denied' });
      expectError(await otherConvenor.delete(`/api/invitations/${id}`), 404, { code: 'not_found' });
      const removed = await convenor.delete(`/api/invitations/${id}`);
      expect(removed.json()).toEqual({ id, deleted: true });
      expect(
        (await resident.get('/api/inbox')).json().items.some((i: { matterId: number }) => i.matterId === fresh),
      ).toBe(false);
      expect(await lastAction(fresh)).toBe('invitation.remove');
    });
  });

  const residentId = async () => {
    const [row] = await t.database.db.select().from(accounts).where(eq(accounts.id, residentAccountId));
    return row!.residentId!;
  };

  describe('announce and start deliberation', () => {
    it('refuses visitors, residents and another community', async () => {
      expectError(await anonymous.post(`/api/matters/${accepted}/announce`), 401, { code: 'auth.required' });
      expectError(await resident.post(`/api/matters/${accepted}/announce`), 403, { code: 'access.denied' });
      expectError(await otherConvenor.post(`/api/matters/${accepted}/announce`), 404, { code: 'not_found' });
    });

    it('needs a topic notice and at least one invitation', async () => {
      expectError(await convenor.post(`/api/matters/${fresh}/announce`), 409, { code: 'matter.needs_topic_notice' });
      await convenor.post(`/api/matters/${fresh}/notices`, notice);
      expectError(await convenor.post(`/api/matters/${fresh}/announce`), 409, { code: 'matter.needs_invitations' });
      expectError(await convenor.post(`/api/matters/${archived}/announce`), 409, { code: 'matter.read_only' });
      expectError(await convenor.post(`/api/matters/${fresh}/start-deliberation`), 409, { code: 'matter.wrong_stage' });
    });

    it('announces, then opens deliberation', async () => {
      expect((await convenor.post(`/api/matters/${accepted}/announce`)).json()).toEqual({
        id: accepted,
        status: 'announced',
      });
      expect(await lastAction(accepted)).toBe('matter.announce');
      const started = await convenor.post(`/api/matters/${accepted}/start-deliberation`);
      expect(started.json()).toEqual({ id: accepted, status: 'deliberating' });
      expect(await lastAction(accepted)).toBe('matter.startDeliberation');
      expect(await verifyMatterChain(t.database.db, accepted)).toMatchObject({ isIntact: true });
    });
  });
});
