import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp, type TestClient } from '../../test/build-test-app';
import { buildResident, buildTerritory } from '../../test/factories';
import { buildMatter } from '../../test/matter-factories';
import { followerAccountIds } from './index';

describe('PUT/DELETE /api/matters/:id/follow (关注)', () => {
  let t: TestApp;
  let resident: TestClient;
  let neighbour: TestClient;
  let outsider: TestClient;
  let residentAccountId: number;
  let neighbourAccountId: number;
  let matterId: number;
  let privateMatterId: number;

  beforeAll(async () => {
    t = await buildTestApp();
    const db = t.database.db;
    const territory = await buildTerritory(db);
    await buildResident(db, { placeId: territory.unit2.id, phone: '13800000401' });
    await buildResident(db, { placeId: territory.unit1.id, phone: '13800000402' });
    await buildResident(db, { placeId: territory.otherCommunity.id, phone: '13800000403' });
    resident = await t.loginByCode('13800000401');
    neighbour = await t.loginByCode('13800000402');
    outsider = await t.loginByCode('13800000403');
    residentAccountId = (await resident.get('/api/session')).json().account.id;
    neighbourAccountId = (await neighbour.get('/api/session')).json().account.id;
    matterId = (await buildMatter(db, { placeId: territory.building.id, proposerAccountId: neighbourAccountId })).id;
    privateMatterId = (
      await buildMatter(db, {
        placeId: territory.building.id,
        proposerAccountId: neighbourAccountId,
        visibility: 'participants',
      })
    ).id;
  });
  afterAll(async () => t.close());

  it('follows once however often it is asked, and shows on the page and the list', async () => {
    const first = await resident.put(`/api/matters/${matterId}/follow`);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ isFollowed: true, followerCount: 1 });
    expect((await resident.put(`/api/matters/${matterId}/follow`)).json()).toEqual({
      isFollowed: true,
      followerCount: 1,
    });
    expect((await resident.get(`/api/matters/${matterId}`)).json().isFollowed).toBe(true);
    expect((await neighbour.get(`/api/matters/${matterId}`)).json().isFollowed).toBe(false);
    const followed = (await resident.get('/api/matters/community?followed=true')).json();
    expect(followed.items.map((c: { id: number }) => c.id)).toEqual([matterId]);
    expect(await followerAccountIds(t.database.db, matterId)).toEqual([residentAccountId]);
  });

  it('stores one row when the same follow arrives twice at once', async () => {
    const [a, b] = await Promise.all([
      neighbour.put(`/api/matters/${matterId}/follow`),
      neighbour.put(`/api/matters/${matterId}/follow`),
    ]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    expect(await followerAccountIds(t.database.db, matterId)).toEqual(
      [residentAccountId, neighbourAccountId].sort((x, y) => x - y),
    );
  });

  it('unfollows, and unfollowing again changes nothing', async () => {
    expect((await resident.delete(`/api/matters/${matterId}/follow`)).json()).toEqual({
      isFollowed: false,
      followerCount: 1,
    });
    expect((await resident.delete(`/api/matters/${matterId}/follow`)).statusCode).toBe(200);
    expect(await followerAccountIds(t.database.db, matterId)).toEqual([neighbourAccountId]);
    expect((await resident.get('/api/matters/community?followed=true')).json().items).toEqual([]);
  });

  it('answers 404 for a matter the actor may not see, or that does not exist', async () => {
    for (const [client, id] of [
      [outsider, matterId],
      [resident, privateMatterId],
      [resident, 999_999],
    ] as const) {
      const response = await client.put(`/api/matters/${id}/follow`);
      expect(response.statusCode).toBe(404);
      expect(response.json().error.code).toBe('not_found');
      expect((await client.delete(`/api/matters/${id}/follow`)).statusCode).toBe(404);
    }
    expect(await followerAccountIds(t.database.db, privateMatterId)).toEqual([]);
  });

  it('refuses a bad id and asks who is looking', async () => {
    expect((await resident.put('/api/matters/abc/follow')).statusCode).toBe(400);
    expect((await resident.put('/api/matters/0/follow')).statusCode).toBe(400);
    expect((await t.anonymous().put(`/api/matters/${matterId}/follow`)).statusCode).toBe(401);
    expect((await t.anonymous().delete(`/api/matters/${matterId}/follow`)).statusCode).toBe(401);
  });
});
