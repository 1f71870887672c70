import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personalDataReads } from '../../db/schema';
import { buildTestApp, type TestApp, type TestClient } from '../../test/build-test-app';
import { buildDwelling, buildResident, buildStaff, buildTerritory } from '../../test/factories';

describe('places routes', () => {
  let t: TestApp;
  let territory: Awaited<ReturnType<typeof buildTerritory>>;
  let anonymous: TestClient;
  let resident: TestClient;
  let convenor: TestClient;
  let gridWorker: TestClient;
  let supervisor: TestClient;
  let townOfficer: TestClient;
  let otherConvenor: TestClient;
  let convenorAccountId: number;
  let owner: Awaited<ReturnType<typeof buildResident>>;
  let flat201: Awaited<ReturnType<typeof buildDwelling>>;

  beforeAll(async () => {
    t = await buildTestApp();
    const db = t.database.db;
    territory = await buildTerritory(db);
    await buildDwelling(db, { placeId: territory.unit1.id, room: '101', floor: 1 });
    await buildDwelling(db, { placeId: territory.unit1.id, room: '102', floor: 1 });
    flat201 = await buildDwelling(db, { placeId: territory.unit2.id, room: '201', floor: 2, areaCenti: 8_950 });
    await buildDwelling(db, { placeId: territory.unit2.id, room: '202', floor: 2 });
    owner = await buildResident(db, {
      placeId: territory.unit2.id,
      name: '张阿姨',
      phone: '13812345678',
      dwellingId: flat201.id,
      owns: [flat201.id],
      birthDate: '1960-05-01',
    });
    await buildResident(db, { placeId: territory.unit1.id, name: '李师傅', phone: '13812340001' });
    await buildResident(db, { placeId: territory.group.id, name: '王大伯', phone: null });
    await buildResident(db, { placeId: territory.otherCommunity.id, name: '濮院居民', phone: '13812340002' });
    const convenorAccount = await buildStaff(db, { role: 'convenor', placeId: territory.community.id });
    convenorAccountId = convenorAccount.id;
    const grid = await buildStaff(db, { role: 'grid_worker', placeId: territory.community.id });
    const sup = await buildStaff(db, { role: 'supervisor', placeId: territory.community.id });
    const town = await buildStaff(db, { role: 'town_officer', placeId: territory.town.id });
    const other = await buildStaff(db, { role: 'convenor', placeId: territory.otherCommunity.id });
    anonymous = t.anonymous();
    resident = await t.loginByCode('13812345678');
    convenor = await t.loginByCode(convenorAccount.phone);
    gridWorker = await t.loginByCode(grid.phone);
    supervisor = await t.loginByCode(sup.phone);
    townOfficer = await t.loginByCode(town.phone);
    otherConvenor = await t.loginByCode(other.phone);
  });
  afterAll(async () => t.close());

  const expectError = (
    response: { statusCode: number; json: () => { error: unknown } },
    status: number,
    error: object,
  ) => {
    expect(response.statusCode).toBe(status);
    expect(response.json().error).toMatchObject(error);
  };

  describe('GET /api/places/home', () => {
    it('requires a login', async () => {
      expectError(await anonymous.get('/api/places/home'), 401, { code: 'auth.required' });
    });

    it('answers 404 for an account without a resident', async () => {
      expectError(await convenor.get('/api/places/home'), 404, { code: 'not_found' });
    });

    it('shows a resident their dwelling, household, place, ancestors and building', async () => {
      const response = await resident.get('/api/places/home');
      expect(response.statusCode).toBe(200);
      const home = response.json();
      expect(home.resident).toEqual({ id: owner.id, name: '张阿姨', birthDate: '1960-05-01', tenure: 'owner' });
      expect(home.dwelling).toEqual({ id: flat201.id, room: '201', floor: 2, areaM2: '89.50' });
      expect(home.household.members).toEqual([{ name: '张阿姨', isAdult: true }]);
      expect(home.place).toEqual({ id: territory.unit2.id, kind: 'unit', name: '2单元' });
      expect(home.ancestors.map((a: { name: string }) => a.name)).toEqual([
        '测试市',
        '梧桐街道',
        '河滨社区',
        '河滨小区',
        '5幢',
      ]);
      expect(home.building).toEqual({ id: territory.building.id, name: '5幢', dwellingCount: 4, residentCount: 2 });
    });
  });

  describe('GET /api/places/roots', () => {
    it('requires a login', async () => {
      expectError(await anonymous.get('/api/places/roots'), 401, { code: 'auth.required' });
    });

    it('lists the grant places with counts', async () => {
      const response = await convenor.get('/api/places/roots');
      expect(response.statusCode).toBe(200);
      expect(response.json().items).toEqual([
        expect.objectContaining({
          id: territory.community.id,
          kind: 'community',
          name: '河滨社区',
          childCount: 1,
          dwellingCount: 4,
          residentCount: 2,
          parentId: territory.town.id,
          path: territory.community.path,
        }),
      ]);
    });

    it('gives a resident their own place', async () => {
      const items = (await resident.get('/api/places/roots')).json().items;
      expect(items.map((p: { id: number }) => p.id)).toEqual([territory.unit2.id]);
    });
  });

  describe('GET /api/places/:id', () => {
    it('requires a login', async () => {
      expectError(await anonymous.get(`/api/places/${territory.community.id}`), 401, { code: 'auth.required' });
    });

    it('rejects a non-numeric id with the field', async () => {
      expectError(await convenor.get('/api/places/abc'), 400, { field: 'id' });
      expectError(await convenor.get('/api/places/0'), 400, { field: 'id' });
    });

    it('answers 404 for an unknown place', async () => {
      expectError(await convenor.get('/api/places/999999'), 404, { code: 'not_found' });
    });

    it("refuses a resident another community's place", async () => {
      expectError(await resident.get(`/api/places/${territory.otherCommunity.id}`), 403, {
        code: 'access.denied_place',
        message: '您无权查看该区划的名册',
      });
    });

    it('shows staff the place, ancestors, counts and their abilities', async () => {
      const response = await gridWorker.get(`/api/places/${territory.building.id}`);
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect(body.place).toMatchObject({ id: territory.building.id, code: territory.building.code, isRural: false });
      expect(body.ancestors.map((a: { kind: string }) => a.kind)).toEqual(['city', 'town', 'community', 'estate']);
      expect(body.counts).toEqual({ children: 2, dwellings: 4, households: 2, residents: 2 });
      expect(body.abilities).toEqual({
        'place.viewRoster': true,
        'roster.import': false,
        'roster.export': true,
        'pool.view': true,
        'pool.manage': false,
        'council.view': true,
        'council.manage': false,
        'venue.view': true,
        'format.manage': false,
        'grant.viewHistory': false,
        'statistics.view': false,
      });
    });

    it('lets a resident browse their community without roster abilities', async () => {
      const body = (await resident.get(`/api/places/${territory.community.id}`)).json();
      expect(body.abilities).toMatchObject({ 'place.viewRoster': false, 'pool.view': false, 'council.view': true });
    });
  });

  describe('GET /api/places/:id/children', () => {
    it('requires a login', async () => {
      expectError(await anonymous.get(`/api/places/${territory.town.id}/children`), 401, { code: 'auth.required' });
    });

    it('rejects a non-numeric id', async () => {
      expectError(await convenor.get('/api/places/x1/children'), 400, { field: 'id' });
    });

    it("refuses another community's children", async () => {
      expectError(await otherConvenor.get(`/api/places/${territory.estate.id}/children`), 403, {
        code: 'access.denied_place',
      });
    });

    it('shows a resident only the branch of the tree that leads home', async () => {
      const items = (await resident.get(`/api/places/${territory.town.id}/children`)).json().items;
      expect(items.map((p: { name: string }) => p.name)).toEqual(['河滨社区']);
    });

    it('shows a town officer every community of the town, with counts', async () => {
      const items = (await townOfficer.get(`/api/places/${territory.town.id}/children`)).json().items;
      expect(items).toEqual([
        expect.objectContaining({ name: '河滨社区', childCount: 1, residentCount: 2 }),
        expect.objectContaining({ name: '新联村', isRural: true, residentCount: 1 }),
      ]);
    });
  });

  describe('GET /api/places/search', () => {
    it('requires a login', async () => {
      expectError(await anonymous.get('/api/places/search?q=单元'), 401, { code: 'auth.required' });
    });

    it('rejects an empty, too long or malformed query with the field', async () => {
      expectError(await convenor.get('/api/places/search?q='), 400, { code: 'validation.required', field: 'q' });
      expectError(await convenor.get(`/api/places/search?q=${'长'.repeat(51)}`), 400, {
        code: 'validation.too_long',
        field: 'q',
      });
      expectError(await convenor.get('/api/places/search?q=a&within=abc'), 400, { field: 'within' });
      expectError(await convenor.get('/api/places/search?q=a&limit=500'), 400, { field: 'limit' });
    });

    it("refuses to search inside another community's place", async () => {
      expectError(await otherConvenor.get(`/api/places/search?q=单元&within=${territory.building.id}`), 403, {
        code: 'access.denied_place',
      });
    });

    it('finds places by name with a trail of ancestor names', async () => {
      const response = await convenor.get(encodeURI('/api/places/search?q=单元'));
      expect(response.statusCode).toBe(200);
      expect(response.json().items).toEqual([
        { id: territory.unit1.id, kind: 'unit', name: '1单元', trail: '测试市 / 梧桐街道 / 河滨社区 / 河滨小区 / 5幢' },
        { id: territory.unit2.id, kind: 'unit', name: '2单元', trail: '测试市 / 梧桐街道 / 河滨社区 / 河滨小区 / 5幢' },
      ]);
    });

    it('finds by code, case-insensitively, only inside what the actor may view', async () => {
      const code = territory.otherCommunity.code.toLowerCase();
      expect((await convenor.get(`/api/places/search?q=${code}`)).json().items).toEqual([]);
      const found = (await otherConvenor.get(`/api/places/search?q=${code}`)).json().items;
      expect(found.map((p: { id: number }) => p.id)).toEqual([territory.otherCommunity.id]);
    });

    it('keeps a resident inside their own community', async () => {
      const items = (await resident.get(encodeURI('/api/places/search?q=社区'))).json().items;
      expect(items.map((p: { name: string }) => p.name)).toEqual(['河滨社区']);
    });
  });

  describe('GET /api/places/:id/dwellings', () => {
    const url = () => `/api/places/${territory.building.id}/dwellings`;

    it('requires a login', async () => {
      expectError(await anonymous.get(url()), 401, { code: 'auth.required' });
    });

    it('refuses roles without roster access and staff of another place', async () => {
      expectError(await resident.get(url()), 403, { code: 'access.denied_place' });
      expectError(await supervisor.get(url()), 403, { code: 'access.denied_place' });
      expectError(await otherConvenor.get(url()), 403, { code: 'access.denied_place' });
    });

    it('rejects bad paging with the field', async () => {
      expectError(await convenor.get(`${url()}?pageSize=101`), 400, {
        code: 'validation.number_too_big',
        field: 'pageSize',
      });
      expectError(await convenor.get(`${url()}?page=abc`), 400, { code: 'validation.wrong_type', field: 'page' });
      expectError(await convenor.get(`${url()}?page=0`), 400, { field: 'page' });
      expectError(await convenor.get('/api/places/1.5/dwellings'), 400, { field: 'id' });
    });

    it('pages through the subtree in path and room order, with owners and exact areas', async () => {
      const first = (await gridWorker.get(`${url()}?pageSize=3`)).json();
      expect(first).toMatchObject({ total: 4, page: 1, pageSize: 3 });
      expect(first.items.map((d: { room: string }) => d.room)).toEqual(['101', '102', '201']);
      expect(first.items[2]).toMatchObject({
        id: flat201.id,
        areaM2: '89.50',
        use: 'home',
        placeId: territory.unit2.id,
        placeName: '2单元',
        owners: [{ residentId: owner.id, name: '张阿姨' }],
      });
      const second = (await gridWorker.get(`${url()}?pageSize=3&page=2`)).json();
      expect(second.items.map((d: { room: string }) => d.room)).toEqual(['202']);
    });
  });

  describe('GET /api/places/:id/residents', () => {
    const url = () => `/api/places/${territory.community.id}/residents`;

    it('requires a login', async () => {
      expectError(await anonymous.get(url()), 401, { code: 'auth.required' });
    });

    it('refuses roles without roster access and staff of another community', async () => {
      expectError(await resident.get(url()), 403, { code: 'access.denied_place' });
      expectError(await supervisor.get(url()), 403, { code: 'access.denied_place' });
      expectError(await otherConvenor.get(url()), 403, { code: 'access.denied_place' });
    });

    it('rejects a too long search or bad paging with the field', async () => {
      expectError(await convenor.get(`${url()}?q=${'x'.repeat(51)}`), 400, { field: 'q' });
      expectError(await convenor.get(`${url()}?pageSize=0`), 400, { field: 'pageSize' });
    });

    it('shows staff full phones and logs the read of personal records', async () => {
      const before = await t.database.db
        .select()
        .from(personalDataReads)
        .where(eq(personalDataReads.accountId, convenorAccountId));
      const response = await convenor.get(url());
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect(body).toMatchObject({ total: 2, page: 1, pageSize: 20 });
      expect(body.items.map((r: { name: string }) => r.name)).toEqual(['李师傅', '张阿姨']);
      expect(body.items[1]).toMatchObject({
        id: owner.id,
        phone: '13812345678',
        isPhoneMasked: false,
        gender: null,
        birthDate: '1960-05-01',
        isAdult: true,
        dwellingRoom: '201',
        placeName: '2单元',
        tenure: 'owner',
      });
      expect(body.items[1].age).toBeGreaterThanOrEqual(66);
      const after = await t.database.db
        .select()
        .from(personalDataReads)
        .where(eq(personalDataReads.accountId, convenorAccountId));
      expect(after.length - before.length).toBe(1);
      expect(after.at(-1)).toMatchObject({ subject: 'place_residents', subjectId: territory.community.id });
    });

    it('filters by name, code or phone', async () => {
      const byName = (await convenor.get(`${url()}?q=${encodeURIComponent('张')}`)).json();
      expect(byName.total).toBe(1);
      expect(byName.items[0].name).toBe('张阿姨');
      const byPhone = (await convenor.get(`${url()}?q=0001`)).json();
      expect(byPhone.items.map((r: { name: string }) => r.name)).toEqual(['李师傅']);
      expect((await convenor.get(`${url()}?q=%25`)).json().total).toBe(0);
    });
  });
});
