import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Role } from '../../../domain/access';
import type { PlacePath } from '../../../domain/territory/places';
import type { DbOrTx } from '../../db/client';
import { preparedRead } from '../../db/prepared';
import {
  accounts,
  dwellings,
  households,
  personalDataReads,
  placeCounts,
  places,
  residents,
  roleGrants,
} from '../../db/schema';
import { escapeLike, inAnySubtree, inSubtree, pathValue } from '../../db/subtree';

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

/** The columns of a PlaceRow, aliased to its fields, for the prepared reads. */
const placeRowColumns = sql`${places.id}, ${places.kind}, ${places.name}, ${places.code}, ${places.isRural} as "isRural",
  ${places.parentId} as "parentId", ${places.path}, ${places.depth}`;

// Every place route looks its place up first: prepared, as are the ancestors of a place's detail.
const placeById = preparedRead<PlaceRow, { id: number }>(
  'place_by_id',
  sql`select ${placeRowColumns} from ${places} where ${places.id} = ${sql.placeholder('id')}`,
);
const placesByIds = preparedRead<PlaceRow, { ids: number[] }>(
  'places_by_ids',
  sql`select ${placeRowColumns} from ${places} where ${places.id} = any(${sql.placeholder('ids')}::int[])
    order by ${places.depth}, ${places.code}`,
);

/** The place with this id. */
export async function findPlace(db: DbOrTx, id: number): Promise<PlaceRow | undefined> {
  const [row] = await placeById(db, { id });
  return row;
}

/** The places with these ids, root first. */
export async function findPlacesByIds(db: DbOrTx, ids: readonly number[]): Promise<PlaceRow[]> {
  if (ids.length === 0) return [];
  return placesByIds(db, { ids: [...ids] });
}

/**
 * Places matching `where`, each with its child count and its subtree's dwelling and resident totals
 * (the per-place counters summed over the subtree's places, both in one pass over them); prepared.
 */
function placeSummariesRead<Values extends Record<string, unknown>>(name: string, where: SQL) {
  return preparedRead<PlaceSummaryRow, Values>(
    name,
    sql`select ${placeRowColumns},
      (select count(*)::int from ${places} c where c.parent_id = ${places.id}) as "childCount",
      sums.dwelling_count as "dwellingCount", sums.resident_count as "residentCount"
    from ${places} left join lateral (
      select coalesce(sum(pc.dwellings), 0)::int as dwelling_count, coalesce(sum(pc.residents), 0)::int as resident_count
      from ${placeCounts} pc join ${places} sp on sp.id = pc.place_id
      where ${inSubtree(sql`sp.path`, places.path)}) sums on true
    where ${where}
    order by ${places.depth}, ${places.code}`,
  );
}

const summaryById = placeSummariesRead<{ id: number }>(
  'place_summary_by_id',
  sql`${places.id} = ${sql.placeholder('id')}`,
);
const summariesAtPaths = placeSummariesRead<{ paths: string[] }>(
  'place_summaries_at_paths',
  sql`${places.path} = any(${sql.placeholder('paths')}::text[])`,
);
/** A child is visible inside one of the scopes (subtree roots) or on one of the ancestor paths. */
const childSummariesRead = placeSummariesRead<{ parentId: number; scopes: string[]; ancestors: string[] }>(
  'place_child_summaries',
  sql`${places.parentId} = ${sql.placeholder('parentId')}
    and (exists (select from unnest(${sql.placeholder('scopes')}::text[]) scope where ${inSubtree(places.path, sql`scope`)})
      or ${places.path} = any(${sql.placeholder('ancestors')}::text[]))`,
);

/** The place with this id, with its counts. */
export async function placeSummaryById(db: DbOrTx, id: number): Promise<PlaceSummaryRow | undefined> {
  const [row] = await summaryById(db, { id });
  return row;
}

/** The places at these paths, with their counts. */
export async function placeSummariesAtPaths(db: DbOrTx, paths: readonly PlacePath[]): Promise<PlaceSummaryRow[]> {
  return summariesAtPaths(db, { paths: [...paths] });
}

/** Children of a place inside one of `scopes` or on one of the `ancestors` paths, with their counts. */
export async function childSummaries(
  db: DbOrTx,
  parentId: number,
  scopes: readonly PlacePath[],
  ancestors: readonly PlacePath[],
): Promise<PlaceSummaryRow[]> {
  return childSummariesRead(db, { parentId, scopes: [...scopes], ancestors: [...ancestors] });
}

/** One pass over the subtree's places for all three counters (a city: ~3,000 places), plus its children. */
const subtreeCountsRead = preparedRead<
  { children: number; dwellings: number; households: number; residents: number },
  { id: number; root: PlacePath }
>(
  'place_subtree_counts',
  sql`select (select count(*)::int from ${places} c where c.parent_id = ${sql.placeholder('id')}) as children,
    coalesce(sum(pc.dwellings), 0)::int as dwellings, coalesce(sum(pc.households), 0)::int as households,
    coalesce(sum(pc.residents), 0)::int as residents
  from ${placeCounts} pc join ${places} sp on sp.id = pc.place_id
  where ${inSubtree(sql`sp.path`, sql`${sql.placeholder('root')}`)}`,
);

/** Children, dwellings, households and residents in the subtree of `place`: one query over the places. */
export async function subtreeCounts(db: DbOrTx, place: Pick<PlaceRow, 'id' | 'path'>) {
  const [row] = await subtreeCountsRead(db, { id: place.id, root: place.path });
  return row ?? { children: 0, dwellings: 0, households: 0, residents: 0 };
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
