/**
 * The matters behind a figure (the dashboard's drill-down): which matters, in what order, how many.
 * Read from the figure's sources (statistics-sources), which for a town's year sorts tens of thousands
 * of matters (≈ 100 ms of database CPU). Every source but the votes marks the matters it changes
 * dirty, so the list is a function of the facts' version (statistics.view-cache): a page is kept per
 * version, per process and for every process in statistics_views, and computed again after any change
 * reaches the facts. Only what decides membership and order is kept (ids and rows); titles, states and
 * place names are read fresh for the page's matters on every request.
 */
import { sql, type SQL } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import type { FigureKey, Grouping } from '../../../domain/statistics';
import { UNTAGGED } from '../../../domain/governance/governances';
import type { DbOrTx } from '../../db/client';
import { isReadOnlyError } from '../../db/replica';
import { matters, places } from '../../db/schema';
import { inSubtree } from '../../db/subtree';
import { factsVersion, keepView, keptView } from './statistics-facts.repository';
import { refreshedFactsVersion } from './statistics.facts';
import { figureSource } from './statistics-sources.repository';
import { groupExpr, type Scope } from './statistics.repository';
import { ViewCache, type Versioned } from './statistics.view-cache';

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

type BehindQuery = {
  figure: FigureKey | 'daysInStage';
  groupBy?: Grouping;
  group?: string;
  stage?: string;
  page: number;
  size: number;
};

/** A page as kept: the matters' ids with their rows, in order, and the total. */
type BehindPage = { total: number; items: { id: number; rows: number }[] };

const pages = new ViewCache<BehindPage>();

/** The matters behind one figure (optionally one group, one stage), most recent first, paged. */
export async function listMattersBehind(
  db: DbOrTx,
  scope: Scope,
  q: BehindQuery,
): Promise<{ total: number; items: MatterBehind[] }> {
  const page = await behindPage(db, scope, q);
  return { total: page.total, items: await describe(db, page.items) };
}

/**
 * The page, kept per facts version. Online votes mark nothing dirty and a transaction's own changes
 * stay with it: those are read from the sources every time.
 */
async function behindPage(db: DbOrTx, scope: Scope, q: BehindQuery): Promise<BehindPage> {
  if (q.figure === 'onlineVotes' || db instanceof PgTransaction) return pageFromSources(db, scope, q);
  const version = await refreshedFactsVersion(db);
  const key = `behind:${JSON.stringify([scope.path, scope.from, scope.to, scope.today, q.figure, q.groupBy ?? null, q.group ?? null, q.stage ?? null, q.page, q.size])}`;
  return pages.read(db, key, version, async () => {
    const kept = await keptView<BehindPage>(db, key, version);
    if (kept) return kept;
    const computed = await versionedPage(db, scope, q);
    await keepView(db, key, computed.version, computed.value).catch((error: unknown) => {
      if (!isReadOnlyError(error)) throw error;
    });
    return computed;
  });
}

/** The page and the facts' version, read in one snapshot: a page is never kept under a later version than it saw. */
function versionedPage(db: DbOrTx, scope: Scope, q: BehindQuery): Promise<Versioned<BehindPage>> {
  return db.transaction(
    async (tx) => ({ version: await factsVersion(tx), value: await pageFromSources(tx, scope, q) }),
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}

async function pageFromSources(db: DbOrTx, scope: Scope, q: BehindQuery): Promise<BehindPage> {
  const groupFilter =
    q.groupBy && q.group !== undefined ? sql`and ${groupCondition(q.groupBy, q.group, scope.path)}` : sql``;
  const stageFilter = q.stage ? sql`and f.sub = ${q.stage}` : sql``;
  const behind = sql`
    select f.matter_id, count(*)::int as rows, max(f.at) as last_at
    from (${figureSource(q.figure, scope)}) f
    join ${matters} m on m.id = f.matter_id
    where ${inSubtree(sql`m.place_path`, scope.path)} ${groupFilter} ${stageFilter}
    group by f.matter_id`;
  const result = await db.execute<{ id: number; rows: number; total: number }>(sql`
    select b.matter_id as id, b.rows, count(*) over ()::int as total from (${behind}) b
    order by b.last_at desc, b.matter_id desc
    limit ${q.size} offset ${(q.page - 1) * q.size}`);
  const total =
    result.rows[0]?.total ??
    (q.page > 1
      ? ((await db.execute<{ total: number }>(sql`select count(*)::int as total from (${behind}) b`)).rows[0]?.total ??
        0)
      : 0);
  return { total, items: result.rows.map(({ id, rows }) => ({ id, rows })) };
}

/** The page's matters as shown, read fresh (a rename or a new title shows at once), in the page's order. */
async function describe(db: DbOrTx, items: BehindPage['items']): Promise<MatterBehind[]> {
  if (items.length === 0) return [];
  const result = await db.execute<Omit<MatterBehind, 'rows'>>(sql`
    select m.id, m.title, m.status, m.kind, m.category, m.level, p.id as "placeId", p.name as "placeName"
    from ${matters} m join ${places} p on p.id = m.place_id
    where m.id = any(${sql.param(items.map((i) => i.id))}::int[])`);
  const byId = new Map(result.rows.map((r) => [r.id, r]));
  return items.flatMap((i) => {
    const matter = byId.get(i.id);
    return matter ? [{ ...matter, rows: i.rows }] : [];
  });
}

/** The matters (`m`) of one group; a governance group tests membership instead of unnesting. */
function groupCondition(groupBy: Grouping, group: string, path: string): SQL {
  if (groupBy !== 'governance') return sql`${groupExpr(groupBy, path)} = ${group}`;
  return group === UNTAGGED ? sql`cardinality(m.governances) = 0` : sql`${group} = any(m.governances)`;
}
