import { and, asc, count, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Role } from '../../../domain/access';
import type { PlacePath } from '../../../domain/territory/places';
import type { DbOrTx } from '../../db/client';
import {
  accounts,
  dwellings,
  households,
  ownerships,
  personalDataReads,
  places,
  residents,
  roleGrants,
} from '../../db/schema';
import { escapeLike, inAnySubtree, inSubtree, pathValue } from '../../db/subtree';
import { readTogether } from '../../db/together';

export type PlaceRow = Pick<
  typeof places.$inferSelect,
  'id' | 'kind' | 'name' | 'code' | 'isRural' | 'parentId' | 'path' | 'depth'
>;
export type PlaceSummaryRow = PlaceRow & { childCount: number; dwellingCount: number; residentCount: number };

const placeColumns = {
  id: places.id,
  kind: places.kind,
  name: places.name,
  code: places.code,
  isRural: places.isRural,
  parentId: places.parentId,
  path: places.path,
  depth: places.depth,
};

/** The place with this id. */
export async function findPlace(db: DbOrTx, id: number): Promise<PlaceRow | undefined> {
  const [row] = await db.select(placeColumns).from(places).where(eq(places.id, id));
  return row;
}

/** The places with these ids, root first. */
export async function findPlacesByIds(db: DbOrTx, ids: readonly number[]): Promise<PlaceRow[]> {
  if (ids.length === 0) return [];
  return db
    .select(placeColumns)
    .from(places)
    .where(inArray(places.id, [...ids]))
    .orderBy(asc(places.depth), asc(places.code));
}

/**
 * Places matching `where`, each with its child, dwelling and resident counts. The subtree counts
 * use the pattern-ops range `[path, path-with-last-'/'-as-'0')`, which equals `LIKE path%` but,
 * unlike a LIKE on a column, can drive the text_pattern_ops index from a correlated subquery.
 */
async function placeSummaries(db: DbOrTx, where: SQL): Promise<PlaceSummaryRow[]> {
  // Qualified by hand: drizzle leaves columns unqualified in a one-table select, which a subquery would capture.
  const subtreeCount = (table: 'dwellings' | 'residents') =>
    sql<number>`(select count(*)::int from ${sql.identifier(table)} s
      where ${inSubtree(sql`s.place_path`, sql`"places"."path"`)})`;
  return db
    .select({
      ...placeColumns,
      childCount: sql<number>`(select count(*)::int from ${places} c where c.parent_id = "places"."id")`,
      dwellingCount: subtreeCount('dwellings'),
      residentCount: subtreeCount('residents'),
    })
    .from(places)
    .where(where)
    .orderBy(asc(places.depth), asc(places.code));
}

/** The place with this id, with its counts. */
export async function placeSummaryById(db: DbOrTx, id: number): Promise<PlaceSummaryRow | undefined> {
  const [row] = await placeSummaries(db, eq(places.id, id));
  return row;
}

/** The places at these paths, with their counts. */
export async function placeSummariesAtPaths(db: DbOrTx, paths: readonly PlacePath[]): Promise<PlaceSummaryRow[]> {
  return placeSummaries(db, inArray(places.path, [...paths]));
}

/** Children of a place inside one of `scopes` or on one of the `ancestors` paths, with their counts. */
export async function childSummaries(
  db: DbOrTx,
  parentId: number,
  scopes: readonly PlacePath[],
  ancestors: readonly PlacePath[],
): Promise<PlaceSummaryRow[]> {
  const visible = ancestors.length
    ? or(inAnySubtree(places.path, scopes), inArray(places.path, [...ancestors]))
    : inAnySubtree(places.path, scopes);
  return placeSummaries(db, and(eq(places.parentId, parentId), visible)!);
}

/** Children, dwellings, households and residents in the subtree of `place`. */
export async function subtreeCounts(db: DbOrTx, place: Pick<PlaceRow, 'id' | 'path'>) {
  const [[children], [dwellingCount], [householdCount], [residentCount]] = await readTogether(db, [
    () => db.select({ n: count() }).from(places).where(eq(places.parentId, place.id)),
    () => db.select({ n: count() }).from(dwellings).where(inSubtree(dwellings.placePath, place.path)),
    () => db.select({ n: count() }).from(households).where(inSubtree(households.placePath, place.path)),
    () => db.select({ n: count() }).from(residents).where(inSubtree(residents.placePath, place.path)),
  ]);
  return {
    children: children?.n ?? 0,
    dwellings: dwellingCount?.n ?? 0,
    households: householdCount?.n ?? 0,
    residents: residentCount?.n ?? 0,
  };
}

/** Places whose name or code contains `q`, inside the given subtrees, shallowest first. */
export async function searchPlaceRows(db: DbOrTx, q: string, scopes: readonly PlacePath[], limit: number) {
  const pattern = `%${escapeLike(q.toLowerCase())}%`;
  return db
    .select(placeColumns)
    .from(places)
    .where(
      and(
        sql`(lower(${places.name}) like ${pattern} or lower(${places.code}) like ${pattern})`,
        inAnySubtree(places.path, scopes),
      ),
    )
    .orderBy(asc(places.depth), asc(places.code))
    .limit(limit);
}

export type PageWindow = { limit: number; offset: number };

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

/** One page of the dwellings in a subtree, in path, floor and room order, with their owners and the total. */
export async function dwellingsPage(db: DbOrTx, path: PlacePath, window: PageWindow) {
  const where = inSubtree(dwellings.placePath, path);
  // Pick the page's ids from the index first; only those 20-odd rows are joined.
  const pageIds = db
    .select({ pageId: dwellings.id })
    .from(dwellings)
    .where(where)
    .orderBy(...dwellingOrder)
    .limit(window.limit)
    .offset(window.offset)
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
    () => db.select({ n: count() }).from(dwellings).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

/** One page of the residents in a subtree (optionally matching `q` on name, code or phone), in path order, with the total. */
export async function residentsPage(db: DbOrTx, path: PlacePath, q: string | undefined, window: PageWindow) {
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
    .where(where)
    .orderBy(...residentOrder)
    .limit(window.limit)
    .offset(window.offset)
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
    () => db.select({ n: count() }).from(residents).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

/** PIPL: one row per staff request that showed full personal records. */
export async function logPersonalDataRead(db: DbOrTx, accountId: number, subject: string, subjectId: number) {
  await db.insert(personalDataReads).values({ accountId, subject, subjectId });
}

/** The resident behind an account, with their dwelling and household. */
export async function findHome(db: DbOrTx, residentId: number) {
  const [row] = await db
    .select({
      resident: {
        id: residents.id,
        name: residents.name,
        birthDate: residents.birthDate,
        tenure: residents.tenure,
        placeId: residents.placeId,
        householdId: residents.householdId,
      },
      dwelling: { id: dwellings.id, room: dwellings.room, floor: dwellings.floor, areaCenti: dwellings.areaCenti },
      householdCode: households.code,
    })
    .from(residents)
    .leftJoin(dwellings, eq(dwellings.id, residents.dwellingId))
    .leftJoin(households, eq(households.id, residents.householdId))
    .where(eq(residents.id, residentId));
  return row;
}

export async function householdMembers(db: DbOrTx, householdId: number) {
  return db
    .select({ name: residents.name, birthDate: residents.birthDate })
    .from(residents)
    .where(eq(residents.householdId, householdId))
    .orderBy(asc(residents.birthDate), asc(residents.id));
}

/** Active accounts holding one of `roleSet` on the place or a place above it, nearest grant first. */
export async function holdersOver(db: DbOrTx, placePath: string, roleSet: readonly Role[]) {
  return db
    .select({
      accountId: accounts.id,
      name: accounts.displayName,
      phone: accounts.phone,
      role: roleGrants.role,
      placeId: places.id,
      placeName: places.name,
    })
    .from(roleGrants)
    .innerJoin(accounts, eq(accounts.id, roleGrants.accountId))
    .innerJoin(places, eq(places.id, roleGrants.placeId))
    .where(
      and(
        inArray(roleGrants.role, [...roleSet]),
        eq(accounts.isActive, true),
        inSubtree(pathValue(placePath), places.path),
      ),
    )
    .orderBy(sql`length(${places.path}) desc`, asc(roleGrants.role), asc(accounts.id));
}
