import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  afterDeliberationWorld,
  expectError,
  type AfterDeliberationWorld,
} from '../../test/after-deliberation.fixtures';
import type { TestClient } from '../../test/build-test-app';
import { buildStaff } from '../../test/factories';
import { statisticsBuilder } from '../../test/statistics.fixtures';

const period = 'from=2026-10-01&to=2026-11-01';

describe('GET /api/statistics and /api/statistics/matters', () => {
  let w: AfterDeliberationWorld;
  let city: TestClient;
  let town: TestClient;
  let disputeId: number;

  beforeAll(async () => {
    w = await afterDeliberationWorld();
    const b = statisticsBuilder(w.db, w.residentAccountId, w.staff.convenor.id);
    const cityOfficer = await buildStaff(w.db, { role: 'city_officer', placeId: w.territory.city.id });
    const townOfficer = await buildStaff(w.db, { role: 'town_officer', placeId: w.territory.town.id });
    city = await w.t.loginByCode(cityOfficer.phone);
    town = await w.t.loginByCode(townOfficer.phone);
    const dispute = await b.matter({
      placeId: w.territory.village.id,
      kind: 'dispute',
      title: '宅基地纠纷',
      stages: [
        ['raised', '2026-10-02'],
        ['reviewed', '2026-10-10'],
        ['archived', '2026-10-12'],
      ],
      evaluation: { outcome: 'positive', isDisputeResolved: true },
    });
    disputeId = dispute.id;
    await b.matter({ placeId: w.territory.otherCommunity.id, title: '濮院 停车', stages: [['raised', '2026-10-05']] });
  });
  afterAll(() => w.t.close());

  it('gives a city officer the figures by town, and the matters behind one town’s disputes resolved', async () => {
    const res = await city.get(`/api/statistics?placeId=${w.territory.city.id}&${period}&groupBy=place`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.totals).toMatchObject({ raised: { value: 2 }, disputesResolved: { value: 1 } });
    const townGroup = body.groups.find((g: { placeId: number }) => g.placeId === w.territory.town.id);
    expect(townGroup).toMatchObject({ label: '梧桐街道', figures: { disputesResolved: { value: 1 } } });

    const behind = await city.get(
      `/api/statistics/matters?placeId=${w.territory.city.id}&${period}&figure=disputesResolved&groupBy=place&group=${w.territory.town.id}`,
    );
    expect(behind.statusCode, behind.body).toBe(200);
    expect(behind.json()).toMatchObject({
      total: 1,
      groupLabel: '梧桐街道',
      items: [{ id: disputeId, title: '宅基地纠纷', placeName: '新联村' }],
    });
  });

  it('gives figures by month, category and level', async () => {
    for (const groupBy of ['month', 'category', 'level']) {
      const res = await town.get(`/api/statistics?placeId=${w.territory.town.id}&${period}&groupBy=${groupBy}`);
      expect(res.statusCode).toBe(200);
      expect(res.json().totals.raised.value).toBe(1);
    }
    const byMonth = await town.get(`/api/statistics?placeId=${w.territory.town.id}&${period}&groupBy=month`);
    expect(byMonth.json().groups).toMatchObject([{ key: '2026-10', figures: { raised: { value: 1 } } }]);
  });

  it('lets a convenor see their community, and nobody see another town', async () => {
    const own = await w.clients.convenor.get(`/api/statistics?placeId=${w.territory.community.id}&${period}`);
    expect(own.statusCode).toBe(200);
    expectError(await w.clients.convenor.get(`/api/statistics?placeId=${w.territory.town.id}&${period}`), 403, {
      code: 'access.denied',
    });
    expectError(await town.get(`/api/statistics?placeId=${w.territory.otherTown.id}&${period}`), 403, {
      code: 'access.denied',
    });
    expectError(
      await town.get(`/api/statistics/matters?placeId=${w.territory.otherTown.id}&${period}&figure=raised`),
      403,
      { code: 'access.denied' },
    );
  });

  it('refuses residents and anonymous visitors', async () => {
    expectError(await w.clients.resident.get(`/api/statistics?placeId=${w.territory.community.id}&${period}`), 403, {
      code: 'access.denied',
    });
    expect((await w.clients.anonymous.get(`/api/statistics?placeId=${w.territory.city.id}&${period}`)).statusCode).toBe(
      401,
    );
  });

  it('notes when a matter enters each status, as it is raised and moved', async () => {
    const raised = await w.clients.resident.post('/api/matters', {
      placeId: w.territory.building.id,
      level: 'building',
      kind: 'livelihood',
      category: 'facilities',
      title: '5幢楼道灯不亮',
      description: '晚上楼道太黑，老人上下楼不安全。',
    });
    expect(raised.statusCode, raised.body).toBe(201);
    const id = raised.json().id as number;
    expect((await w.clients.convenor.post(`/api/matters/${id}/decline`, { reason: '已由物业处理' })).statusCode).toBe(
      200,
    );
    const entries = await w.db.execute<{ status: string }>(
      sql`select status from matter_stage_entries where matter_id = ${id} order by entered_at, status`,
    );
    expect(entries.rows.map((r) => r.status)).toEqual(['raised', 'declined']);
  });

  it('refuses bad periods and unknown places with a field', async () => {
    const base = `/api/statistics?placeId=${w.territory.town.id}`;
    expectError(await town.get(`${base}&from=2026-02-30&to=2026-03-01`), 400, { field: 'from' });
    expectError(await town.get(`${base}&from=2026-10-01&to=2026-10-01`), 400, { field: 'to' });
    expectError(await town.get(`${base}&from=yesterday&to=2026-10-01`), 400, { field: 'from' });
    expectError(await town.get(`${base}&${period}&groupBy=week`), 400, { field: 'groupBy' });
    expectError(await town.get(`/api/statistics/matters?placeId=${w.territory.town.id}&${period}&figure=nope`), 400, {
      field: 'figure',
    });
    expect((await city.get(`/api/statistics?placeId=999999&${period}`)).statusCode).toBe(404);
  });
});
