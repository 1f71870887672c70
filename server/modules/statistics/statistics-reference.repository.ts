import { sql } from 'drizzle-orm';
import { figureKeys, type Grouping } from '../../../domain/statistics';
import type { DbOrTx } from '../../db/client';
import type { FigureRow, Scope } from './statistics.repository';
import { figureSource } from './statistics-sources.repository';
import { inSubtree } from '../../db/subtree';
import { readTogether } from '../../db/together';

/**
 * Every figure aggregated straight from its source rows, one query per figure, without the facts
 * table: the reference the facts are checked against (statistics.facts.test) and the baseline the
 * benchmark measures them against. Not used to serve requests: at a city's scale it costs seconds.
 */
export async function aggregateFromSources(db: DbOrTx, scope: Scope, groupBy?: Grouping): Promise<FigureRow[]> {
  if (groupBy === 'governance') {
    // Overlapping groups: the per-governance rows, and the total counted once per matter.
    const [grouped, totals] = await readTogether(db, [
      () => sourceRows(db, scope, groupBy),
      () => sourceRows(db, scope),
    ]);
    return [...grouped.filter((r) => r.g !== null), ...totals];
  }
  return sourceRows(db, scope, groupBy);
}

async function sourceRows(db: DbOrTx, scope: Scope, groupBy?: Grouping): Promise<FigureRow[]> {
  const group = {
    month: sql`to_char(f.at at time zone 'Asia/Shanghai', 'YYYY-MM')`,
    place: sql`split_part(substr(m.place_path, ${scope.path.length + 1}), '/', 1)`,
    category: sql`m.category`,
    level: sql`m.level`,
    governance: sql`unnest(case when cardinality(m.governances) = 0 then array['untagged'] else m.governances::text[] end)`,
  };
  const parts = await readTogether(
    db,
    [...figureKeys, 'daysInStage' as const].map(
      (key) => () =>
        db.execute<FigureRow>(sql`
        select ${key}::text as fig, sub, g, count(*)::int as n, coalesce(sum(a), 0)::float8 as num,
          coalesce(sum(b), 0)::float8 as den,
          ${key === 'medianDays' || key === 'daysInStage' ? sql`(percentile_cont(0.5) within group (order by a))::float8` : sql`null::float8`} as med
        from (
          select f.sub, f.a, f.b, ${groupBy ? group[groupBy] : sql`''`} as g
          from (${figureSource(key, scope)}) f join matters m on m.id = f.matter_id
          where ${inSubtree(sql`m.place_path`, scope.path)}
        ) x
        group by grouping sets ((sub, g), (sub))`),
    ),
  );
  return parts.flatMap((r) => r.rows).filter((r) => groupBy || r.g === null);
}
