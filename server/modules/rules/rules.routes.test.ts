import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { councils } from '../../db/schema';
import { buildTestApp, type TestApp, type TestClient } from '../../test/build-test-app';
import { buildResident, buildStaff, buildTerritory } from '../../test/factories';

type Reply = { statusCode: number; json: () => { error: unknown } };
const expectError = (response: Reply, status: number, error: object) => {
  expect(response.statusCode).toBe(status);
  expect(response.json().error).toMatchObject(error);
};

describe('rules documents (议事制度)', () => {
  let t: TestApp;
  let territory: Awaited<ReturnType<typeof buildTerritory>>;
  let anonymous: TestClient;
  let resident: TestClient;
  let convenor: TestClient;
  let townOfficer: TestClient;
  let cityOfficer: TestClient;
  let otherConvenor: TestClient;
  let councilId: number;
  let venueId: number;
  const version = { title: '城乡社区议事协商规范', body: '七步法……', effectiveFrom: '2024-06-01' };

  beforeAll(async () => {
    t = await buildTestApp();
    t.clock.set(new Date('2026-12-01T02:00:00Z'));
    const db = t.database.db;
    territory = await buildTerritory(db);
    await buildResident(db, { placeId: territory.unit2.id, name: '张阿姨', phone: '13812345678' });
    const login = async (role: 'convenor' | 'town_officer' | 'city_officer', placeId: number) =>
      t.loginByCode((await buildStaff(db, { role, placeId })).phone);
    anonymous = t.anonymous();
    resident = await t.loginByCode('13812345678');
    convenor = await login('convenor', territory.community.id);
    townOfficer = await login('town_officer', territory.town.id);
    cityOfficer = await login('city_officer', territory.city.id);
    otherConvenor = await login('convenor', territory.otherCommunity.id);
    [{ id: councilId }] = (await db
      .insert(councils)
      .values({
        kind: 'residents_council',
        name: '河滨社区居民议事会',
        termStart: '2025-01-01',
        termEnd: '2027-12-31',
        placeId: territory.community.id,
        placePath: territory.community.path,
      })
      .returning({ id: councils.id })) as [{ id: number }];
    venueId = (
      await convenor.post(`/api/places/${territory.community.id}/venues`, {
        kind: 'hall',
        name: '河滨社区议事厅',
        address: '二楼',
        capacity: 40,
      })
    ).json().id;
  });
  afterAll(async () => t.close());

  it('keeps the standard for city officers, with the body checked', async () => {
    expectError(await anonymous.post('/api/standard/versions', version), 401, { code: 'auth.required' });
    expectError(await townOfficer.post('/api/standard/versions', version), 403, { code: 'access.denied' });
    expectError(await cityOfficer.post('/api/standard/versions', { ...version, body: 'x'.repeat(20_001) }), 400, {
      field: 'body',
    });
    expectError(await cityOfficer.post('/api/standard/versions', { ...version, effectiveFrom: '2024-13-01' }), 400, {
      code: 'validation.date',
    });
    expect((await cityOfficer.post('/api/standard/versions', version)).statusCode).toBe(201);
    const upcoming = { ...version, title: '城乡社区议事协商规范（2027 修订）', effectiveFrom: '2027-01-01' };
    expect((await cityOfficer.post('/api/standard/versions', upcoming)).statusCode).toBe(201);
    const page = (await anonymous.get('/api/public/standard')).json();
    expect(page.standard.versions.map((v: { title: string; isCurrent: boolean }) => [v.title, v.isCurrent])).toEqual([
      ['城乡社区议事协商规范（2027 修订）', false],
      ['城乡社区议事协商规范', true],
    ]);
  });

  it("adds a council's rules by its managers only", async () => {
    const url = `/api/councils/${councilId}/rules`;
    expectError(await resident.post(url, { ...version, title: '议事会章程' }), 403, { code: 'access.denied' });
    expectError(await otherConvenor.post(url, { ...version, title: '议事会章程' }), 404, { code: 'not_found' });
    expectError(await convenor.post('/api/councils/987654/rules', version), 404, { code: 'not_found' });
    expectError(await convenor.post(url, { ...version, title: '' }), 400, { field: 'title' });
    expectError(await anonymous.get(`/api/public/rules/council/${councilId}`), 404, { code: 'not_found' });
    expect((await convenor.post(url, { ...version, title: '议事会章程' })).statusCode).toBe(201);
    expect((await anonymous.get(`/api/public/rules/council/${councilId}`)).json()).toMatchObject({
      owner: 'council',
      ownerId: councilId,
      ownerName: '河滨社区居民议事会',
    });
  });

  it("lists every council's and venue's rules on the public standard page", async () => {
    await convenor.post(`/api/venues/${venueId}/rules`, { ...version, title: '议事厅规则' });
    const page = (await anonymous.get('/api/public/standard')).json();
    expect(page.documents).toEqual([
      {
        owner: 'council',
        id: councilId,
        ownerName: '河滨社区居民议事会',
        placeName: '河滨社区',
        currentTitle: '议事会章程',
      },
      { owner: 'venue', id: venueId, ownerName: '河滨社区议事厅', placeName: '河滨社区', currentTitle: '议事厅规则' },
    ]);
    expectError(await anonymous.get('/api/public/rules/venue/987654'), 404, { code: 'not_found' });
    expectError(await anonymous.get('/api/public/rules/venue/abc'), 400, { field: 'id' });
  });
});
