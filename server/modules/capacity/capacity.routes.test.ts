import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CapacityFigures, CapacityView } from '../../../contracts/capacity';
import { buildTestApp, type TestApp, type TestClient } from '../../test/build-test-app';
import { buildStaff, buildTerritory } from '../../test/factories';
import { capacityBuilder } from '../../test/capacity.fixtures';

type Territory = Awaited<ReturnType<typeof buildTerritory>>;

const stage = (f: CapacityFigures, status: string) => f.projects.byStage.find((s) => s.status === status)!;
const child = (v: CapacityView, id: number) => v.children.find((c) => c.place.id === id)!.figures;

describe('GET /api/statistics/capacity', () => {
  let t: TestApp;
  let w: Territory;
  let city: TestClient;
  let town: TestClient;
  let resident: TestClient;
  const cat = { hub: 0, core1: 0, core2: 0, other: 0 };

  beforeAll(async () => {
    t = await buildTestApp();
    w = await buildTerritory(t.database.db);
    const officer = await buildStaff(t.database.db, { role: 'city_officer', placeId: w.city.id });
    const townOfficer = await buildStaff(t.database.db, { role: 'town_officer', placeId: w.town.id });
    const person = await buildStaff(t.database.db, { role: 'resident', placeId: w.community.id });
    city = await t.loginByCode(officer.phone);
    town = await t.loginByCode(townOfficer.phone);
    resident = await t.loginByCode(person.phone);
    const b = capacityBuilder(t.database.db, officer.id);

    cat.hub = (await b.category(w.city, '枢纽型社会组织', 'hub', 1)).id;
    cat.core1 = (await b.category(w.city, '专业社工机构', 'core', 2)).id;
    cat.core2 = (await b.category(w.city, '社区社会组织', 'core', 3)).id;
    cat.other = (await b.category(w.city, '志愿服务组织', 'other', 4)).id;
    const o1 = await b.organisation(w.town, { categoryId: cat.hub, serves: [w.community] });
    const o2 = await b.organisation(w.city, {
      categoryId: cat.core1,
      serves: [w.community, w.otherCommunity],
      brand: '四治茶座',
      canDeliberate: true,
    });
    await b.organisation(w.town, { categoryId: cat.core2, serves: [w.community], canDeliberate: true });
    await b.organisation(w.otherTown, { categoryId: cat.other });
    await b.organisation(w.town, { categoryId: cat.core1, isActive: false });
    await b.organisation(w.city);

    const callCity = await b.call(w.city, 2026);
    const callTown = await b.call(w.town, 2026);
    const callOld = await b.call(w.town, 2025);
    await b.project(callTown, o1.id, {
      status: 'contracted',
      lines: [300000, 200000],
      contractFen: 450000,
      spent: [100000, 50000],
    });
    await b.project(callCity, o2.id, {
      status: 'closed',
      lines: [800000],
      contractFen: 800000,
      spent: [800000],
      serves: [w.community, w.otherCommunity],
    });
    await b.project(callTown, o1.id, { status: 'submitted', lines: [123456] });
    await b.project(callOld, o1.id, { status: 'contracted', lines: [999900], contractFen: 999900 });
    await b.project(callCity, o2.id, { status: 'draft', lines: [10001] });

    const programme = await b.programme(w.city, 2026);
    const oldProgramme = await b.programme(w.city, 2025);
    await b.participant(programme.id, w.community, 'completed');
    await b.participant(programme.id, w.village, 'enrolled');
    await b.participant(programme.id, w.otherCommunity, 'completed');
    await b.participant(oldProgramme.id, w.community, 'completed');
    await b.microLeader(w.community, '2026-03-01');
    await b.microLeader(w.village, '2025-12-31');
    await b.microLeader(w.otherCommunity, '2026-07-01', 'withdrawn');
    await b.microLeader(w.community, '2026-12-31');

    const selection = await b.selection(w.city, 2026);
    const oldSelection = await b.selection(w.city, 2025);
    await b.nomination(selection.id, w.community, 'named');
    await b.nomination(selection.id, w.village, 'noticed');
    await b.nomination(selection.id, w.otherCommunity, 'named');
    await b.nomination(oldSelection.id, w.community, 'named');
  });
  afterAll(() => t.close());

  const read = async (client: TestClient, placeId: number, year = 2026) => {
    const res = await client.get(`/api/statistics/capacity?placeId=${placeId}&year=${year}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as CapacityView;
  };

  it('counts social organisations per category, brand, deliberation and coverage, for the city and each town', async () => {
    const v = await read(city, w.city.id);
    expect(v.place).toMatchObject({ id: w.city.id, kind: 'city' });
    expect(v.children.map((c) => c.place.id).sort()).toEqual([w.town.id, w.otherTown.id].sort());
    const o = v.totals.organisations;
    expect(o).toMatchObject({ total: 5, brand: 1, canDeliberate: 2, uncategorised: 1 });
    expect(o.byCategory.map((c) => [c.categoryId, c.tier, c.count])).toEqual([
      [cat.hub, 'hub', 1],
      [cat.core1, 'core', 1],
      [cat.core2, 'core', 1],
      [cat.other, 'other', 1],
    ]);
    expect(o.coverage).toEqual({
      communitiesCovered: 1,
      communities: 3,
      communityRatio: 1 / 3,
      townsWithHub: 1,
      towns: 2,
      townRatio: 0.5,
    });
    // The city's organisation serving both towns is in each town's figures, and once in the city's.
    expect(child(v, w.town.id).organisations).toMatchObject({ total: 3, brand: 1, canDeliberate: 2 });
    expect(child(v, w.town.id).organisations.coverage).toMatchObject({ communitiesCovered: 1, communities: 2 });
    expect(child(v, w.otherTown.id).organisations).toMatchObject({ total: 2, brand: 1, uncategorised: 0 });
    expect(child(v, w.otherTown.id).organisations.coverage).toMatchObject({
      communitiesCovered: 0,
      communities: 1,
      townsWithHub: 0,
      towns: 1,
    });
  });

  it('counts the year’s projects by stage with budget and spending in fen, a project of two towns once in the city', async () => {
    const v = await read(city, w.city.id);
    const p = v.totals.projects;
    // Drafts are their organisation's own: not counted, as the officers' project list does not show them.
    expect(p.byStage.map((s) => s.status)).toEqual([
      'submitted',
      'returned',
      'declined',
      'approved',
      'contracted',
      'midterm_evaluated',
      'final_evaluated',
      'closed',
    ]);
    expect(stage(v.totals, 'submitted')).toMatchObject({ count: 1, budgetFen: 123456 });
    // Contracted: the contract amount, not the budget lines' sum.
    expect(stage(v.totals, 'contracted')).toMatchObject({ count: 1, budgetFen: 450000, spentFen: 150000 });
    expect(stage(v.totals, 'closed')).toMatchObject({ count: 1, budgetFen: 800000, spentFen: 800000 });
    expect(stage(v.totals, 'returned')).toMatchObject({ count: 0, budgetFen: 0, spentFen: 0 });
    expect(p.total).toEqual({ count: 3, budgetFen: 1373456, spentFen: 950000 });
    expect(p.contracted).toEqual({ count: 2, budgetFen: 1250000, spentFen: 950000, spentRatio: 0.76 });
    expect(child(v, w.town.id).projects.total).toEqual({ count: 3, budgetFen: 1373456, spentFen: 950000 });
    expect(child(v, w.otherTown.id).projects.total).toEqual({ count: 1, budgetFen: 800000, spentFen: 800000 });

    const last = await read(city, w.city.id, 2025);
    expect(last.totals.projects.contracted).toMatchObject({ count: 1, budgetFen: 999900, spentFen: 0, spentRatio: 0 });
  });

  it('counts training, micro-leaders trained in the year and active, and talents named', async () => {
    const v = await read(city, w.city.id);
    expect(v.totals.training).toEqual({
      participants: 3,
      completions: 2,
      microLeadersTrained: 2,
      microLeadersActive: 3,
    });
    expect(v.totals.talents).toEqual({ namedInYear: 2, namedTotal: 3 });
    expect(child(v, w.town.id).training).toEqual({
      participants: 2,
      completions: 1,
      microLeadersTrained: 2,
      microLeadersActive: 3,
    });
    expect(child(v, w.town.id).talents).toEqual({ namedInYear: 1, namedTotal: 2 });
    expect(child(v, w.otherTown.id).training).toEqual({
      participants: 1,
      completions: 1,
      microLeadersTrained: 0,
      microLeadersActive: 0,
    });
    expect(child(v, w.otherTown.id).talents).toEqual({ namedInYear: 1, namedTotal: 1 });
  });

  it('gives a town officer the town with its communities, and the same figures as the city’s row for it', async () => {
    const v = await read(town, w.town.id);
    expect(v.children.map((c) => c.place.id).sort()).toEqual([w.community.id, w.village.id].sort());
    const fromCity = child(await read(city, w.city.id), w.town.id);
    expect(v.totals).toEqual(fromCity);
    expect(child(v, w.community.id).organisations.total).toBe(3);
    expect(child(v, w.village.id).organisations.total).toBe(0);
    expect(child(v, w.village.id).training).toMatchObject({ participants: 1, completions: 0 });
    const community = await read(town, w.community.id);
    expect(community.children).toEqual([]);
    expect(community.totals.organisations.coverage).toMatchObject({ communitiesCovered: 1, communities: 1, towns: 0 });
  });

  it('refuses the city to a town officer, and everything to a resident and to no one logged in', async () => {
    const refused = await town.get(`/api/statistics/capacity?placeId=${w.city.id}&year=2026`);
    expect([403, 404]).toContain(refused.statusCode);
    const other = await town.get(`/api/statistics/capacity?placeId=${w.otherTown.id}&year=2026`);
    expect([403, 404]).toContain(other.statusCode);
    expect((await resident.get(`/api/statistics/capacity?placeId=${w.community.id}&year=2026`)).statusCode).toBe(403);
    const anonymous = await t.anonymous().get(`/api/statistics/capacity?placeId=${w.city.id}&year=2026`);
    expect(anonymous.statusCode).toBe(401);
  });

  it('names the bad field of a bad query, and 404s an unknown place', async () => {
    for (const [query, field] of [
      [`placeId=${w.city.id}`, 'year'],
      [`placeId=${w.city.id}&year=abc`, 'year'],
      [`placeId=${w.city.id}&year=1999`, 'year'],
      [`placeId=${w.city.id}&year=${'9'.repeat(40)}`, 'year'],
      ['year=2026', 'placeId'],
      ['placeId=&year=2026', 'placeId'],
    ] as const) {
      const res = await city.get(`/api/statistics/capacity?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(JSON.stringify(res.json().error), query).toContain(field);
    }
    expect((await city.get('/api/statistics/capacity?placeId=999999&year=2026')).statusCode).toBe(404);
  });

  it('answers two reads at once with the same figures', async () => {
    const [a, b] = await Promise.all([read(city, w.city.id), read(city, w.city.id)]);
    expect(a).toEqual(b);
  });
});
