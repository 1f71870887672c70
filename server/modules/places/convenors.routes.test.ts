import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts, roleGrants } from '../../db/schema';
import { buildTestApp, type TestApp, type TestClient } from '../../test/build-test-app';
import { buildResident, buildStaff, buildTerritory } from '../../test/factories';

describe('GET /api/places/:id/convenors', () => {
  let t: TestApp;
  let territory: Awaited<ReturnType<typeof buildTerritory>>;
  let convenor: TestClient;
  let gridWorker: TestClient;
  let resident: TestClient;
  let otherConvenor: TestClient;
  let communityConvenorId: number;
  let townConvenorId: number;

  beforeAll(async () => {
    t = await buildTestApp();
    const db = t.database.db;
    territory = await buildTerritory(db);
    await buildResident(db, { placeId: territory.unit2.id, name: '张阿姨', phone: '13812345678' });
    const mine = await buildStaff(db, {
      role: 'convenor',
      placeId: territory.community.id,
      name: '陈召集',
      phone: '13900001111',
    });
    communityConvenorId = mine.id;
    const town = await buildStaff(db, {
      role: 'convenor',
      placeId: territory.town.id,
      name: '周街道',
      phone: '13900002222',
    });
    townConvenorId = town.id;
    // Also a convenor of the community: listed once, at the grant nearest the place.
    await db.insert(roleGrants).values({ accountId: town.id, role: 'convenor', placeId: territory.community.id });
    // Not listed: a grid worker, a convenor of a sibling village, one of another town, an inactive one.
    const grid = await buildStaff(db, { role: 'grid_worker', placeId: territory.community.id });
    await buildStaff(db, { role: 'convenor', placeId: territory.village.id, name: '新联召集' });
    const other = await buildStaff(db, { role: 'convenor', placeId: territory.otherCommunity.id, name: '濮院召集' });
    const retired = await buildStaff(db, { role: 'convenor', placeId: territory.community.id, name: '退休召集' });
    await db.update(accounts).set({ isActive: false }).where(eq(accounts.id, retired.id));
    convenor = await t.loginByCode(mine.phone);
    gridWorker = await t.loginByCode(grid.phone);
    otherConvenor = await t.loginByCode(other.phone);
    resident = await t.loginByCode('13812345678');
  });
  afterAll(async () => t.close());

  it('lists the convenors on the place or above it, nearest first, with masked phones', async () => {
    const reply = await convenor.get(`/api/places/${territory.building.id}/convenors`);
    expect(reply.statusCode).toBe(200);
    expect(reply.json().items).toEqual([
      { accountId: communityConvenorId, name: '陈召集', phoneMasked: '139****1111', placeName: '河滨社区' },
      { accountId: townConvenorId, name: '周街道', phoneMasked: '139****2222', placeName: '河滨社区' },
    ]);
    const fromGrid = (await gridWorker.get(`/api/places/${territory.community.id}/convenors`)).json();
    expect(fromGrid.items.map((c: { name: string }) => c.name)).toEqual(['陈召集', '周街道']);
  });

  it('refuses residents, another community and visitors; unknown places are 404', async () => {
    const refused = await otherConvenor.get(`/api/places/${territory.community.id}/convenors`);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error).toMatchObject({ code: 'access.denied_place' });
    expect((await resident.get(`/api/places/${territory.community.id}/convenors`)).statusCode).toBe(403);
    expect((await t.anonymous().get(`/api/places/${territory.community.id}/convenors`)).statusCode).toBe(401);
    expect((await convenor.get('/api/places/999999/convenors')).json().error).toMatchObject({ code: 'not_found' });
    expect((await convenor.get('/api/places/x/convenors')).statusCode).toBe(400);
  });
});
