import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildResident, buildStaff, buildTerritory } from '../../test/factories';
import { buildTestApp, TestClient, type TestApp } from '../../test/build-test-app';

const period = 'from=2026-10-01&to=2026-11-01';

describe('四治: tagging matters and formats with the four governances', () => {
  let t: TestApp;
  let territory: Awaited<ReturnType<typeof buildTerritory>>;
  let resident: TestClient;
  let convenor: TestClient;
  let outsiderConvenor: TestClient;
  let townOfficer: TestClient;
  let formatId: number;

  const raise = async (title: string, category = 'mediation') => {
    const res = await resident.post('/api/matters', {
      placeId: territory.building.id,
      level: 'building',
      category,
      title,
      description: '邻里之间因为楼道堆物起了争执。',
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as number;
  };
  const chain = async (id: number) =>
    (await convenor.get(`/api/matters/${id}`)).json().timeline.map((e: { action: string }) => e.action);

  beforeAll(async () => {
    t = await buildTestApp();
    t.clock.set('2026-10-15T04:00:00Z');
    const db = t.database.db;
    territory = await buildTerritory(db);
    await buildResident(db, { placeId: territory.unit2.id, phone: '13800000201', name: '王大姐' });
    const staff = await buildStaff(db, { role: 'convenor', placeId: territory.community.id });
    const outsider = await buildStaff(db, { role: 'convenor', placeId: territory.otherCommunity.id });
    const officer = await buildStaff(db, { role: 'town_officer', placeId: territory.town.id });
    resident = await t.loginByCode('13800000201');
    convenor = await t.loginByCode(staff.phone);
    outsiderConvenor = await t.loginByCode(outsider.phone);
    townOfficer = await t.loginByCode(officer.phone);
    const formats = (await convenor.get(`/api/places/${territory.community.id}/formats`)).json().items;
    const format = formats.find((f: { name: string }) => f.name === '桂花树下');
    expect(format.governances).toEqual(['autonomy', 'virtue']);
    formatId = format.id;
  });
  afterAll(async () => t.close());

  it('tags at acceptance, stored once each in the declared order', async () => {
    const id = await raise('楼道堆物纠纷');
    const accepted = await convenor.post(`/api/matters/${id}/accept`, {
      level: 'building',
      formatId,
      governances: ['virtue', 'law', 'virtue'],
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect((await resident.get(`/api/matters/${id}`)).json().matter.governances).toEqual(['law', 'virtue']);
  });

  it('leaves a matter untagged when the acceptance names no governances', async () => {
    const id = await raise('晾衣杆占道');
    expect((await convenor.post(`/api/matters/${id}/accept`, { level: 'building', formatId })).statusCode).toBe(200);
    expect((await convenor.get(`/api/matters/${id}`)).json().matter.governances).toEqual([]);
  });

  it('lets staff change the tags later, on the chain, and a repeat changes nothing', async () => {
    const id = await raise('楼顶违建');
    await convenor.post(`/api/matters/${id}/accept`, { level: 'building', formatId, governances: ['virtue'] });
    const changed = await convenor.put(`/api/matters/${id}/governances`, { governances: ['smart', 'autonomy'] });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toEqual({ id, governances: ['autonomy', 'smart'] });
    expect(
      (await convenor.put(`/api/matters/${id}/governances`, { governances: ['autonomy', 'smart'] })).statusCode,
    ).toBe(200);
    expect(await chain(id)).toEqual(['raise', 'accept', 'governances.tag']);
    const [entry] = (
      await t.database.db.execute<{ payload: unknown }>(
        sql`select payload from matter_events where matter_id = ${id} and action = 'governances.tag'`,
      )
    ).rows;
    expect(entry!.payload).toEqual({ governances: ['autonomy', 'smart'], previous: ['virtue'] });
    expect((await convenor.put(`/api/matters/${id}/governances`, { governances: [] })).json().governances).toEqual([]);
  });

  it('refuses bad input, naming the field', async () => {
    const id = await raise('单车乱停');
    for (const body of [
      {},
      { governances: 'law' },
      { governances: ['magic'] },
      { governances: Array(9).fill('law') },
    ]) {
      const res = await convenor.put(`/api/matters/${id}/governances`, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.field).toMatch(/^governances/);
    }
    expect(
      (await convenor.post(`/api/matters/${id}/accept`, { level: 'building', formatId, governances: ['x'] }))
        .statusCode,
    ).toBe(400);
  });

  it('refuses residents (403), other communities and unknown matters (404), and closed matters (409)', async () => {
    const id = await raise('广场舞音量');
    expect((await resident.put(`/api/matters/${id}/governances`, { governances: ['law'] })).statusCode).toBe(403);
    expect((await outsiderConvenor.put(`/api/matters/${id}/governances`, { governances: ['law'] })).statusCode).toBe(
      404,
    );
    expect((await convenor.put('/api/matters/999999/governances', { governances: ['law'] })).statusCode).toBe(404);
    await convenor.post(`/api/matters/${id}/decline`, { reason: '已由物业处理' });
    const closed = await convenor.put(`/api/matters/${id}/governances`, { governances: ['law'] });
    expect(closed.statusCode).toBe(409);
    expect(closed.json().error.code).toBe('matter.read_only');
  });

  it('writes one chain entry when the same tags are sent twice at once', async () => {
    const id = await raise('垃圾分类亭');
    const both = await Promise.all([
      convenor.put(`/api/matters/${id}/governances`, { governances: ['law'] }),
      convenor.put(`/api/matters/${id}/governances`, { governances: ['law'] }),
    ]);
    expect(both.map((r) => r.statusCode)).toEqual([200, 200]);
    expect((await chain(id)).filter((a: string) => a === 'governances.tag')).toHaveLength(1);
  });

  it("keeps a format's default governances", async () => {
    const created = await townOfficer.post(`/api/places/${territory.community.id}/formats`, {
      name: '法律明白人议事',
      governances: ['law', 'autonomy'],
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().governances).toEqual(['autonomy', 'law']);
    const edited = await townOfficer.put(`/api/formats/${created.json().id}`, {
      name: '法律明白人议事',
      governances: [],
    });
    expect(edited.json().governances).toEqual([]);
    const bad = await townOfficer.post(`/api/places/${territory.community.id}/formats`, {
      name: '错',
      governances: ['x'],
    });
    expect(bad.statusCode).toBe(400);
  });

  it('breaks the statistics down by governance and drills down to the matters of one', async () => {
    const id = await raise('调解停车位纠纷');
    await convenor.post(`/api/matters/${id}/accept`, { level: 'building', formatId, governances: ['law', 'virtue'] });
    const place = `placeId=${territory.town.id}&${period}`;
    const res = await townOfficer.get(`/api/statistics?${place}&groupBy=governance`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    const raised = Object.fromEntries(
      body.groups.map((g: { key: string; figures: { raised: { value: number } } }) => [g.key, g.figures.raised.value]),
    );
    expect(Object.keys(raised)).toEqual(['autonomy', 'law', 'virtue', 'smart', 'untagged']);
    const sum = Object.values(raised).reduce((a, b) => (a as number) + (b as number), 0) as number;
    expect(sum).toBeGreaterThan(body.totals.raised.value);
    const behind = await townOfficer.get(`/api/statistics/matters?${place}&figure=raised&groupBy=governance&group=law`);
    expect(behind.statusCode, behind.body).toBe(200);
    expect(behind.json().items.map((m: { id: number }) => m.id)).toContain(id);
    const untagged = await townOfficer.get(
      `/api/statistics/matters?${place}&figure=raised&groupBy=governance&group=untagged`,
    );
    expect(untagged.json().items.map((m: { id: number }) => m.id)).not.toContain(id);
  });
});
