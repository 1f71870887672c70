import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildResident, buildStaff, buildTerritory } from '../../test/factories';
import { buildMatter } from '../../test/matter-factories';
import { buildTestApp, TestClient, type TestApp } from '../../test/build-test-app';

describe('matters: raising, supporting, vetting, the page and the chain', () => {
  let t: TestApp;
  let territory: Awaited<ReturnType<typeof buildTerritory>>;
  let resident: TestClient;
  let neighbour: TestClient;
  let convenor: TestClient;
  let residentAccountId: number;
  let outsiderConvenor: TestClient;
  let townOfficer: TestClient;
  let gridWorker: TestClient;
  const staffLogin = async (phone: string) => {
    const client = t.anonymous();
    expect((await client.post('/api/auth/login/password', { phone, password: 'demo1234' })).statusCode).toBe(200);
    return client;
  };
  const raise = (client: TestClient, body: Record<string, unknown> = {}) =>
    client.post('/api/matters', {
      placeId: territory.building.id,
      level: 'building',
      category: 'facilities',
      title: '5幢2单元加装电梯',
      description: '老人上下楼困难。',
      ...body,
    });

  beforeAll(async () => {
    t = await buildTestApp();
    const db = t.database.db;
    territory = await buildTerritory(db);
    await buildResident(db, { placeId: territory.unit2.id, phone: '13800000101', name: '张阿姨' });
    await buildResident(db, { placeId: territory.unit2.id, phone: '13800000102', name: '李师傅' });
    await buildStaff(db, { role: 'convenor', placeId: territory.community.id, phone: '13700000101' });
    await buildStaff(db, { role: 'convenor', placeId: territory.otherCommunity.id, phone: '13700000102' });
    await buildStaff(db, { role: 'town_officer', placeId: territory.town.id, phone: '13700000103' });
    await buildStaff(db, { role: 'grid_worker', placeId: territory.community.id, phone: '13700000104' });
    resident = await t.loginByCode('13800000101');
    neighbour = await t.loginByCode('13800000102');
    residentAccountId = (await resident.get('/api/session')).json().account.id;
    convenor = await staffLogin('13700000101');
    outsiderConvenor = await staffLogin('13700000102');
    townOfficer = await staffLogin('13700000103');
    gridWorker = await staffLogin('13700000104');
  });
  afterAll(async () => t.close());

  it('lets a resident raise a matter in their community and records it in the chain', async () => {
    const response = await raise(resident);
    expect(response.statusCode).toBe(201);
    const page = (await resident.get(`/api/matters/${response.json().id}`)).json();
    expect(page.matter).toMatchObject({ status: 'raised', level: 'building', title: '5幢2单元加装电梯' });
    expect(page.step).toBe(1);
    expect(page.timeline.map((e: { action: string }) => e.action)).toEqual(['raise']);
    expect(page.abilities['matter.vet']).toBe(false);
    expect((await resident.get(`/api/matters/${response.json().id}/chain`)).json()).toMatchObject({
      isIntact: true,
      length: 1,
    });
  });

  it('refuses bad input with the field at fault and writes nothing', async () => {
    const before = await t.database.db.execute<{ n: number }>(sql`select count(*)::int as n from matters`);
    expect((await raise(resident, { title: '' })).json().error).toMatchObject({
      code: 'validation.required',
      field: 'title',
    });
    expect((await raise(resident, { title: '长'.repeat(61) })).json().error).toMatchObject({
      code: 'validation.too_long',
      field: 'title',
    });
    expect((await raise(resident, { level: 'community' })).json().error).toMatchObject({
      code: 'matter.place_level',
      field: 'level',
    });
    expect((await raise(resident, { category: 'weather' })).statusCode).toBe(400);
    expect((await raise(resident, { placeId: 'x' })).json().error).toMatchObject({
      code: 'validation.wrong_type',
      field: 'placeId',
    });
    const after = await t.database.db.execute<{ n: number }>(sql`select count(*)::int as n from matters`);
    expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
  });

  it('refuses raising anonymously or in another community', async () => {
    expect((await raise(t.anonymous())).statusCode).toBe(401);
    const other = await raise(resident, { placeId: territory.otherCommunity.id, level: 'community' });
    expect(other.statusCode).toBe(403);
  });

  it('lets a grid worker raise on a resident’s behalf, recorded as such', async () => {
    const [row] = (
      await t.database.db.execute<{ id: number }>(sql`select id from residents where phone = '13800000102'`)
    ).rows;
    const response = await raise(gridWorker, { title: '楼道灯坏了', onBehalfOfResidentId: row!.id });
    expect(response.statusCode).toBe(201);
    expect(response.json().isRaisedOnBehalf).toBe(true);
    // The resident is named as proposer (masked for neighbours), not the grid worker.
    expect((await convenor.get(`/api/matters/${response.json().id}`)).json().proposer).toEqual({
      kind: 'name',
      name: '李师傅',
    });
    const seen = (await resident.get(`/api/matters/${response.json().id}`)).json();
    expect(seen.proposer).toEqual({ kind: 'resident', initial: 'L' });
    // The grid worker who wrote the entry is 社区工作人员 to residents, never 居民 + an initial.
    expect(seen.timeline.map((e: { actor: unknown }) => e.actor)).toContainEqual({ kind: 'staff' });
    expect(JSON.stringify(seen.timeline)).not.toContain('"resident"');
    expect((await raise(resident, { title: '代提', onBehalfOfResidentId: row!.id })).statusCode).toBe(403);
    const own = await raise(resident, { title: '单元门禁经常坏' });
    const ownName = (await resident.get(`/api/matters/${own.json().id}`)).json().proposer;
    expect(ownName.kind).toBe('name');
  });

  it('suggests similar open matters before submitting', async () => {
    const response = await resident.get(
      `/api/matters/similar?placeId=${territory.building.id}&title=${encodeURIComponent('二单元加装电梯')}`,
    );
    expect(response.statusCode).toBe(200);
    expect(response.json().items[0].title).toBe('5幢2单元加装电梯');
  });

  it('counts a neighbour’s support once and refuses the proposer’s own', async () => {
    const id = (await raise(resident, { title: '单元门禁维修' })).json().id;
    expect((await neighbour.post(`/api/matters/${id}/supports`)).json()).toEqual({ supportCount: 1 });
    const twice = await neighbour.post(`/api/matters/${id}/supports`);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('matter.already_supported');
    expect((await resident.post(`/api/matters/${id}/supports`)).statusCode).toBe(403);
    const concurrent = await Promise.all([1, 2].map(() => convenor.post(`/api/matters/${id}/supports`)));
    expect(concurrent.map((r) => r.statusCode).sort()).toEqual([403, 403]);
    expect((await neighbour.get(`/api/matters/${id}`)).json()).toMatchObject({
      hasSupported: true,
      matter: { supportCount: 1 },
    });
  });

  it('lets the convenor accept with a format, and refuses residents and other communities', async () => {
    const id = (await raise(resident, { title: '电动车充电桩' })).json().id;
    const formats = (await convenor.get(`/api/places/${territory.community.id}/formats`)).json().items;
    expect(formats.map((f: { name: string }) => f.name)).toContain('邀约协商');
    const format = formats.find((f: { name: string }) => f.name === '邀约协商');
    expect(
      (await resident.post(`/api/matters/${id}/accept`, { level: 'building', formatId: format.id })).statusCode,
    ).toBe(403);
    expect(
      (await outsiderConvenor.post(`/api/matters/${id}/accept`, { level: 'building', formatId: format.id })).statusCode,
    ).toBe(404);
    expect(
      (await convenor.post(`/api/matters/${id}/accept`, { level: 'building', formatId: 999999 })).json().error.field,
    ).toBe('formatId');
    const accepted = await convenor.post(`/api/matters/${id}/accept`, { level: 'estate', formatId: format.id });
    expect(accepted.statusCode).toBe(200);
    const page = (await convenor.get(`/api/matters/${id}`)).json();
    expect(page.matter).toMatchObject({ status: 'accepted', level: 'estate', placeId: territory.estate.id });
    expect(page.format.name).toBe('邀约协商');
    expect(page.commands.map((c: { command: string }) => c.command)).toContain('announce');
    expect(page.commands.find((c: { command: string }) => c.command === 'announce').blockers).toEqual([
      'matter.needs_topic_notice',
      'matter.needs_invitations',
    ]);
    const again = await convenor.post(`/api/matters/${id}/accept`, { level: 'estate', formatId: format.id });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('matter.wrong_stage');
  });

  it('declines with a reason the proposer sees, after which nothing moves it', async () => {
    const id = (await raise(resident, { title: '广场舞噪音' })).json().id;
    expect((await convenor.post(`/api/matters/${id}/decline`, { reason: '' })).json().error.field).toBe('reason');
    expect(
      (await convenor.post(`/api/matters/${id}/decline`, { reason: '属于物业服务范围，已转物业处理' })).statusCode,
    ).toBe(200);
    expect((await resident.get(`/api/matters/${id}`)).json().matter).toMatchObject({
      status: 'declined',
      declineReason: '属于物业服务范围，已转物业处理',
    });
    const refused = await convenor.post(`/api/matters/${id}/accept`, { level: 'building', formatId: 1 });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('matter.read_only');
  });

  it('merges into another open matter, and both chains record it', async () => {
    const target = (await raise(resident, { title: '屋顶漏水' })).json().id;
    const duplicate = (await raise(neighbour, { title: '顶楼漏水' })).json().id;
    expect(
      (await convenor.post(`/api/matters/${duplicate}/merge`, { intoMatterId: duplicate })).json().error.code,
    ).toBe('matter.merge_target');
    expect((await convenor.post(`/api/matters/${duplicate}/merge`, { intoMatterId: target })).statusCode).toBe(200);
    expect((await convenor.get(`/api/matters/${duplicate}`)).json().matter).toMatchObject({
      status: 'merged',
      mergedIntoId: target,
    });
    const targetPage = (await convenor.get(`/api/matters/${target}`)).json();
    expect(targetPage.timeline.map((e: { action: string }) => e.action)).toEqual(['raise', 'merge.received']);
  });

  // Referring (转办) to a registered department is tested in departments.routes.test.ts.

  it('escalates up the tree: the town vets it, the community no longer can', async () => {
    const matter = await buildMatter(t.database.db, {
      placeId: territory.community.id,
      proposerAccountId: residentAccountId,
      level: 'community',
    });
    expect((await convenor.post(`/api/matters/${matter.id}/escalate`, { reason: '涉及多个社区' })).statusCode).toBe(
      200,
    );
    const page = (await townOfficer.get(`/api/matters/${matter.id}`)).json();
    expect(page.matter).toMatchObject({ status: 'escalated', placeId: territory.town.id });
    expect(page.abilities['matter.vet']).toBe(true);
    expect((await convenor.post(`/api/matters/${matter.id}/decline`, { reason: '试图越权' })).statusCode).toBe(403);
    const queue = (await townOfficer.get('/api/matters?scope=queue&status=escalated')).json();
    expect(queue.items.map((m: { id: number }) => m.id)).toContain(matter.id);
  });

  it('lists my matters and the convenor’s queue by stage', async () => {
    const mine = (await resident.get('/api/matters?scope=mine')).json();
    expect(mine.total).toBeGreaterThanOrEqual(5);
    const queue = (await convenor.get('/api/matters?scope=queue')).json();
    expect(queue.countsByStatus.raised).toBeGreaterThan(0);
    expect((await outsiderConvenor.get('/api/matters?scope=queue')).json().total).toBe(0);
  });

  it('refuses every write to an archived matter', async () => {
    const matter = await buildMatter(t.database.db, {
      placeId: territory.building.id,
      proposerAccountId: residentAccountId,
      status: 'archived',
    });
    for (const [path, body] of [
      ['supports', undefined],
      ['decline', { reason: '归档后不应改变' }],
      ['escalate', { reason: '归档后不应改变' }],
    ] as const) {
      const response = await convenor.post(`/api/matters/${matter.id}/${path}`, body);
      expect(response.statusCode).toBe(409);
      expect(response.json().error.code).toBe('matter.read_only');
    }
  });

  it('detects a tampered audit entry and names it', async () => {
    const id = (await raise(resident, { title: '垃圾分类点位调整' })).json().id;
    await neighbour.post(`/api/matters/${id}/supports`);
    await t.database.db.execute(
      sql`update matter_events set payload = '{"title":"改过"}' where matter_id = ${id} and seq = 1`,
    );
    expect((await convenor.get(`/api/matters/${id}/chain`)).json()).toMatchObject({
      isIntact: false,
      brokenAt: 1,
      reason: 'payload_altered',
    });
  });

  it('hides a participants-only matter from neighbours without revealing it exists', async () => {
    const matter = await buildMatter(t.database.db, {
      placeId: territory.building.id,
      proposerAccountId: residentAccountId,
      visibility: 'participants',
    });
    expect((await neighbour.get(`/api/matters/${matter.id}`)).statusCode).toBe(404);
    expect((await resident.get(`/api/matters/${matter.id}`)).statusCode).toBe(200);
    expect((await neighbour.get('/api/matters/999999')).statusCode).toBe(404);
  });
});
