import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CapacityView } from '../../../contracts/capacity';
import { buildTestApp, type TestApp, type TestClient } from '../../test/build-test-app';
import { capacityBuilder } from '../../test/capacity.fixtures';
import { buildStaff, buildTerritory } from '../../test/factories';

/**
 * "The figures on the dashboard equal the lists behind them": for the city and each town, every figure
 * with a list is compared with that list's total (the registers' own list routes).
 */
describe('capacity figures equal the lists behind them', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof buildTerritory>>;
  let city: TestClient;

  beforeAll(async () => {
    t = await buildTestApp();
    w = await buildTerritory(t.database.db);
    const officer = await buildStaff(t.database.db, { role: 'city_officer', placeId: w.city.id });
    city = await t.loginByCode(officer.phone);
    const b = capacityBuilder(t.database.db, officer.id);
    const core = await b.category(w.city, '专业社工机构', 'core', 1);
    const hub = await b.category(w.city, '枢纽型社会组织', 'hub', 2);
    const shared = await b.organisation(w.city, {
      categoryId: core.id,
      serves: [w.community, w.otherCommunity],
      canDeliberate: true,
    });
    const own = await b.organisation(w.town, { categoryId: hub.id, canDeliberate: true });
    await b.organisation(w.otherTown);
    await b.organisation(w.town, { categoryId: core.id, isActive: false });
    const callCity = await b.call(w.city, 2026);
    const callTown = await b.call(w.town, 2026);
    await b.project(callCity, shared.id, {
      status: 'contracted',
      lines: [200000],
      contractFen: 200000,
      spent: [5000],
      serves: [w.community, w.otherCommunity],
    });
    await b.project(callTown, own.id, { status: 'submitted', lines: [30000] });
    await b.project(callTown, own.id, { status: 'draft', lines: [30000] });
    await b.project(await b.call(w.town, 2025), own.id, { status: 'closed', lines: [1000], contractFen: 1000 });
    await b.microLeader(w.community, '2026-02-01');
    await b.microLeader(w.otherCommunity, '2025-02-01');
    await b.microLeader(w.village, '2026-03-01', 'withdrawn');
    const selection = await b.selection(w.city, 2026);
    await b.nomination(selection.id, w.community, 'named');
    await b.nomination(selection.id, w.otherCommunity, 'eligible');
  });
  afterAll(() => t.close());

  const total = async (url: string) => {
    const res = await city.get(url);
    expect(res.statusCode, `${url} ${res.body}`).toBe(200);
    return res.json().total as number;
  };

  const each = async (check: (id: number, figures: CapacityView['totals']) => Promise<void>) => {
    const view = (await city.get(`/api/statistics/capacity?placeId=${w.city.id}&year=2026`)).json() as CapacityView;
    expect(view.children).toHaveLength(2);
    await check(w.city.id, view.totals);
    for (const c of view.children) await check(c.place.id, c.figures);
  };

  it('organisations: in total, per category and able to deliberate', async () => {
    await each(async (id, figures) => {
      expect(await total(`/api/organisations?placeId=${id}`), `organisations of ${id}`).toBe(
        figures.organisations.total,
      );
      expect(await total(`/api/organisations?placeId=${id}&canDeliberate=true`)).toBe(
        figures.organisations.canDeliberate,
      );
      for (const c of figures.organisations.byCategory)
        expect(await total(`/api/organisations?placeId=${id}&categoryId=${c.categoryId}`)).toBe(c.count);
    });
  });

  it('coverage: communities with every core category, towns with a hub', async () => {
    await each(async (id, figures) => {
      const res = await city.get(`/api/places/${id}/organisation-coverage`);
      expect(res.statusCode, res.body).toBe(200);
      const { totals } = res.json();
      expect(totals.fullyCovered).toBe(figures.organisations.coverage.communitiesCovered);
      expect(totals.communities).toBe(figures.organisations.coverage.communities);
      expect(totals.townsWithHub).toBe(figures.organisations.coverage.townsWithHub);
      expect(totals.towns).toBe(figures.organisations.coverage.towns);
    });
  });

  it('micro-leaders: trained in the year, and active', async () => {
    await each(async (id, figures) => {
      expect(await total(`/api/micro-leaders?placeId=${id}&year=2026`)).toBe(figures.training.microLeadersTrained);
      expect(await total(`/api/micro-leaders?placeId=${id}`)).toBe(figures.training.microLeadersActive);
    });
  });

  it('projects: of the year in total and per stage', async () => {
    await each(async (id, figures) => {
      expect(await total(`/api/projects?placeId=${id}&year=2026`), `projects of ${id}`).toBe(
        figures.projects.total.count,
      );
      for (const stage of figures.projects.byStage)
        expect(await total(`/api/projects?placeId=${id}&year=2026&status=${stage.status}`), stage.status).toBe(
          stage.count,
        );
    });
  });

  it('leading talents: named in the year, and named to date', async () => {
    await each(async (id, figures) => {
      expect(await total(`/api/talent-nominations?placeId=${id}&year=2026&status=named`)).toBe(
        figures.talents.namedInYear,
      );
      expect(await total(`/api/talent-nominations?placeId=${id}&status=named`)).toBe(figures.talents.namedTotal);
    });
  });
});
