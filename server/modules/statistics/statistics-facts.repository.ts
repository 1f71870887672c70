import { sql, type SQL } from 'drizzle-orm';
import { figureKeys, type FigureKey } from '../../../domain/statistics';
import type { DbOrTx } from '../../db/client';
import { figureSource, type Bounds } from './statistics-sources.repository';
import {
  matters,
  statisticsDirty,
  statisticsFacts,
  statisticsMonthly,
  statisticsVersion,
  statisticsViews,
} from '../../db/schema';

/** The figures read from the facts table: all but the online-votes share (read from the votes). */
export const factFigures = [...figureKeys.filter((key) => key !== 'onlineVotes'), 'daysInStage' as const];
export type FactFigure = (typeof factFigures)[number];

/**
 * Median figures keep one fact per source row and are read from the facts only; the others are
 * summed per matter, day and sub-key, and per month in statistics_monthly.
 */
export const medianFigures: ReadonlySet<string> = new Set<FactFigure>(['medianDays', 'daysInStage']);

/** Figures bounded by today as well as by the period (tasks fall due only up to today). */
export const untilToday: ReadonlySet<string> = new Set<FigureKey>(['overdueTasks', 'implementationRate']);

/** Every row of every matter: the sources' period and today checks let everything through. */
const ALL_TIME: Bounds = { from: '1900-01-01', to: '9999-12-31', today: '9999-12-31' };

/** One advisory lock serialises rebuilders (any app process) so no two rebuild the same matter. */
const LOCK = sql`pg_advisory_xact_lock(hashtext('yishi.statistics_facts'))`;

function factsOf(figure: FactFigure, ids: SQL): SQL {
  const source = figureSource(figure, ALL_TIME, sql`= any(${ids})`);
  const day = sql`date_trunc('day', f.at, 'Asia/Shanghai')`;
  const copied = sql`m.place_path, m.category, m.level, m.governances::text[]`;
  return medianFigures.has(figure)
    ? sql`select ${figure}::text, f.matter_id, ${day}, f.sub, 1, f.a::float8, f.b::float8, ${copied}
          from (${source}) f join ${matters} m on m.id = f.matter_id`
    : sql`select ${figure}::text, f.matter_id, ${day}, f.sub, count(*)::int, sum(f.a)::float8, sum(f.b)::float8, ${copied}
          from (${source}) f join ${matters} m on m.id = f.matter_id
          group by f.matter_id, ${day}, f.sub, m.place_path, m.category, m.level, m.governances`;
}

/** The China month a fact falls in, as its first day. */
const factMonth = sql`(date_trunc('month', f.at, 'Asia/Shanghai') at time zone 'Asia/Shanghai')::date`;

/** Adds (sign 1) or takes away (sign -1) these matters' count, ratio and mean facts in the monthly sums. */
function addToMonthly(ids: SQL, sign: 1 | -1): SQL {
  const medians = sql.join(
    [...medianFigures].map((key) => sql`${key}`),
    sql`, `,
  );
  return sql`
    insert into ${statisticsMonthly} as s (figure, sub, month, place_path, category, level, governances, rows, num, den)
    select f.figure, f.sub, ${factMonth}, f.place_path, f.category, f.level, f.governances,
      ${sign} * sum(f.rows), ${sign} * sum(f.num), ${sign} * sum(f.den)
    from ${statisticsFacts} f
    where f.matter_id = any(${ids}) and f.figure not in (${medians})
    group by 1, 2, 3, 4, 5, 6, 7
    on conflict (figure, month, sub, place_path, category, level, governances) do update
      set rows = s.rows + excluded.rows, num = s.num + excluded.num, den = s.den + excluded.den`;
}

/** The database's now (the refresh's cutoff), whether any matter is marked dirty and the facts' version. */
export async function dirtyCutoff(db: DbOrTx) {
  const [start] = (
    await db.execute<{ cutoff: string; pending: boolean; version: string }>(
      sql`select now()::text as cutoff, exists (select 1 from ${statisticsDirty}) as pending,
            (select version::text from ${statisticsVersion} where id = 1) as version`,
    )
  ).rows;
  return start;
}

/** Takes the rebuilders' advisory lock for the rest of the transaction. */
export async function lockFacts(tx: DbOrTx): Promise<void> {
  await tx.execute(sql`select ${LOCK}`);
}

/** Unmarks up to `limit` matters marked dirty by `cutoff`, lowest ids first; their ids. */
export async function takeDirtyMatters(tx: DbOrTx, cutoff: string, limit: number): Promise<number[]> {
  const taken = await tx.execute<{ id: number }>(sql`
        delete from ${statisticsDirty} where matter_id in (
          select matter_id from ${statisticsDirty} where marked_at <= ${cutoff}::timestamptz
          order by matter_id limit ${limit})
        returning matter_id as id`);
  return taken.rows.map((r) => r.id);
}

/**
 * Replaces these matters' facts with `figureSource`'s rows, moves their monthly sums along and bumps
 * the facts' version.
 */
export async function rebuildFactsOf(tx: DbOrTx, ids: readonly number[]): Promise<void> {
  const list = sql`${`{${ids.join(',')}}`}::int[]`;
  await tx.execute(addToMonthly(list, -1));
  await tx.execute(sql`delete from ${statisticsFacts} where matter_id = any(${list})`);
  await tx.execute(sql`
        insert into ${statisticsFacts} (figure, matter_id, at, sub, rows, num, den, place_path, category, level, governances)
        ${sql.join(
          factFigures.map((figure) => factsOf(figure, list)),
          sql` union all `,
        )}`);
  await tx.execute(addToMonthly(list, 1));
  await tx.execute(sql`delete from ${statisticsMonthly} where rows = 0`);
  await tx.execute(sql`update ${statisticsVersion} set version = version + 1 where id = 1`);
  // Every kept view is older than these facts now: the table holds the views read since the last change.
  await tx.execute(sql`delete from ${statisticsViews}`);
}

/** The view kept under `key` at `version` or later (with the version it was summed at), if any. */
export async function keptView<T>(db: DbOrTx, key: string, version: number) {
  const result = await db.execute<{ version: string; rows: T }>(
    sql`select version::text, rows from ${statisticsViews} where key = ${key} and version >= ${version}`,
  );
  const row = result.rows[0];
  return row ? { version: Number(row.version), value: row.rows } : undefined;
}

/**
 * Keeps a view summed at `version` for every process, unless the facts have moved on meanwhile (a
 * view already kept at a later version stays).
 */
export async function keepView(db: DbOrTx, key: string, version: number, rows: unknown): Promise<void> {
  await db.execute(sql`
    insert into ${statisticsViews} as v (key, version, rows)
    select ${key}, ${version}, ${JSON.stringify(rows)}::jsonb
    where ${version} = (select version from ${statisticsVersion} where id = 1)
    on conflict (key) do update set version = excluded.version, rows = excluded.rows where v.version < excluded.version`);
}

/** The facts' version: bumped by every rebuild, in its transaction (see statisticsVersion). */
export async function factsVersion(db: DbOrTx): Promise<number> {
  const result = await db.execute<{ version: string }>(
    sql`select version::text from ${statisticsVersion} where id = 1`,
  );
  return Number(result.rows[0]?.version ?? 0);
}
