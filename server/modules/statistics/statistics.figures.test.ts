import { sql } from 'drizzle-orm';
import type { MatterStatus } from '../../../domain/matters/stages';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { afterDeliberationWorld, type AfterDeliberationWorld } from '../../test/after-deliberation.fixtures';
import { figuresByGroup, figuresFor, mattersBehind } from '.';
import { statisticsBuilder } from '../../test/statistics.fixtures';

const october = { from: '2026-10-01', to: '2026-11-01', today: '2026-11-26' };

describe('statistics: what each figure counts (October 2026, 梧桐街道 and the city)', () => {
  let w: AfterDeliberationWorld;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    w = await afterDeliberationWorld();
    const b = statisticsBuilder(w.db, w.residentAccountId, w.staff.convenor.id);
    const { territory: t } = w;
    const loop = (raised: string, archived: string): [MatterStatus, string][] => [
      ['raised', raised],
      ['accepted', raised],
      ['deliberating', raised],
      ['resolved', archived],
      ['implementing', archived],
      ['reviewed', archived],
      ['archived', archived],
    ];
    // A: livelihood, raised in September, resolved 5 Oct, archived 25 Oct, positive.
    const a = await b.matter({
      placeId: t.building.id,
      title: 'A 路灯维修',
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
    // B: a dispute in the village, raised 2 Oct, archived 16 Oct, resolved (neutral score).
    const bm = await b.matter({
      placeId: t.village.id,
      kind: 'dispute',
      category: 'neighbours',
      title: 'B 宅基地纠纷',
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
    // C: a dispute in the other town, resolved and archived in October.
    const c = await b.matter({
      placeId: t.otherCommunity.id,
      kind: 'dispute',
      title: 'C 停车纠纷',
      stages: loop('2026-10-03', '2026-10-20'),
      evaluation: { outcome: 'positive', isDisputeResolved: true },
    });
    // D: livelihood, raised 10 Oct, still deliberating.
    const d = await b.matter({
      placeId: t.community.id,
      category: 'environment',
      title: 'D 垃圾分类点',
      stages: [
        ['raised', '2026-10-10'],
        ['accepted', '2026-10-11'],
        ['deliberating', '2026-10-12'],
      ],
    });
    // E: raised in November: outside the period.
    await b.matter({ placeId: t.building.id, title: 'E 楼道堆物', stages: [['raised', '2026-11-02']] });
    Object.assign(ids, { a: a.id, b: bm.id, c: c.id, d: d.id });

    await b.meeting(a.id, '2026-10-02', 'hybrid', 4, 4);
    await b.meeting(d.id, '2026-10-12', 'on_site', 5, 3);
    await b.meeting(bm.id, '2026-10-05', 'on_site', 2, 0); // nobody came: not held
    await b.task(a.id, '2026-10-10', 'done');
    await b.task(bm.id, '2026-10-12', 'done');
    await b.task(d.id, '2026-10-15', 'open');
    await b.task(d.id, '2026-11-30', 'open');
    await b.followUp(a.id, '2026-10-21', 5);
    await b.followUp(bm.id, '2026-10-14', 4);
    await b.followUp(c.id, '2026-10-18', 1);
    await b.votes(d.id, t.community.id, t.community.path, '2026-10-13', ['online', 'online', 'paper']);
  });
  afterAll(() => w.t.close());

  it('counts the town’s matters by the day each thing happened', async () => {
    const f = await figuresFor(w.db, { placeId: w.territory.town.id, ...october });
    expect(f.raised).toMatchObject({ value: 2 }); // B, D (A was raised in September, E in November)
    expect(f.resolved).toMatchObject({ value: 2 }); // A, B
    expect(f.archived).toMatchObject({ value: 2 });
    expect(f.consultations).toMatchObject({ value: 2 }); // the meeting nobody came to was not held
    expect(f.livelihoodSolved).toMatchObject({ value: 1 });
    expect(f.disputesResolved).toMatchObject({ value: 1 });
    expect(f.participation).toMatchObject({ num: 7, den: 9, value: 0.7778 });
    expect(f.onlineMeetings).toMatchObject({ num: 1, den: 2, value: 0.5 });
    expect(f.onlineVotes).toMatchObject({ num: 2, den: 3 });
    expect(f.medianDays).toMatchObject({ value: 24.5, n: 2 }); // 35 and 14 days
    expect(f.overdueTasks).toMatchObject({ value: 1 });
    expect(f.implementationRate).toMatchObject({ num: 2, den: 3 });
    expect(f.satisfaction).toMatchObject({ value: 4.5, n: 2 });
    // A and B, archived in October, stayed 5 and 1 days in 'raised'.
    expect(f.daysInStage['raised']).toMatchObject({ value: 3, n: 2 });
  });

  it('counts the whole city, and splits it by town', async () => {
    const f = await figuresFor(w.db, { placeId: w.territory.city.id, ...october });
    expect(f).toMatchObject({ raised: { value: 3 }, archived: { value: 3 }, disputesResolved: { value: 2 } });
    expect(f.satisfaction).toMatchObject({ value: 3.33, n: 3 });
    const byPlace = await figuresByGroup(w.db, { placeId: w.territory.city.id, ...october, groupBy: 'place' });
    const town = byPlace.groups.find((g) => g.placeId === w.territory.town.id)!;
    const other = byPlace.groups.find((g) => g.placeId === w.territory.otherTown.id)!;
    expect(town).toMatchObject({
      label: '梧桐街道',
      figures: { disputesResolved: { value: 1 }, raised: { value: 2 } },
    });
    expect(other).toMatchObject({ label: '濮院镇', figures: { disputesResolved: { value: 1 }, raised: { value: 1 } } });
  });

  it('has the matters behind every number, per group', async () => {
    const behind = await mattersBehind(w.db, {
      placeId: w.territory.city.id,
      ...october,
      figure: 'disputesResolved',
      groupBy: 'place',
      group: String(w.territory.otherTown.id),
    });
    expect(behind).toMatchObject({ total: 1, items: [{ id: ids['c'], title: 'C 停车纠纷', placeName: '濮院社区' }] });
    const overdue = await mattersBehind(w.db, { placeId: w.territory.town.id, ...october, figure: 'overdueTasks' });
    expect(overdue.items.map((m) => m.id)).toEqual([ids['d']]);
    const raised = await mattersBehind(w.db, { placeId: w.territory.town.id, ...october, figure: 'raised' });
    expect(raised.items.map((m) => m.id).sort()).toEqual([ids['b'], ids['d']].sort());
  });

  it('numbers agree: groups add up to the totals, and counts equal plain SQL on the matters table', async () => {
    const q = { placeId: w.territory.city.id, ...october };
    const totals = await figuresFor(w.db, q);
    for (const groupBy of ['month', 'place', 'category', 'level'] as const) {
      const { groups } = await figuresByGroup(w.db, { ...q, groupBy });
      for (const key of ['raised', 'resolved', 'archived', 'disputesResolved', 'overdueTasks'] as const)
        expect(
          groups.reduce((sum, g) => sum + (g.figures[key].value ?? 0), 0),
          `${groupBy} ${key}`,
        ).toBe(totals[key].value);
    }
    const plain = await w.db.execute<{ archived: number; disputes: number; livelihood: number }>(sql`
      select count(*)::int as archived,
        count(*) filter (where m.kind = 'dispute' and e.is_dispute_resolved)::int as disputes,
        count(*) filter (where m.kind = 'livelihood' and e.outcome = 'positive')::int as livelihood
      from matters m left join evaluations e on e.matter_id = m.id
      where m.status = 'archived' and m.place_path like ${w.territory.city.path + '%'}
        and m.sealed_at >= '2026-10-01T00:00:00+08:00' and m.sealed_at < '2026-11-01T00:00:00+08:00'`);
    expect(plain.rows[0]).toEqual({
      archived: totals.archived.value,
      disputes: totals.disputesResolved.value,
      livelihood: totals.livelihoodSolved.value,
    });
  });
});
