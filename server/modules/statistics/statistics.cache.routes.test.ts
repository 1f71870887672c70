import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matters, tasks } from '../../db/schema';
import { afterDeliberationWorld, type AfterDeliberationWorld } from '../../test/after-deliberation.fixtures';
import type { TestClient } from '../../test/build-test-app';
import { buildStaff } from '../../test/factories';
import { statisticsBuilder } from '../../test/statistics.fixtures';
import { aggregateFromSources } from './statistics-reference.repository';
import { aggregateFigures } from './statistics.repository';

/** A whole month (read from the monthly sums) and a part of one (read from the facts). */
const periods = ['from=2026-10-01&to=2026-11-01', 'from=2026-10-03&to=2026-10-20'];

describe('statistics views kept per facts version: never older than the lists behind them', () => {
  let w: AfterDeliberationWorld;
  let b: ReturnType<typeof statisticsBuilder>;
  let city: TestClient;
  const version = async () =>
    Number((await w.db.execute<{ v: string }>(sql`select version::text as v from statistics_version`)).rows[0]!.v);
  const view = async (period: string, groupBy: string) => {
    const res = await city.get(`/api/statistics?placeId=${w.territory.city.id}&${period}&groupBy=${groupBy}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const behind = async (period: string, figure: string) => {
    const res = await city.get(`/api/statistics/matters?placeId=${w.territory.city.id}&${period}&figure=${figure}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().total as number;
  };

  beforeAll(async () => {
    w = await afterDeliberationWorld();
    b = statisticsBuilder(w.db, w.residentAccountId, w.staff.convenor.id);
    const cityOfficer = await buildStaff(w.db, { role: 'city_officer', placeId: w.territory.city.id });
    city = await w.t.loginByCode(cityOfficer.phone);
    await b.matter({ placeId: w.territory.village.id, stages: [['raised', '2026-10-05']] });
  });
  afterAll(() => w.t.close());

  it('answers a repeated read from the kept view, and a changed city with new figures equal to their lists', async () => {
    const first = await Promise.all(periods.map((p) => view(p, 'month')));
    const at = await version();
    expect(await Promise.all(periods.map((p) => view(p, 'month')))).toEqual(first);
    expect(await version()).toBe(at);
    for (const [i, p] of periods.entries()) expect(first[i].totals.raised.value).toBe(await behind(p, 'raised'));

    const m = await b.matter({ placeId: w.territory.otherCommunity.id, stages: [['raised', '2026-10-06']] });
    const second = await Promise.all(periods.map((p) => view(p, 'month')));
    expect(await version()).toBeGreaterThan(at);
    for (const [i, p] of periods.entries()) {
      expect(second[i].totals.raised.value).toBe(first[i].totals.raised.value + 1);
      expect(second[i].totals.raised.value).toBe(await behind(p, 'raised'));
    }

    // The matter moves to another town: the by-place view follows it.
    const byPlace = await view(periods[0]!, 'place');
    await w.db
      .update(matters)
      .set({ placeId: w.territory.village.id, placePath: w.territory.village.path })
      .where(sql`${matters.id} = ${m.id}`);
    const moved = await view(periods[0]!, 'place');
    const raisedIn = (v: { groups: { placeId: number; figures: { raised: { value: number } } }[] }, id: number) =>
      v.groups.find((g) => g.placeId === id)?.figures.raised.value ?? 0;
    expect(raisedIn(moved, w.territory.town.id)).toBe(raisedIn(byPlace, w.territory.town.id) + 1);
    expect(raisedIn(moved, w.territory.otherTown.id)).toBe(raisedIn(byPlace, w.territory.otherTown.id) - 1);

    // A task falls due and is done: the implementation rate moves.
    await w.db.insert(tasks).values({
      matterId: m.id,
      title: '施工',
      ownerName: '物业',
      dueOn: '2026-10-08',
      status: 'done',
      createdBy: w.staff.convenor.id,
    });
    const done = await view(periods[1]!, 'level');
    expect(done.totals.implementationRate).toMatchObject({ num: 1, den: 1 });
    expect(await behind(periods[1]!, 'implementationRate')).toBe(1);
  });

  it('reads the online-votes share live: votes mark no matter dirty and leave the version', async () => {
    const before = await view(periods[0]!, 'category');
    const at = await version();
    const m = await b.matter({ placeId: w.territory.village.id, stages: [['raised', '2026-09-01']] });
    await view(periods[0]!, 'category');
    const afterMatter = await version();
    await b.votes(m.id, w.territory.village.id, w.territory.village.path, '2026-10-09', ['online', 'paper']);
    const after = await view(periods[0]!, 'category');
    expect(await version()).toBe(afterMatter);
    expect(afterMatter).toBeGreaterThan(at);
    expect(after.totals.onlineVotes).toMatchObject({ num: before.totals.onlineVotes.num + 1 });
    expect(after.totals.onlineVotes.den).toBe(before.totals.onlineVotes.den + 2);
  });

  it('never serves outside a transaction what it computed from the transaction’s own changes', async () => {
    const scope = { path: w.territory.city.path, from: '2026-10-01', to: '2026-11-01', today: '2026-12-01' };
    const raised = async (db: Parameters<typeof aggregateFigures>[0]) =>
      (await aggregateFigures(db, scope)).find((r) => r.fig === 'raised' && r.g === null)?.num ?? 0;
    const outside = await raised(w.db);
    await expect(
      w.db.transaction(async (tx) => {
        await statisticsBuilder(tx as never, w.residentAccountId, w.staff.convenor.id).matter({
          placeId: w.territory.village.id,
          stages: [['raised', '2026-10-07']],
        });
        expect(await raised(tx)).toBe(outside + 1);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await raised(w.db)).toBe(outside);
    // The next committed change (same version number as the rolled-back one) shows as well.
    await b.matter({ placeId: w.territory.village.id, stages: [['raised', '2026-10-08']] });
    expect(await raised(w.db)).toBe(outside + 1);
  });

  it('shares a view between processes through statistics_views, emptied by the next change', async () => {
    const scope = { path: w.territory.city.path, from: '2026-09-01', to: '2026-09-15', today: '2026-12-01' };
    const keyOf = (s: typeof scope, groupBy: string | null) => JSON.stringify([s.path, s.from, s.to, s.today, groupBy]);
    await aggregateFigures(w.db, scope, 'level');
    const kept = await w.db.execute<{ key: string }>(sql`select key from statistics_views`);
    expect(kept.rows.map((r) => r.key)).toContain(keyOf(scope, 'level'));

    // Another process's view, kept under the current version, is read as it is.
    const other = { ...scope, from: '2026-09-02' };
    const theirs = [{ fig: 'raised', sub: '', g: null, n: 42, num: 42, den: 42, med: null }];
    await w.db.execute(sql`insert into statistics_views (key, version, rows)
      select ${keyOf(other, null)}, version, ${JSON.stringify(theirs)}::jsonb from statistics_version`);
    const raised = (rows: { fig: string; g: string | null; num: number }[]) =>
      rows.find((r) => r.fig === 'raised' && r.g === null)?.num ?? 0;
    expect(raised(await aggregateFigures(w.db, other))).toBe(42);

    // A change: the next read's rebuild empties the table, and the view is summed again.
    await b.matter({ placeId: w.territory.village.id, stages: [['raised', '2026-09-03']] });
    const summed = raised(await aggregateFigures(w.db, other));
    expect(summed).toBe(raised(await aggregateFromSources(w.db, other)));
    expect(summed).toBeGreaterThan(0);
    const left = await w.db.execute<{ key: string }>(sql`select key from statistics_views`);
    expect(left.rows.map((r) => r.key)).toEqual([keyOf(other, null)]);
  });

  it('keeps a drill-down page per facts version, its titles and place names read fresh, online votes live', async () => {
    const period = 'from=2026-08-01&to=2026-08-31';
    type Page = { total: number; items: { id: number; placeId: number; placeName: string; title: string }[] };
    const list = async (figure: string): Promise<Page> => {
      const res = await city.get(`/api/statistics/matters?placeId=${w.territory.city.id}&${period}&figure=${figure}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    };
    const m = await b.matter({ placeId: w.territory.village.id, stages: [['raised', '2026-08-04']] });
    const first = await list('raised');
    expect(first.items.map((i) => i.id)).toContain(m.id);
    const kept = await w.db.execute<{ key: string }>(sql`select key from statistics_views where key like 'behind:%'`);
    expect(kept.rows).toHaveLength(1);

    // A place renamed and a title edited in SQL (neither marks the matter dirty): shown at once, same version.
    const at = await version();
    await w.db.execute(sql`update places set name = '改名村' where id = ${w.territory.village.id}`);
    await w.db.execute(sql`alter table matters disable trigger user`);
    await w.db.execute(sql`update matters set title = '改过的标题' where id = ${m.id}`);
    await w.db.execute(sql`alter table matters enable trigger user`);
    const renamed = await list('raised');
    expect(await version()).toBe(at);
    expect(renamed.items.map((i) => i.id)).toEqual(first.items.map((i) => i.id));
    expect(renamed.items.find((i) => i.id === m.id)).toMatchObject({ placeName: '改名村', title: '改过的标题' });

    // A new matter of the period: a new version, and the page computed again.
    const next = await b.matter({ placeId: w.territory.village.id, stages: [['raised', '2026-08-05']] });
    const after = await list('raised');
    expect(await version()).toBeGreaterThan(at);
    expect(after.total).toBe(first.total + 1);
    expect(after.items[0]!.id).toBe(next.id);

    // Votes mark nothing dirty: the matters behind the online-votes share are read live.
    const before = await list('onlineVotes');
    await b.votes(next.id, w.territory.village.id, w.territory.village.path, '2026-08-06', ['online']);
    const voted = await list('onlineVotes');
    expect(voted.total).toBe(before.total + 1);
    expect(voted.items.map((i) => i.id)).toContain(next.id);
  });
});
