import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { councilMembers } from '../../db/schema';
import { buildTestApp, type TestApp, type TestClient } from '../../test/build-test-app';
import { buildResident, buildStaff, buildTerritory } from '../../test/factories';

type Reply = { statusCode: number; json: () => { error: unknown } };
const expectError = (response: Reply, status: number, error: object) => {
  expect(response.statusCode).toBe(status);
  expect(response.json().error).toMatchObject(error);
};

describe('council routes', () => {
  let t: TestApp;
  let territory: Awaited<ReturnType<typeof buildTerritory>>;
  let anonymous: TestClient;
  let resident: TestClient;
  let convenor: TestClient;
  let gridWorker: TestClient;
  let otherConvenor: TestClient;
  let chairMemberId: number;
  let secondMemberId: number;
  let foreignMemberId: number;
  let councilId: number;
  const councilsUrl = () => `/api/places/${territory.community.id}/councils`;
  const council = {
    kind: 'residents_council',
    name: '河滨社区百姓议事会',
    termStart: '2025-01-01',
    termEnd: '2027-12-31',
  };

  beforeAll(async () => {
    t = await buildTestApp();
    const db = t.database.db;
    territory = await buildTerritory(db);
    await buildResident(db, { placeId: territory.unit2.id, name: '张阿姨', phone: '13812345678' });
    const neighbour = await buildResident(db, { placeId: territory.unit1.id, name: '李师傅' });
    const convenorAccount = await buildStaff(db, { role: 'convenor', placeId: territory.community.id });
    const grid = await buildStaff(db, { role: 'grid_worker', placeId: territory.community.id });
    const other = await buildStaff(db, { role: 'convenor', placeId: territory.otherCommunity.id });
    anonymous = t.anonymous();
    resident = await t.loginByCode('13812345678');
    convenor = await t.loginByCode(convenorAccount.phone);
    gridWorker = await t.loginByCode(grid.phone);
    otherConvenor = await t.loginByCode(other.phone);
    const poolUrl = `/api/places/${territory.community.id}/pool`;
    chairMemberId = (
      await convenor.post(poolUrl, { organisation: { name: '河滨物业', kind: 'property_company' } })
    ).json().id;
    secondMemberId = (await convenor.post(poolUrl, { residentId: neighbour.id, tags: ['党员'] })).json().id;
    foreignMemberId = (
      await otherConvenor.post(`/api/places/${territory.otherCommunity.id}/pool`, {
        organisation: { name: '濮院律所', kind: 'law_firm' },
      })
    ).json().id;
  });
  afterAll(async () => t.close());

  describe('POST /api/places/:id/councils', () => {
    it('requires a login', async () => {
      expectError(await anonymous.post(councilsUrl(), council), 401, { code: 'auth.required' });
    });

    it('refuses staff who do not manage councils, and another community', async () => {
      expectError(await gridWorker.post(councilsUrl(), council), 403, { code: 'access.denied_place' });
      expectError(await otherConvenor.post(councilsUrl(), council), 403, { code: 'access.denied_place' });
    });

    it('rejects bad bodies with the field at fault', async () => {
      const cases: [object, object][] = [
        [
          { ...council, name: ' ' },
          { code: 'validation.required', field: 'name' },
        ],
        [
          { ...council, name: '会'.repeat(51) },
          { code: 'validation.too_long', field: 'name' },
        ],
        [{ ...council, name: 7 }, { field: 'name' }],
        [{ ...council, kind: 'club' }, { field: 'kind' }],
        [
          { ...council, termStart: '2026-02-30' },
          { code: 'validation.date', field: 'termStart' },
        ],
        [
          { ...council, termEnd: '31/12/2027' },
          { code: 'validation.date', field: 'termEnd' },
        ],
        [
          { ...council, termEnd: '2024-12-31' },
          { code: 'council.term_order', field: 'termEnd' },
        ],
      ];
      for (const [body, error] of cases) expectError(await convenor.post(councilsUrl(), body), 400, error);
      expectError(await convenor.post('/api/places/abc/councils', council), 400, { field: 'id' });
    });

    it('creates a council once per name and place', async () => {
      const response = await convenor.post(councilsUrl(), council);
      expect(response.statusCode).toBe(201);
      expect(response.json()).toMatchObject({
        ...council,
        memberCount: 0,
        placeId: territory.community.id,
        placeName: '河滨社区',
      });
      councilId = response.json().id;
      expectError(await convenor.post(councilsUrl(), council), 409, { code: 'council.duplicate_name', field: 'name' });
    });
  });

  describe('POST /api/councils/:id/members', () => {
    const seatsUrl = () => `/api/councils/${councilId}/members`;

    it('requires a login', async () => {
      expectError(await anonymous.post(seatsUrl(), { poolMemberId: chairMemberId }), 401, { code: 'auth.required' });
    });

    it('refuses staff who may see but not manage the council', async () => {
      expectError(await gridWorker.post(seatsUrl(), { poolMemberId: chairMemberId }), 403, { code: 'access.denied' });
    });

    it("answers another community's council as missing", async () => {
      expectError(await otherConvenor.post(seatsUrl(), { poolMemberId: foreignMemberId }), 404, { code: 'not_found' });
      expectError(await convenor.post('/api/councils/987654/members', { poolMemberId: chairMemberId }), 404, {
        code: 'not_found',
      });
    });

    it('rejects bad bodies and terms outside the council term with the field', async () => {
      const cases: [object, object][] = [
        [{}, { code: 'validation.required', field: 'poolMemberId' }],
        [{ poolMemberId: 'one' }, { field: 'poolMemberId' }],
        [{ poolMemberId: chairMemberId, position: 'king' }, { field: 'position' }],
        [
          { poolMemberId: chairMemberId, termStart: '2025-13-01' },
          { code: 'validation.date', field: 'termStart' },
        ],
        [
          { poolMemberId: chairMemberId, termStart: '2024-06-01' },
          { code: 'council.seat_outside_term', field: 'termStart' },
        ],
        [
          { poolMemberId: chairMemberId, termEnd: '2028-01-01' },
          { code: 'council.seat_outside_term', field: 'termEnd' },
        ],
        [
          { poolMemberId: chairMemberId, termStart: '2026-01-01', termEnd: '2025-06-01' },
          { code: 'council.term_order', field: 'termEnd' },
        ],
        [{ poolMemberId: foreignMemberId }, { code: 'council.member_outside', field: 'poolMemberId' }],
        [{ poolMemberId: 987654 }, { code: 'council.member_outside', field: 'poolMemberId' }],
      ];
      for (const [body, error] of cases) expectError(await convenor.post(seatsUrl(), body), 400, error);
      expectError(await convenor.post('/api/councils/x/members', { poolMemberId: chairMemberId }), 400, {
        field: 'id',
      });
      expect(await t.database.db.select().from(councilMembers)).toEqual([]);
    });

    it("seats a pool member for the council's term by default, once", async () => {
      const response = await convenor.post(seatsUrl(), { poolMemberId: chairMemberId, position: 'chair' });
      expect(response.statusCode).toBe(201);
      expect(response.json()).toEqual({
        id: expect.any(Number),
        poolMemberId: chairMemberId,
        name: '河滨物业',
        position: 'chair',
        termStart: '2025-01-01',
        termEnd: '2027-12-31',
      });
      expectError(await convenor.post(seatsUrl(), { poolMemberId: chairMemberId }), 409, {
        code: 'council.duplicate_member',
        field: 'poolMemberId',
      });
      const partial = await convenor.post(seatsUrl(), { poolMemberId: secondMemberId, termStart: '2026-01-01' });
      expect(partial.json()).toMatchObject({ position: 'member', termStart: '2026-01-01', termEnd: '2027-12-31' });
    });
  });

  describe('GET /api/places/:id/councils', () => {
    it('requires a login', async () => {
      expectError(await anonymous.get(councilsUrl()), 401, { code: 'auth.required' });
    });

    it("refuses another community's staff", async () => {
      expectError(await otherConvenor.get(councilsUrl()), 403, { code: 'access.denied_place' });
      expectError(await otherConvenor.get('/api/places/1e3/councils'), 400, { field: 'id' });
    });

    it('lets residents see their community councils without managing them', async () => {
      const body = (await resident.get(councilsUrl())).json();
      expect(body.items).toEqual([
        expect.objectContaining({
          id: councilId,
          name: '河滨社区百姓议事会',
          memberCount: 2,
          isCurrent: expect.any(Boolean),
        }),
      ]);
      expect(body.abilities).toEqual({ 'council.manage': false });
      expect((await convenor.get(councilsUrl())).json().abilities).toEqual({ 'council.manage': true });
    });

    it('shows pool members the councils they sit on', async () => {
      const pool = (await convenor.get(`/api/places/${territory.community.id}/pool`)).json();
      const chair = pool.items.find((m: { id: number }) => m.id === chairMemberId);
      expect(chair.councils).toEqual([{ id: councilId, name: '河滨社区百姓议事会' }]);
    });
  });

  describe('GET /api/councils/:id', () => {
    it('requires a login', async () => {
      expectError(await anonymous.get(`/api/councils/${councilId}`), 401, { code: 'auth.required' });
    });

    it("answers another community's council and an unknown id alike with 404", async () => {
      expectError(await otherConvenor.get(`/api/councils/${councilId}`), 404, { code: 'not_found' });
      expectError(await convenor.get('/api/councils/987654'), 404, { code: 'not_found' });
      expectError(await convenor.get('/api/councils/abc'), 400, { field: 'id' });
    });

    it('lists the seats, chair first, with abilities', async () => {
      const body = (await resident.get(`/api/councils/${councilId}`)).json();
      expect(body.council).toMatchObject({ id: councilId, kind: 'residents_council', memberCount: 2 });
      expect(body.members.map((m: { name: string; position: string }) => [m.name, m.position])).toEqual([
        ['河滨物业', 'chair'],
        ['李师傅', 'member'],
      ]);
      expect(body.abilities).toEqual({ 'council.manage': false });
    });
  });

  describe('DELETE /api/councils/:id/members/:seatId', () => {
    let seatId: number;
    beforeAll(async () => {
      seatId = (await convenor.get(`/api/councils/${councilId}`)).json().members[1].id;
    });

    it('requires a login', async () => {
      expectError(await anonymous.delete(`/api/councils/${councilId}/members/${seatId}`), 401, {
        code: 'auth.required',
      });
    });

    it('refuses staff who do not manage councils and hides other communities', async () => {
      expectError(await gridWorker.delete(`/api/councils/${councilId}/members/${seatId}`), 403, {
        code: 'access.denied',
      });
      expectError(await otherConvenor.delete(`/api/councils/${councilId}/members/${seatId}`), 404, {
        code: 'not_found',
      });
    });

    it('rejects a malformed seat id and a seat not on this council', async () => {
      expectError(await convenor.delete(`/api/councils/${councilId}/members/abc`), 400, { field: 'seatId' });
      expectError(await convenor.delete(`/api/councils/${councilId}/members/987654`), 404, { code: 'not_found' });
    });

    it('removes the seat', async () => {
      const response = await convenor.delete(`/api/councils/${councilId}/members/${seatId}`);
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ removed: true });
      expect((await convenor.get(`/api/councils/${councilId}`)).json().council.memberCount).toBe(1);
    });
  });
});
