import { and, asc, count, eq, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { PlacePath } from '../../../domain/territory/places';
import type { DbOrTx } from '../../db/client';
import { dwellings, households, ownerships, placeCounts, places, residents } from '../../db/schema';
import { escapeLike, inSubtree } from '../../db/subtree';
import { readTogether } from '../../db/together';
import type { DwellingKey, ResidentKey } from './subtree-cursor';

/**
 * A subtree's total of one counter, as a scalar subquery: the per-place counts (place_counts, kept by
 * triggers) summed over the places whose path lies in `root`'s subtree. It reads the places of the
 * subtree (a few thousand for a city), never its million rows.
 */
export function subtreeTotal(counter: 'dwellings' | 'households' | 'residents', root: PlacePath | SQL): SQL<number> {
  return sql<number>`(select coalesce(sum(${sql.identifier(counter)}), 0)::int
    from ${placeCounts} pc join ${places} sp on sp.id = pc.place_id
    where ${inSubtree(sql`sp.path`, root)})`;
}

/** Rows `after` the cursor's key, else counted off by `offset`; one more than `limit` shows a next page. */
export type PageWindow<Key> = { limit: number; offset: number; after: Key | undefined };

/**
 * Byte-wise ascending, the order of the text_pattern_ops indexes: with `USING ~<~` a subtree page is
 * read in order from the index instead of sorting the whole subtree, whatever the database collation.
 */
const patternOrder = (column: AnyPgColumn) => sql`${column} using ~<~`;
const dwellingOrder = [
  patternOrder(dwellings.placePath),
  asc(dwellings.floor),
  patternOrder(dwellings.room),
  asc(dwellings.id),
];
const residentOrder = [patternOrder(residents.placePath), asc(residents.id)];

/**
 * Past a dwelling key in the index order. `place_path ~>=~ key` bounds the index scan; the rest only
 * skips the rows of the key's own place that come before it (one staircase at most).
 */
const afterDwelling = (
  k: DwellingKey,
) => sql`(${dwellings.placePath} ~>=~ ${k.path} and (${dwellings.placePath} ~>~ ${k.path}
  or ${dwellings.floor} > ${k.floor} or (${dwellings.floor} = ${k.floor} and (${dwellings.room} ~>~ ${k.room}
  or (${dwellings.room} = ${k.room} and ${dwellings.id} > ${k.id})))))`;
const afterResident = (k: ResidentKey) =>
  sql`(${residents.placePath} ~>=~ ${k.path} and (${residents.placePath} ~>~ ${k.path} or ${residents.id} > ${k.id}))`;

/** One page of the dwellings in a subtree, in path, floor and room order, with their owners and the total. */
export async function dwellingsPage(db: DbOrTx, path: PlacePath, window: PageWindow<DwellingKey>) {
  // Pick the page's ids from the index first; only those 20-odd rows are joined.
  const pageIds = db
    .select({ pageId: dwellings.id })
    .from(dwellings)
    .where(and(inSubtree(dwellings.placePath, path), window.after && afterDwelling(window.after)))
    .orderBy(...dwellingOrder)
    .limit(window.limit + 1)
    .offset(window.after ? 0 : window.offset)
    .as('page_ids');
  const [rows, [total]] = await readTogether(db, [
    () =>
      db
        .select({
          id: dwellings.id,
          code: dwellings.code,
          room: dwellings.room,
          floor: dwellings.floor,
          areaCenti: dwellings.areaCenti,
          use: dwellings.use,
          placeId: dwellings.placeId,
          placePath: dwellings.placePath,
          placeName: places.name,
          owners: sql<{ residentId: number; name: string }[]>`coalesce((
          select json_agg(json_build_object('residentId', o_r.id, 'name', o_r.name) order by o_r.id)
          from ${ownerships} o join ${residents} o_r on o_r.id = o.resident_id
          where o.dwelling_id = "dwellings"."id"), '[]'::json)`,
        })
        .from(pageIds)
        .innerJoin(dwellings, eq(dwellings.id, pageIds.pageId))
        .innerJoin(places, eq(places.id, dwellings.placeId))
        .orderBy(...dwellingOrder),
    () =>
      db
        .select({ n: subtreeTotal('dwellings', path) })
        .from(places)
        .where(eq(places.path, path)),
  ]);
  return { rows: rows.slice(0, window.limit), hasNext: rows.length > window.limit, total: total?.n ?? 0 };
}

/**
 * One page of the residents in a subtree (optionally matching `q` on name, code or phone), in path
 * order, with the total: the counters' sum, or a count of the matches when searching.
 */
export async function residentsPage(
  db: DbOrTx,
  path: PlacePath,
  q: string | undefined,
  window: PageWindow<ResidentKey>,
) {
  const pattern = q ? `%${escapeLike(q.toLowerCase())}%` : undefined;
  const where = and(
    inSubtree(residents.placePath, path),
    pattern
      ? sql`(lower(${residents.name}) like ${pattern} or lower(${residents.code}) like ${pattern} or ${residents.phone} like ${pattern})`
      : undefined,
  );
  const pageIds = db
    .select({ pageId: residents.id })
    .from(residents)
    .where(and(where, window.after && afterResident(window.after)))
    .orderBy(...residentOrder)
    .limit(window.limit + 1)
    .offset(window.after ? 0 : window.offset)
    .as('page_ids');
  const [rows, [total]] = await readTogether(db, [
    () =>
      db
        .select({
          id: residents.id,
          code: residents.code,
          name: residents.name,
          gender: residents.gender,
          birthDate: residents.birthDate,
          phone: residents.phone,
          tenure: residents.tenure,
          placeId: residents.placeId,
          placePath: residents.placePath,
          placeName: places.name,
          householdCode: households.code,
          dwellingRoom: dwellings.room,
        })
        .from(pageIds)
        .innerJoin(residents, eq(residents.id, pageIds.pageId))
        .innerJoin(places, eq(places.id, residents.placeId))
        .leftJoin(households, eq(households.id, residents.householdId))
        .leftJoin(dwellings, eq(dwellings.id, residents.dwellingId))
        .orderBy(...residentOrder),
    () =>
      pattern
        ? db.select({ n: count() }).from(residents).where(where)
        : db
            .select({ n: subtreeTotal('residents', path) })
            .from(places)
            .where(eq(places.path, path)),
  ]);
  return { rows: rows.slice(0, window.limit), hasNext: rows.length > window.limit, total: total?.n ?? 0 };
}
