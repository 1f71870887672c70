import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organisations, personalDataReads, poolMembers } from '../../db/schema';
import { buildTestApp, type TestApp, type TestClient } from '../../test/build-test-app';
import { buildResident, buildStaff, buildTerritory } from '../../test/factories';

type Reply = { statusCode: number; json: () => { error: unknown } };
const expectError = (response: Reply, status: number, error: object) => {
  expect(response.statusCode).toBe(status);
  expect(response.json().error).toMatchObject(error);
};

describe('member pool routes', () => {
  let t: TestApp;
  let territory: Awaited<ReturnType<typeof buildTerritory>>;
  let anonymous: TestClient;
  let resident: TestClient;
  let member: TestClient;
  let convenor: TestClient;
  let gridWorker: TestClient;
  let otherConvenor: TestClient;
  let convenorAccountId: number;
  let insider: Awaited<ReturnType<typeof buildResident>>;
  let neighbour: Awaited<ReturnType<typeof buildResident>>;
  let villager: Awaited<ReturnType<typeof buildResident>>;
  const poolUrl = () => `/api/places/${territory.community.id}/pool`;

  beforeAll(async () => {
    t = await buildTestApp();
    const db = t.database.db;
    territory = await buildTerritory(db);
    insider = await buildResident(db, { placeId: territory.unit2.id, name: '张阿姨', phone: '13812345678' });
    neighbour = await buildResident(db, { placeId: territory.unit1.id, name: '李师傅', phone: '13812340001' });
    villager = await buildResident(db, { placeId: territory.group.id, name: '王大伯' });
    const convenorAccount = await buildStaff(db, { role: 'convenor', placeId: territory.community.id });
    convenorAccountId = convenorAccount.id;
    const memberAccount = await buildStaff(db, { role: 'member', placeId: territory.community.id });
    const grid = await buildStaff(db, { role: 'grid_worker', placeId: territory.community.id });
    const other = await buildStaff(db, { role: 'convenor', placeId: territory.otherCommunity.id });
    anonymous = t.anonymous();
    resident = await t.loginByCode('13812345678');
    member = await t.loginByCode(memberAccount.phone);
    convenor = await t.loginByCode(convenorAccount.phone);
    gridWorker = await t.loginByCode(grid.phone);
    otherConvenor = await t.loginByCode(other.phone);
  });
  afterAll(async () => t.close());

  describe('GET /api/pool/tags', () => {
    it('requires a login', async () => {
      expectError(await anonymous.get('/api/pool/tags'), 401, { code: 'auth.required' });
    });

    it('lists the built-in tags', async () => {
      const response = await resident.get('/api/pool/tags');
      expect(response.statusCode).toBe(200);
      expect(response.json().builtIn).toEqual(expect.arrayContaining(['党员', '楼栋长', '乡贤', '网格员']));
      expect(response.json().builtIn).toHaveLength(10);
    });
  });

  describe('POST /api/places/:id/pool', () => {
    it('requires a login', async () => {
      expectError(await anonymous.post(poolUrl(), { residentId: insider.id, tags: [] }), 401, {
        code: 'auth.required',
      });
    });

    it('refuses staff who do not manage the pool, and another community', async () => {
      expectError(await gridWorker.post(poolUrl(), { residentId: insider.id, tags: [] }), 403, {
        code: 'access.denied_place',
      });
      expectError(await member.post(poolUrl(), { residentId: insider.id, tags: [] }), 403, {
        code: 'access.denied_place',
      });
      expectError(await otherConvenor.post(poolUrl(), { residentId: insider.id, tags: [] }), 403, {
        code: 'access.denied_place',
      });
    });

    it('rejects bad bodies with the field at fault', async () => {
      const cases: [unknown, object][] = [
        [{ tags: [] }, { code: 'pool.one_party', field: 'residentId' }],
        [
          { residentId: insider.id, organisation: { name: '物业', kind: 'property_company' }, tags: [] },
          { code: 'pool.one_party', field: 'residentId' },
        ],
        [{ residentId: 'abc', tags: [] }, { field: 'residentId' }],
        [
          { residentId: insider.id, tags: ['  '] },
          { code: 'validation.required', field: 'tags.0' },
        ],
        [
          { residentId: insider.id, tags: ['长'.repeat(21)] },
          { code: 'validation.too_long', field: 'tags.0' },
        ],
        [{ residentId: insider.id, tags: '党员' }, { field: 'tags' }],
        [
          { residentId: insider.id, tags: Array.from({ length: 11 }, (_, i) => `标签${i}`) },
          { code: 'pool.tags_too_many', field: 'tags' },
        ],
        [
          { residentId: insider.id, tags: [], note: 'x'.repeat(501) },
          { code: 'validation.too_long', field: 'note' },
        ],
        [{ organisation: { name: '', kind: 'law_firm' }, tags: [] }, { field: 'organisation.name' }],
        [{ organisation: { name: '律所', kind: 'bank' }, tags: [] }, { field: 'organisation.kind' }],
        [
          { organisation: { name: '律所', kind: 'law_firm', contactPhone: 'call me' } },
          { field: 'organisation.contactPhone' },
        ],
      ];
      for (const [body, error] of cases) expectError(await convenor.post(poolUrl(), body), 400, error);
      expectError(await convenor.post('/api/places/abc/pool', { residentId: insider.id }), 400, { field: 'id' });
      expect(await t.database.db.select().from(poolMembers)).toEqual([]);
    });

    it('refuses a resident who lives outside the place, and an unknown resident, alike', async () => {
      for (const residentId of [villager.id, 987654]) {
        expectError(await convenor.post(poolUrl(), { residentId, tags: [] }), 400, {
          code: 'pool.resident_outside',
          field: 'residentId',
        });
      }
    });

    it('adds a resident with trimmed, deduplicated tags, once', async () => {
      const response = await convenor.post(poolUrl(), {
        residentId: insider.id,
        tags: ['党员', ' 楼栋长', '党员 '],
        note: '热心',
      });
      expect(response.statusCode).toBe(201);
      expect(response.json()).toEqual({
        id: expect.any(Number),
        kind: 'resident',
        name: '张阿姨',
        phone: '13812345678',
        isPhoneMasked: false,
        tags: ['党员', '楼栋长'],
        note: '热心',
        isActive: true,
        residentId: insider.id,
        organisationId: null,
        organisationKind: null,
        placeName: '河滨社区',
        councils: [],
      });
      expectError(await convenor.post(poolUrl(), { residentId: insider.id, tags: [] }), 409, {
        code: 'member.duplicate',
        field: 'residentId',
      });
    });

    it('adds an organisation, creating it once', async () => {
      const body = {
        organisation: { name: '河滨物业', kind: 'property_company', contactPhone: '0573-88886666' },
        tags: ['物业'],
      };
      const response = await convenor.post(poolUrl(), body);
      expect(response.statusCode).toBe(201);
      expect(response.json()).toMatchObject({
        kind: 'organisation',
        name: '河滨物业',
        organisationKind: 'property_company',
      });
      expectError(await convenor.post(poolUrl(), body), 409, { code: 'member.duplicate', field: 'organisation.name' });
      expect(await t.database.db.select().from(organisations).where(eq(organisations.name, '河滨物业'))).toHaveLength(
        1,
      );
    });
  });

  describe('GET /api/places/:id/pool', () => {
    beforeAll(async () => {
      await convenor.post(poolUrl(), { residentId: neighbour.id, tags: ['乡贤'] });
    });

    it('requires a login', async () => {
      expectError(await anonymous.get(poolUrl()), 401, { code: 'auth.required' });
    });

    it('refuses residents and staff of another community', async () => {
      expectError(await resident.get(poolUrl()), 403, { code: 'access.denied_place' });
      expectError(await otherConvenor.get(poolUrl()), 403, { code: 'access.denied_place' });
    });

    it('rejects bad filters with the field', async () => {
      expectError(await convenor.get(`${poolUrl()}?tag=${'长'.repeat(21)}`), 400, { field: 'tag' });
      expectError(await convenor.get(`${poolUrl()}?q=${'x'.repeat(51)}`), 400, { field: 'q' });
      expectError(await convenor.get('/api/places/-1/pool'), 400, { field: 'id' });
    });

    it('shows staff full phones, tag counts and the manage ability, and logs the read', async () => {
      const response = await convenor.get(poolUrl());
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect(body.items.map((m: { name: string }) => m.name)).toEqual(['张阿姨', '河滨物业', '李师傅']);
      expect(body.items[0]).toMatchObject({ phone: '13812345678', isPhoneMasked: false });
      expect(body.tags).toEqual(
        expect.arrayContaining([
          { tag: '党员', count: 1 },
          { tag: '乡贤', count: 1 },
          { tag: '物业', count: 1 },
        ]),
      );
      expect(body.abilities).toEqual({ 'pool.manage': true });
      const reads = await t.database.db
        .select()
        .from(personalDataReads)
        .where(eq(personalDataReads.accountId, convenorAccountId));
      expect(reads).toContainEqual(
        expect.objectContaining({ subject: 'place_pool', subjectId: territory.community.id }),
      );
    });

    it('shows members their community pool with masked phones and no manage ability', async () => {
      const body = (await member.get(poolUrl())).json();
      expect(body.items[0]).toMatchObject({ name: '张阿姨', phone: '138****5678', isPhoneMasked: true });
      expect(body.abilities).toEqual({ 'pool.manage': false });
    });

    it('filters by tag and by name', async () => {
      const byTag = (await convenor.get(`${poolUrl()}?tag=${encodeURIComponent('乡贤')}`)).json();
      expect(byTag.items.map((m: { name: string }) => m.name)).toEqual(['李师傅']);
      const byName = (await convenor.get(`${poolUrl()}?q=${encodeURIComponent('物业')}`)).json();
      expect(byName.items.map((m: { name: string }) => m.name)).toEqual(['河滨物业']);
    });
  });

  describe('PATCH /api/pool/:memberId', () => {
    let memberId: number;
    beforeAll(async () => {
      const [row] = await t.database.db.select().from(poolMembers).where(eq(poolMembers.residentId, insider.id));
      memberId = row!.id;
    });

    it('requires a login', async () => {
      expectError(await anonymous.patch(`/api/pool/${memberId}`, { note: 'x' }), 401, { code: 'auth.required' });
    });

    it('refuses a member who may only view the pool', async () => {
      expectError(await member.patch(`/api/pool/${memberId}`, { note: 'x' }), 403, { code: 'access.denied' });
    });

    it("answers another community's entry and an unknown id alike with 404", async () => {
      expectError(await otherConvenor.patch(`/api/pool/${memberId}`, { note: 'x' }), 404, { code: 'not_found' });
      expectError(await convenor.patch('/api/pool/987654', { note: 'x' }), 404, { code: 'not_found' });
    });

    it('rejects bad bodies with the field', async () => {
      expectError(await convenor.patch('/api/pool/abc', { note: 'x' }), 400, { field: 'memberId' });
      expectError(await convenor.patch(`/api/pool/${memberId}`, { isActive: 'yes' }), 400, { field: 'isActive' });
      expectError(await convenor.patch(`/api/pool/${memberId}`, { tags: [''] }), 400, { field: 'tags.0' });
      expectError(await convenor.patch(`/api/pool/${memberId}`, { note: 'x'.repeat(501) }), 400, { field: 'note' });
    });

    it('changes tags, note and the active flag', async () => {
      const response = await convenor.patch(`/api/pool/${memberId}`, {
        tags: ['人大代表', '人大代表'],
        note: null,
        isActive: false,
      });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ id: memberId, tags: ['人大代表'], note: null, isActive: false });
    });
  });
});
