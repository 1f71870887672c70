import { sql, type SQL } from 'drizzle-orm';
import { figureKeys, type FigureKey, type Grouping } from '../../../domain/statistics';
import type { DbOrTx } from '../../db/client';
import { figureSource, type Bounds } from './statistics.sources';

export type Scope = Bounds & { path: string };

/** Raw aggregate of one figure in one group (`g` null = all groups together). */
export type FigureRow = {
  fig: FigureKey | 'daysInStage';
  sub: string;
  g: string | null;
  n: number;
  num: number;
  den: number;
  med: number | null;
};

/** The group a row falls in: its month (China time), the child place under the scope, category or level. */
function groupExpr(groupBy: Grouping | undefined, path: string): SQL {
  switch (groupBy) {
    case 'month':
      return sql`to_char(f.at at time zone 'Asia/Shanghai', 'YYYY-MM')`;
    case 'place':
      // The id of the child place the matter lies in; '' when the matter sits on the place itself.
      return sql`split_part(substr(m.place_path, ${path.length + 1}), '/', 1)`;
    case 'category':
      return sql`m.category`;
    case 'level':
      return sql`m.level`;
    default:
      return sql`''`;
  }
}

/**
 * Every figure of the scope, per group and in total: one aggregate query per figure, run side by side
 * on the pool (as one union the planner may join the matters by looping over every figure's rows).
 */
export async function aggregateFigures(db: DbOrTx, scope: Scope, groupBy?: Grouping): Promise<FigureRow[]> {
  const keys = [...figureKeys, 'daysInStage' as const];
  const parts = await Promise.all(
    keys.map((key) =>
      db.execute<FigureRow>(sql`
        select ${key}::text as fig, sub, g, count(*)::int as n, coalesce(sum(a), 0)::float8 as num,
          coalesce(sum(b), 0)::float8 as den,
          ${key === 'medianDays' || key === 'daysInStage' ? sql`(percentile_cont(0.5) within group (order by a))::float8` : sql`null::float8`} as med
        from (
          select f.sub, f.a, f.b, ${groupExpr(groupBy, scope.path)} as g
          from (${figureSource(key, scope)}) f join matters m on m.id = f.matter_id
          where m.place_path like ${scope.path + '%'}
        ) x
        group by grouping sets ((sub, g), (sub))`),
    ),
  );
  return parts.flatMap((r) => r.rows).filter((r) => groupBy || r.g === null);
}

export type MatterBehind = {
  id: number;
  title: string;
  status: string;
  kind: string;
  category: string;
  level: string;
  placeId: number;
  placeName: string;
  rows: number;
};

/** The matters behind one figure (optionally one group, one stage), most recent first, paged. */
export async function listMattersBehind(
  db: DbOrTx,
  scope: Scope,
  q: {
    figure: FigureKey | 'daysInStage';
    groupBy?: Grouping;
    group?: string;
    stage?: string;
    page: number;
    size: number;
  },
): Promise<{ total: number; items: MatterBehind[] }> {
  const groupFilter =
    q.groupBy && q.group !== undefined ? sql`and ${groupExpr(q.groupBy, scope.path)} = ${q.group}` : sql``;
  const stageFilter = q.stage ? sql`and f.sub = ${q.stage}` : sql``;
  const result = await db.execute<MatterBehind & { total: number }>(sql`
    with behind as (
      select f.matter_id, count(*)::int as rows, max(f.at) as last_at
      from (${figureSource(q.figure, scope)}) f
      join matters m on m.id = f.matter_id
      where m.place_path like ${scope.path + '%'} ${groupFilter} ${stageFilter}
      group by f.matter_id
    )
    select m.id, m.title, m.status, m.kind, m.category, m.level, p.id as "placeId", p.name as "placeName",
      b.rows, count(*) over ()::int as total
    from behind b join matters m on m.id = b.matter_id join places p on p.id = m.place_id
    order by b.last_at desc, m.id desc
    limit ${q.size} offset ${(q.page - 1) * q.size}`);
  const total = result.rows[0]?.total ?? (q.page > 1 ? await countBehind(db, scope, q, groupFilter, stageFilter) : 0);
  return { total, items: result.rows.map(({ total: _t, ...item }) => item) };
}

async function countBehind(
  db: DbOrTx,
  scope: Scope,
  q: { figure: FigureKey | 'daysInStage' },
  groupFilter: SQL,
  stageFilter: SQL,
): Promise<number> {
  const result = await db.execute<{ total: number }>(sql`
    select count(distinct f.matter_id)::int as total from (${figureSource(q.figure, scope)}) f
    join matters m on m.id = f.matter_id
    where m.place_path like ${scope.path + '%'} ${groupFilter} ${stageFilter}`);
  return result.rows[0]?.total ?? 0;
}

/** The place and its children (the groups of "by place"). */
export async function placeWithChildren(db: DbOrTx, placeId: number) {
  const result = await db.execute<{
    id: number;
    name: string;
    kind: string;
    path: string;
    parentId: number | null;
  }>(sql`
    select id, name, kind, path, parent_id as "parentId" from places where id = ${placeId} or parent_id = ${placeId}
    order by (id = ${placeId}) desc, code`);
  const [place, ...children] = result.rows;
  return place && place.id === placeId ? { place, children } : null;
}
