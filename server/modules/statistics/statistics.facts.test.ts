import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groupings } from '../../../domain/statistics';
import { followUps, matters, tasks } from '../../db/schema';
import { afterDeliberationWorld, type AfterDeliberationWorld } from '../../test/after-deliberation.fixtures';
import { refreshFacts } from './statistics.facts';
import { chinaNoon, statisticsBuilder } from '../../test/statistics.fixtures';
import { aggregateFromSources } from './statistics-reference.repository';
import { aggregateFigures, type FigureRow, type Scope } from './statistics.repository';

const canonical = (rows: FigureRow[]) =>
  rows
    .map((r) => ({
      ...r,
      num: Math.round(r.num * 1e6) / 1e6,
      den: Math.round(r.den * 1e6) / 1e6,
      med: r.med === null ? null : Math.round(r.med * 1e6) / 1e6,
    }))
    .sort((a, b) => `${a.fig}|${a.sub}|${a.g}`.localeCompare(`${b.fig}|${b.sub}|${b.g}`));

describe('statistics facts: always what the sources say', () => {
  let w: AfterDeliberationWorld;
  let periods: Scope[];
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    w = await afterDeliberationWorld();
    const b = statisticsBuilder(w.db, w.residentAccountId, w.staff.convenor.id);
    const { territory: t } = w;
    const a = await b.matter({
      placeId: t.building.id,
      stages: [
        ['raised', '2026-09-20'],
        ['accepted', '2026-09-25'],
        ['deliberating', '2026-09-28'],
        ['resolved', '2026-10-05'],
        ['implementing', '2026-10-08'],
        ['reviewed', '2026-10-20'],
        ['archived', '2026-10-25'],
      ],
      evaluation: { outcome: 'positive' },
    });
    const d = await b.matter({
      placeId: t.village.id,
      kind: 'dispute',
      category: 'neighbours',
      stages: [
        ['raised', '2026-10-02'],
        ['accepted', '2026-10-03'],
        ['deliberating', '2026-10-04'],
        ['resolved', '2026-10-10'],
        ['implementing', '2026-10-11'],
        ['reviewed', '2026-10-15'],
        ['archived', '2026-10-16'],
      ],
      evaluation: { outcome: 'neutral', isDisputeResolved: true },
    });
    const i = await b.matter({
      placeId: t.estate.id,
      stages: [
        ['raised', '2026-10-30'],
        ['accepted', '2026-10-31'],
        ['deliberating', '2026-11-02'],
        ['resolved', '2026-11-03'],
        ['implementing', '2026-11-04'],
      ],
    });
    await b.meeting(a.id, '2026-09-29', 'on_site', 5, 4);
    await b.meeting(d.id, '2026-10-05', 'online', 3, 3);
    await b.meeting(i.id, '2026-11-02', 'hybrid', 4, 2);
    await b.task(a.id, '2026-10-15', 'done');
    await b.task(i.id, '2026-10-31', 'open');
    await b.task(i.id, '2026-11-10', 'open');
    await b.followUp(a.id, '2026-10-21', 4);
    await b.followUp(d.id, '2026-10-15', 2);
    await b.votes(i.id, t.estate.id, `${t.estate.path}`, '2026-11-02', ['online', 'paper', 'online']);
    Object.assign(ids, { a: a.id, d: d.id, i: i.id });
    // 四治: a has two governances (counted in both groups), d none (untagged), i one.
    await w.db
      .update(matters)
      .set({ governances: ['autonomy', 'law'] })
      .where(sql`${matters.id} = ${a.id}`);
    await w.db
      .update(matters)
      .set({ governances: ['smart'] })
      .where(sql`${matters.id} = ${i.id}`);
    const city = t.city.path;
    periods = [
      { path: city, from: '2026-10-01', to: '2026-11-01', today: '2026-11-26' },
      { path: city, from: '2026-09-01', to: '2026-12-01', today: '2026-11-05' },
      { path: t.town.path, from: '2026-10-15', to: '2026-11-15', today: '2026-11-26' },
      { path: t.community.path, from: '2026-01-01', to: '2027-01-01', today: '2026-11-26' },
    ];
  });
  afterAll(() => w?.t.close());

  async function expectAgreement() {
    for (const scope of periods)
      for (const groupBy of [undefined, ...groupings]) {
        const facts = canonical(await aggregateFigures(w.db, scope, groupBy));
        expect(facts, `${scope.path} ${scope.from}–${scope.to} by ${groupBy ?? 'total'}`).toEqual(
          canonical(await aggregateFromSources(w.db, scope, groupBy)),
        );
      }
  }

  it('agrees with the sources for every period, scope and grouping', async () => {
    await expectAgreement();
    const raised = (await aggregateFigures(w.db, periods[1]!)).find((r) => r.fig === 'raised' && r.g === null);
    expect(raised?.n).toBe(3);
  });

  it('still agrees after tasks are done, people sign in, matters move and follow-ups are withdrawn', async () => {
    await aggregateFigures(w.db, periods[0]!);
    expect(await refreshFacts(w.db)).toBe(0);
    await w.db
      .update(tasks)
      .set({ status: 'done' })
      .where(sql`${tasks.matterId} = ${ids.i} and due_on = '2026-10-31'`);
    await w.db
      .update(matters)
      .set({ placeId: w.territory.village.id, placePath: w.territory.village.path, category: 'safety' })
      .where(sql`${matters.id} = ${ids.a}`);
    await w.db.delete(followUps).where(sql`${followUps.matterId} = ${ids.d}`);
    const b = statisticsBuilder(w.db, w.residentAccountId, w.staff.convenor.id);
    await b.meeting(ids.d!, '2026-10-20', 'on_site', 2, 1);
    await w.db.insert(followUps).values({
      matterId: ids.i!,
      recordedBy: w.staff.convenor.id,
      method: 'phone',
      satisfaction: 5,
      createdAt: chinaNoon('2026-11-05'),
    });
    await expectAgreement();
    const done = (await aggregateFigures(w.db, periods[1]!)).find(
      (r) => r.fig === 'implementationRate' && r.g === null,
    );
    expect(done).toMatchObject({ n: 2, num: 2 });
  });

  it('counts a matter once in each of its governances, untagged ones apart, and the total once', async () => {
    const rows = await aggregateFigures(w.db, periods[1]!, 'governance');
    const raised = (g: string | null) => rows.find((r) => r.fig === 'raised' && r.sub === '' && r.g === g)?.num;
    expect([raised('autonomy'), raised('law'), raised('smart'), raised('untagged'), raised(null)]).toEqual([
      1, 1, 1, 1, 3,
    ]);
  });

  it('moves a matter between governance groups when its tags change (the trigger marks it dirty)', async () => {
    await aggregateFigures(w.db, periods[1]!);
    await w.db
      .update(matters)
      .set({ governances: ['virtue'] })
      .where(sql`${matters.id} = ${ids.d}`);
    await w.db
      .update(matters)
      .set({ governances: [] })
      .where(sql`${matters.id} = ${ids.i}`);
    const dirty = await w.db.execute<{ n: number }>(sql`select count(*)::int as n from statistics_dirty`);
    expect(dirty.rows[0]!.n).toBe(2);
    await expectAgreement();
    const rows = await aggregateFigures(w.db, periods[1]!, 'governance');
    const raised = (g: string) => rows.find((r) => r.fig === 'raised' && r.g === g)?.num;
    expect([raised('virtue'), raised('smart'), raised('untagged')]).toEqual([1, undefined, 1]);
  });

  it('rebuilds a matter once when two readers refresh at the same time', async () => {
    const before = await w.db.execute<{ n: number }>(sql`select count(*)::int as n from statistics_facts`);
    await w.db
      .update(matters)
      .set({ title: '改名' })
      .where(sql`${matters.id} in (${ids.a}, ${ids.d}, ${ids.i})`);
    const rebuilt = await Promise.all([refreshFacts(w.db), refreshFacts(w.db)]);
    expect(rebuilt[0]! + rebuilt[1]!).toBe(3);
    const after = await w.db.execute<{ n: number }>(sql`select count(*)::int as n from statistics_facts`);
    expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
  });
});
