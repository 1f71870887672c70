import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts, invitations } from '../../db/schema';
import { buildTestApp, type TestApp, type TestClient } from '../../test/build-test-app';
import { buildResident, buildStaff, buildTerritory } from '../../test/factories';
import { buildMatter } from '../../test/matter-factories';

type Reply = { statusCode: number; json: () => { error: unknown } };
const expectError = (response: Reply, status: number, error: object) => {
  expect(response.statusCode).toBe(status);
  expect(response.json().error).toMatchObject(error);
};

describe('inbox routes', () => {
  let t: TestApp;
  let territory: Awaited<ReturnType<typeof buildTerritory>>;
  let anonymous: TestClient;
  let convenor: TestClient;
  let resident: TestClient;
  let neighbour: TestClient;
  let matterId: number;

  beforeAll(async () => {
    t = await buildTestApp();
    const db = t.database.db;
    territory = await buildTerritory(db);
    const me = await buildResident(db, { placeId: territory.unit2.id, name: '张阿姨', phone: '13812345678' });
    await buildResident(db, { placeId: territory.unit1.id, name: '李师傅', phone: '13812340001' });
    const staff = await buildStaff(db, { role: 'convenor', placeId: territory.community.id });
    anonymous = t.anonymous();
    convenor = await t.loginByCode(staff.phone);
    resident = await t.loginByCode('13812345678');
    neighbour = await t.loginByCode('13812340001');
    const [account] = await db.select().from(accounts).where(eq(accounts.residentId, me.id));
    matterId = (
      await buildMatter(db, { placeId: territory.building.id, proposerAccountId: account!.id, status: 'accepted' })
    ).id;
    await convenor.post(`/api/matters/${matterId}/invitations`, { residentIds: [me.id] });
  });
  afterAll(async () => t.close());

  it('requires a login', async () => {
    expectError(await anonymous.get('/api/inbox'), 401, { code: 'auth.required' });
    expectError(await anonymous.post('/api/inbox/1/read'), 401, { code: 'auth.required' });
  });

  it('delivers an invitation made before the resident had an account at first login, once', async () => {
    const db = t.database.db;
    const late = await buildResident(db, { placeId: territory.unit2.id, name: '钱奶奶', phone: '13812340009' });
    await convenor.post(`/api/matters/${matterId}/invitations`, { residentIds: [late.id] });
    const client = await t.loginByCode('13812340009');
    const [a, b] = await Promise.all([client.get('/api/inbox'), client.get('/api/inbox')]);
    expect([a.json().unread, b.json().unread]).toEqual([1, 1]);
    expect(a.json().items[0]).toMatchObject({ kind: 'invitation', matterId });
    const [invitation] = await db.select().from(invitations).where(eq(invitations.residentId, late.id));
    expect((await client.post(`/api/invitations/${invitation!.id}/reply`, { reply: 'yes' })).statusCode).toBe(200);
  });

  it('lists own items newest first and marks one read; another account’s item is missing', async () => {
    const inbox = (await resident.get('/api/inbox')).json();
    expect(inbox.unread).toBe(1);
    const item = inbox.items[0];
    expect(item).toMatchObject({ kind: 'invitation', matterId, isRead: false });
    expectError(await neighbour.post(`/api/inbox/${item.id}/read`), 404, { code: 'not_found' });
    expectError(await resident.post('/api/inbox/abc/read'), 400, { field: 'id' });
    expect((await resident.post(`/api/inbox/${item.id}/read`)).json()).toEqual({ id: item.id, isRead: true });
    expect((await resident.get('/api/inbox')).json().unread).toBe(0);
    expect((await neighbour.get('/api/inbox')).json()).toEqual({ items: [], unread: 0 });
  });
});
