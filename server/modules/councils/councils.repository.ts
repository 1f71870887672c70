import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import { COMMUNITY_DEPTH } from '../../../domain/territory/places';
import type { DbOrTx } from '../../db/client';
import { seatPositions } from '../../../domain/territory/councils';
import { poolMemberName } from '../pool';
import { councilMembers, councils, organisations, places, poolMembers, residents } from '../../db/schema';
import { inSubtree } from '../../db/subtree';

export type CouncilRow = Awaited<ReturnType<typeof councilRows>>[number];

/** Councils matching `where`, with their seat counts and place names. */
async function councilRows(db: DbOrTx, where: SQL) {
  return db
    .select({
      id: councils.id,
      kind: councils.kind,
      name: councils.name,
      termStart: councils.termStart,
      termEnd: councils.termEnd,
      placeId: councils.placeId,
      placeName: places.name,
      memberCount: sql<number>`(select count(*)::int from ${councilMembers} cm where cm.council_id = "councils"."id")`,
    })
    .from(councils)
    .innerJoin(places, eq(places.id, councils.placeId))
    .where(where)
    .orderBy(asc(councils.termStart), asc(councils.id));
}

/** Councils of the places under `placePath` (the place included). */
export async function councilsInSubtree(db: DbOrTx, placePath: string) {
  return councilRows(db, inSubtree(councils.placePath, placePath));
}

/** One council with its seat count and place name. */
export async function councilById(db: DbOrTx, id: number) {
  const [row] = await councilRows(db, eq(councils.id, id));
  return row;
}

export async function findCouncilRef(db: DbOrTx, id: number) {
  const [row] = await db
    .select({
      id: councils.id,
      placePath: councils.placePath,
      termStart: councils.termStart,
      termEnd: councils.termEnd,
    })
    .from(councils)
    .where(eq(councils.id, id));
  return row;
}

/** Inserts a council; undefined when the place already has one of that name. */
export async function insertCouncil(db: DbOrTx, values: typeof councils.$inferInsert) {
  const [row] = await db.insert(councils).values(values).onConflictDoNothing().returning({ id: councils.id });
  return row?.id;
}

/** Seats matching `where` with the holder's name, chair first. */
async function seatRows(db: DbOrTx, where: SQL) {
  return db
    .select({
      id: councilMembers.id,
      poolMemberId: councilMembers.poolMemberId,
      name: poolMemberName,
      position: councilMembers.position,
      termStart: councilMembers.termStart,
      termEnd: councilMembers.termEnd,
    })
    .from(councilMembers)
    .innerJoin(poolMembers, eq(poolMembers.id, councilMembers.poolMemberId))
    .leftJoin(residents, eq(residents.id, poolMembers.residentId))
    .leftJoin(organisations, eq(organisations.id, poolMembers.organisationId))
    .where(where)
    .orderBy(
      sql`array_position(array[${sql.join(
        seatPositions.map((p) => sql`${p}`),
        sql`, `,
      )}]::text[], ${councilMembers.position}::text)`,
      asc(councilMembers.id),
    );
}

/** The seats of a council with the holders' names, chair first. */
export async function seatsOfCouncil(db: DbOrTx, councilId: number) {
  return seatRows(db, eq(councilMembers.councilId, councilId));
}

/** One seat with its holder's name. */
export async function seatById(db: DbOrTx, seatId: number) {
  const [row] = await seatRows(db, eq(councilMembers.id, seatId));
  return row;
}

export async function findPoolMemberForSeat(db: DbOrTx, poolMemberId: number) {
  const [row] = await db
    .select({ placePath: poolMembers.placePath, isActive: poolMembers.isActive })
    .from(poolMembers)
    .where(eq(poolMembers.id, poolMemberId));
  return row;
}

/** Inserts a seat; undefined when the member already sits on the council. */
export async function insertSeat(db: DbOrTx, values: typeof councilMembers.$inferInsert) {
  const [row] = await db
    .insert(councilMembers)
    .values(values)
    .onConflictDoNothing()
    .returning({ id: councilMembers.id });
  return row?.id;
}

/** Deletes a seat of this council; false when there is none. */
export async function deleteSeat(db: DbOrTx, councilId: number, seatId: number): Promise<boolean> {
  const deleted = await db
    .delete(councilMembers)
    .where(and(eq(councilMembers.id, seatId), eq(councilMembers.councilId, councilId)))
    .returning({ id: councilMembers.id });
  return deleted.length > 0;
}

/**
 * Council coverage of a community on `day`: the community and its estates (小区/自然村), and how many
 * of them have a council whose term covers the day. `places.id` is written out: drizzle leaves a
 * selected column unqualified, and inside the subquery a bare `id` would be the council's.
 */
export async function councilCoverage(db: DbOrTx, communityPath: string, day: string) {
  const [row] = await db
    .select({
      places: sql<number>`count(*)::int`,
      covered: sql<number>`count(*) filter (where exists (select 1 from ${councils} c where c.place_id = places.id and c.term_start <= ${day} and c.term_end >= ${day}))::int`,
    })
    .from(places)
    .where(and(inSubtree(places.path, communityPath), sql`${places.depth} <= ${COMMUNITY_DEPTH + 1}`));
  return { places: row?.places ?? 0, covered: row?.covered ?? 0 };
}
