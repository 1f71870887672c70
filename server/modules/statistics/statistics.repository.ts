import { sql, type SQL } from 'drizzle-orm';
import { splitByMonths, type FigureKey, type Grouping } from '../../../domain/statistics';
import type { DbOrTx } from '../../db/client';
import {
  factFigures,
  factsVersion,
  keepView,
  keptView,
  medianFigures,
  untilToday,
} from './statistics-facts.repository';
import { refreshedFactsVersion } from './statistics.facts';
import { ViewCache, type Versioned } from './statistics.view-cache';
import { PgTransaction } from 'drizzle-orm/pg-core';
import { figureSource, type Bounds } from './statistics-sources.repository';
import { matters, places, statisticsFacts, statisticsMonthly } from '../../db/schema';
import { inSubtree } from '../../db/subtree';
import { UNTAGGED } from '../../../domain/governance/governances';
import { readTogether } from '../../db/together';
import { isReadOnlyError } from '../../db/replica';

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

/** Where a row's month, place, category, level and governances are, in each of the three tables figures are read from. */
type Columns = { month: SQL; placePath: SQL; category: SQL; level: SQL; governances: SQL };
const chinaMonth = (at: SQL) => sql`to_char(${at} at time zone 'Asia/Shanghai', 'YYYY-MM')`;
const sourceColumns: Columns = {
  month: chinaMonth(sql`f.at`),
  placePath: sql`m.place_path`,
  category: sql`m.category`,
  level: sql`m.level`,
  governances: sql`m.governances`,
};
const factColumns: Columns = {
  month: chinaMonth(sql`f.at`),
  placePath: sql`f.place_path`,
  category: sql`f.category`,
  level: sql`f.level`,
  governances: sql`f.governances`,
};
const monthlyColumns: Columns = {
  month: sql`to_char(r.month, 'YYYY-MM')`,
  placePath: sql`r.place_path`,
  category: sql`r.category`,
  level: sql`r.level`,
  governances: sql`r.governances`,
};

/** The group a row falls in: its month (China time), the child place under the scope, category, level or governance. */
export function groupExpr(groupBy: Grouping | undefined, path: string, c: Columns = sourceColumns): SQL {
  switch (groupBy) {
    case 'month':
      return c.month;
    case 'place':
      // The id of the child place the matter lies in; '' when the matter sits on the place itself.
      return sql`split_part(substr(${c.placePath}, ${path.length + 1}), '/', 1)`;
    case 'category':
      return sql`${c.category}`;
    case 'level':
      return sql`${c.level}`;
    case 'governance':
      // One row per governance (a matter tagged twice counts in both groups), 'untagged' for none.
      return sql`unnest(case when cardinality(${c.governances}) = 0 then array[${UNTAGGED}]::text[] else ${c.governances}::text[] end)`;
    default:
      return sql`''`;
  }
}

const start = (day: string) => sql`(${day}::date::timestamp at time zone 'Asia/Shanghai')`;
const keys = (figures: readonly string[]) =>
  sql.join(
    figures.map((key) => sql`${key}`),
    sql`, `,
  );

/**
 * The aggregate of figure rows `(fig, sub, g, rows, num, den)`: per group and sub-key, and over all
 * groups. Keys compare bytewise ("C"): grouping sorts them, and a language collation sorts slower.
 */
const aggregate = (median: boolean, rows: SQL) => sql`
  select fig, sub, g, sum(rows)::int as n, coalesce(sum(num), 0)::float8 as num, coalesce(sum(den), 0)::float8 as den,
    ${median ? sql`(percentile_cont(0.5) within group (order by num))::float8` : sql`null::float8`} as med
  from (select fig collate "C" as fig, sub collate "C" as sub, g collate "C" as g, rows, num, den from (${rows}) y) x
  group by grouping sets ((fig, sub, g), (fig, sub))`;

/**
 * The rows of the count, ratio and mean figures in the scope: whole months from the monthly sums,
 * the partial days at either end of the period from the facts. Task figures end today at the latest.
 */
function countRows(scope: Scope, groupBy: Grouping | undefined): SQL[] {
  const counts = factFigures.filter((key) => !medianFigures.has(key));
  const today = scope.today < scope.to ? scope.today : scope.to;
  const inPath = (column: SQL) => inSubtree(column, scope.path);
  return [
    { figures: counts.filter((key) => !untilToday.has(key)), to: scope.to },
    { figures: counts.filter((key) => untilToday.has(key)), to: today },
  ].flatMap(({ figures, to }) => {
    const { months, days } = splitByMonths(scope.from, to);
    return [
      ...(months
        ? [
            sql`select r.figure as fig, r.sub, ${groupExpr(groupBy, scope.path, monthlyColumns)} as g, r.rows, r.num, r.den
              from ${statisticsMonthly} r
              where r.figure in (${keys(figures)}) and r.month >= ${months.from}::date and r.month < ${months.to}::date
                and ${inPath(sql`r.place_path`)}`,
          ]
        : []),
      ...days.map(
        (
          d,
        ) => sql`select f.figure as fig, f.sub, ${groupExpr(groupBy, scope.path, factColumns)} as g, f.rows, f.num, f.den
          from ${statisticsFacts} f
          where f.figure in (${keys(figures)}) and f.at >= ${start(d.from)} and f.at < ${start(d.to)}
            and ${inPath(sql`f.place_path`)}`,
      ),
    ];
  });
}

/** Each process's views computed from the facts, by scope, grouping and facts version. */
const factViews = new ViewCache<FigureRow[]>();

/**
 * Every figure of the scope, per group and in total, after rebuilding the facts of the matters
 * changed since the last read (statistics.facts): the counts from the monthly sums and the facts of
 * partial months, the medians from the facts (both kept per facts version: statistics.view-cache),
 * the online-votes share from the votes (no trigger marks a vote: always read), side by side.
 */
export async function aggregateFigures(db: DbOrTx, scope: Scope, groupBy?: Grouping): Promise<FigureRow[]> {
  const version = await refreshedFactsVersion(db);
  if (groupBy !== 'governance') return aggregateRows(db, version, scope, groupBy);
  // Governance groups overlap, so their grouping-set total would count a matter once per tag: the
  // total is read ungrouped.
  const [grouped, totals] = await readTogether(db, [
    () => aggregateRows(db, version, scope, groupBy),
    () => aggregateRows(db, version, scope),
  ]);
  return [...grouped.filter((r) => r.g !== null), ...totals];
}

async function aggregateRows(db: DbOrTx, version: number, scope: Scope, groupBy?: Grouping): Promise<FigureRow[]> {
  const votes = sql`
    select 'onlineVotes' as fig, f.sub, ${groupExpr(groupBy, scope.path)} as g, 1 as rows, f.a as num, f.b as den
    from (${figureSource('onlineVotes', scope)}) f join ${matters} m on m.id = f.matter_id
    where ${inSubtree(sql`m.place_path`, scope.path)}`;
  const key = JSON.stringify([scope.path, scope.from, scope.to, scope.today, groupBy ?? null]);
  const [facts, fromVotes] = await readTogether(db, [
    () => factViews.read(db, key, version, () => sharedFactRows(db, key, version, scope, groupBy)),
    () => db.execute<FigureRow>(aggregate(false, votes)),
  ]);
  return [...facts, ...fromVotes.rows].filter((r) => groupBy || r.g === null);
}

/**
 * `factRows`, kept in statistics_views for every process (on the pool only: what a transaction
 * sums stays with it). On a read-only replica nothing is kept: each process keeps its own.
 */
async function sharedFactRows(
  db: DbOrTx,
  key: string,
  version: number,
  scope: Scope,
  groupBy?: Grouping,
): Promise<Versioned<FigureRow[]>> {
  if (db instanceof PgTransaction) return factRows(db, scope, groupBy);
  const kept = await keptView<FigureRow[]>(db, key, version);
  if (kept) return kept;
  const summed = await factRows(db, scope, groupBy);
  await keepView(db, key, summed.version, summed.value).catch((error: unknown) => {
    if (!isReadOnlyError(error)) throw error;
  });
  return summed;
}

/**
 * The count, ratio, mean and median figures of the scope, from the monthly sums and the facts, with
 * the facts' version: one read-only snapshot (repeatable read), so the version is the one the rows
 * were summed at, on the primary or a replica alike.
 */
async function factRows(db: DbOrTx, scope: Scope, groupBy?: Grouping): Promise<Versioned<FigureRow[]>> {
  const medians = sql`
    select f.figure as fig, f.sub, ${groupExpr(groupBy, scope.path, factColumns)} as g, f.rows, f.num, f.den
    from ${statisticsFacts} f
    where f.figure in (${keys([...medianFigures])}) and f.at >= ${start(scope.from)} and f.at < ${start(scope.to)}
      and ${inSubtree(sql`f.place_path`, scope.path)}`;
  const counts = countRows(scope, groupBy);
  const read = async (tx: DbOrTx) => {
    // The medians sort every row of the period: in memory, not in temporary files.
    await tx.execute(sql`set local work_mem = '32MB'`);
    const version = await factsVersion(tx);
    const summed = counts.length
      ? (await tx.execute<FigureRow>(aggregate(false, sql.join(counts, sql` union all `)))).rows
      : [];
    const medianRows = (await tx.execute<FigureRow>(aggregate(true, medians))).rows;
    return { version, value: [...summed, ...medianRows] };
  };
  // Inside a caller's transaction (a savepoint) its snapshot is the caller's.
  return db instanceof PgTransaction
    ? db.transaction(read)
    : db.transaction(read, { isolationLevel: 'repeatable read', accessMode: 'read only' });
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
    select id, name, kind, path, parent_id as "parentId" from ${places} where id = ${placeId} or parent_id = ${placeId}
    order by (id = ${placeId}) desc, code`);
  const [place, ...children] = result.rows;
  return place && place.id === placeId ? { place, children } : null;
}
