import { inArray, sql, type SQL } from 'drizzle-orm';
import type { Governance } from '../../../domain/governance/governances';
import { PgDialect } from 'drizzle-orm/pg-core';
import type pg from 'pg';
import { pathIds, showcaseFilterKinds } from '../../../domain/territory/places';
import { showcasePhotoPurposes } from '../../../domain/matters/photos';
import type { Db, DbOrTx } from '../../db/client';
import { ballots, matterFiles, matters, notices, places, resolutions } from '../../db/schema';
import { DECIDED_STATUSES, type MatterStatus } from '../../../domain/matters/stages';
import { inStates, isState } from '../../db/lifecycle-sql';
import { ballotLifecycle } from '../../../domain/voting';
import { taskLifecycle } from '../../../domain/implementation/task-status';
import { inSubtree } from '../../db/subtree';

/** The SQL condition "anyone may read this matter's record" (public visibility, outcome stands). */
export const isPublicDecided = (alias: string) =>
  sql`${sql.raw(alias)}.visibility = 'public' and ${inStates(sql.raw(`${alias}.status`), DECIDED_STATUSES)}`;

const dialect = new PgDialect();
const statementNames = new Map<string, string>();

/**
 * Runs a read as a named prepared statement: PostgreSQL parses and plans it once per pooled
 * connection, not on every request. For a long statement that is cheap to execute, and whose plan
 * does not depend on its values, parsing and planning are most of its cost (a page's people and
 * places: 1.3–1.8 ms of backend CPU unprepared, 0.35 ms prepared). Each SQL text gets its own name.
 */
async function preparedRows<T>(db: Db, query: SQL): Promise<T[]> {
  const { sql: text, params } = dialect.sqlToQuery(query);
  let name = statementNames.get(text);
  if (!name) statementNames.set(text, (name = `showcase_${statementNames.size + 1}`));
  const pool = (db as unknown as { $client: pg.Pool }).$client;
  const result = await pool.query({ name, text, values: params });
  return result.rows as T[];
}

export type ShowcaseFilter = {
  placePath?: string;
  category?: string;
  governance?: Governance;
  limit: number;
  offset: number;
};

export type ShowcaseRow = {
  id: number;
  title: string;
  category: string;
  governances: Governance[];
  kind: string;
  level: string;
  status: MatterStatus;
  place_path: string;
  created_at: Date;
  resolution_id: number | null;
  basis: string | null;
  resolved_at: Date | null;
  ballot_result: unknown;
  before_id: number | null;
  after_id: number | null;
  tasks_total: number;
  tasks_done: number;
};

/**
 * One page of public, decided matters, newest first, with what a card shows: the resolution, the
 * deciding ballot's stored result, the first 'before' and latest 'after' photo and task counts. The
 * matters are picked first (matters_created_at index) and only that page is joined.
 */
export async function listShowcase(db: DbOrTx, filter: ShowcaseFilter): Promise<ShowcaseRow[]> {
  const conditions = [isPublicDecided('m')];
  if (filter.placePath) conditions.push(inSubtree(sql`m.place_path`, filter.placePath));
  if (filter.category) conditions.push(sql`m.category = ${filter.category}`);
  if (filter.governance) conditions.push(sql`${filter.governance} = any(m.governances)`);
  const result = await db.execute<ShowcaseRow>(sql`
    with page as (
      select m.id, m.title, m.category, m.governances, m.kind, m.level, m.status, m.place_path, m.created_at
        from ${matters} m where ${sql.join(conditions, sql` and `)}
        order by m.created_at desc, m.id desc limit ${filter.limit} offset ${filter.offset})
    select p.*, r.id as resolution_id, r.basis, r.created_at as resolved_at, b.result as ballot_result,
      (select f.id from matter_files f where f.matter_id = p.id and f.purpose = 'before' order by f.id limit 1) as before_id,
      (select f.id from matter_files f where f.matter_id = p.id and f.purpose = 'after' order by f.id desc limit 1) as after_id,
      (select count(*)::int from tasks t where t.matter_id = p.id) as tasks_total,
      (select count(*)::int from tasks t where t.matter_id = p.id and ${isState(sql`t.status`, taskLifecycle.state.done)}) as tasks_done
    from page p
      left join resolutions r on r.matter_id = p.id
      left join ballots b on b.id = r.ballot_id and ${isState(sql`b.status`, ballotLifecycle.state.closed)}
    order by p.created_at desc, p.id desc`);
  return result.rows;
}

export type PlaceName = { id: number; kind: string; name: string };

/** The places on a page of cards' paths, by id, in one prepared statement. */
export async function pageExtras(
  db: Db,
  cards: readonly { id: number; place_path: string }[],
): Promise<Map<number, PlaceName>> {
  if (cards.length === 0) return new Map();
  const placeIds = [...new Set(cards.flatMap((c) => pathIds(c.place_path)))];
  const rows = await preparedRows<{ id: number; kind: string; name: string }>(
    db,
    sql`select id, kind, name from ${places} where id = any(${sql.param(placeIds)}::int[])`,
  );
  return new Map(rows.map((p) => [p.id, { id: p.id, kind: p.kind, name: p.name }]));
}

/** Names of every place on these paths, by id (one query for a page). */
export async function placeNames(db: DbOrTx, paths: string[]): Promise<Map<number, PlaceName>> {
  const ids = [...new Set(paths.flatMap(pathIds))];
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: places.id, kind: places.kind, name: places.name })
    .from(places)
    .where(inArray(places.id, ids));
  return new Map(rows.map((p) => [p.id, p]));
}

/** The place by id (any kind), or undefined. */
export async function findPlace(db: DbOrTx, placeId: number) {
  const result = await db.execute<{ id: number; kind: string; name: string; path: string }>(
    sql`select id, kind, name, path from ${places} where id = ${placeId}`,
  );
  return result.rows[0];
}

/** Towns and communities (the showcase's place filter), in tree order. */
export async function filterPlaces(db: DbOrTx) {
  const result = await db.execute<{
    id: number;
    kind: (typeof showcaseFilterKinds)[number];
    name: string;
    parent_id: number | null;
  }>(
    sql`select id, kind, name, parent_id from ${places} where ${inArray(places.kind, [...showcaseFilterKinds])} order by path`,
  );
  return result.rows.map((p) => ({ id: p.id, kind: p.kind, name: p.name, parentId: p.parent_id }));
}

export type NoticeRow = {
  id: number;
  matter_id: number;
  kind: 'topic' | 'meeting' | 'result';
  title: string;
  body: string;
  starts_on: string;
  ends_on: string;
  status: MatterStatus;
  place_path: string;
  objection_ends_at: Date | null;
};

/** Notices of public matters in the place's subtree whose period includes `today` (China day). */
export async function currentNotices(db: DbOrTx, placePath: string, today: string): Promise<NoticeRow[]> {
  const result = await db.execute<NoticeRow>(sql`
    select n.id, n.matter_id, n.kind, n.title, n.body, n.starts_on::text, n.ends_on::text, m.status, m.place_path,
        case when n.kind = 'result' then r.objection_ends_at end as objection_ends_at
      from ${notices} n
      join ${matters} m on m.id = n.matter_id
      left join ${resolutions} r on r.matter_id = m.id
      where m.visibility = 'public' and ${inSubtree(sql`m.place_path`, placePath)}
        and n.starts_on <= ${today} and n.ends_on >= ${today}
      order by n.starts_on desc, n.id desc limit 100`);
  return result.rows;
}

/** A 'before' or 'after' photo of a public, decided matter, or undefined (anything else: 404 alike). */
export async function findShowcaseFile(db: DbOrTx, fileId: number) {
  const result = await db.execute<{ storage_key: string; content_type: string }>(sql`
    select f.storage_key, f.content_type from ${matterFiles} f join ${matters} m on m.id = f.matter_id
      where f.id = ${fileId} and ${inArray(sql`f.purpose`, [...showcasePhotoPurposes])} and ${isPublicDecided('m')}`);
  return result.rows[0];
}

/** The before/after photo ids and the deciding ballot's result of a public, decided matter, or undefined. */
export async function findShowcaseExtras(db: DbOrTx, matterId: number) {
  const result = await db.execute<{ before: number[]; after: number[]; ballot_result: unknown }>(sql`
    select
        array(select f.id from ${matterFiles} f where f.matter_id = m.id and f.purpose = 'before' order by f.id) as before,
        array(select f.id from ${matterFiles} f where f.matter_id = m.id and f.purpose = 'after' order by f.id) as after,
        b.result as ballot_result
      from ${matters} m
      left join ${resolutions} r on r.matter_id = m.id
      left join ${ballots} b on b.id = r.ballot_id and ${isState(sql`b.status`, ballotLifecycle.state.closed)}
      where m.id = ${matterId} and ${isPublicDecided('m')}`);
  return result.rows[0];
}

/** A public, decided matter's title, resolution id and latest 'after' photo, for its share preview. */
export async function findShareMatter(db: DbOrTx, matterId: number) {
  const result = await db.execute<{
    id: number;
    title: string;
    resolution_id: number | null;
    after_id: number | null;
  }>(sql`
    select m.id, m.title, r.id as resolution_id,
        (select f.id from ${matterFiles} f where f.matter_id = m.id and f.purpose = 'after' order by f.id desc limit 1) as after_id
      from ${matters} m left join ${resolutions} r on r.matter_id = m.id
      where m.id = ${matterId} and ${isPublicDecided('m')}`);
  return result.rows[0];
}
