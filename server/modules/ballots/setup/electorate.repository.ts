import { and, eq, gte, inArray, isNotNull, lte } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import {
  ballotElectors,
  councilMembers,
  dwellings,
  ownerships,
  places,
  poolMembers,
  residents,
} from '../../../db/schema';
import { inSubtree } from '../../../db/subtree';

/** One elector of a ballot's snapshot, before it is stored. */
export type ElectorRow = {
  key: string;
  label: string;
  residentIds: number[];
  dwellingIds: number[];
  householdId: number | null;
  areaCenti: bigint;
};

/** The kind and name of each of these places. */
export async function placeKindsAndNames(db: DbOrTx, ids: readonly number[]) {
  return ids.length
    ? await db
        .select({ id: places.id, name: places.name, kind: places.kind })
        .from(places)
        .where(inArray(places.id, [...ids]))
    : [];
}

/** The dwellings (专有部分) within the subtree at `scopePath`. */
export async function dwellingsWithin(db: DbOrTx, scopePath: string) {
  return db
    .select({
      id: dwellings.id,
      room: dwellings.room,
      placePath: dwellings.placePath,
      area: dwellings.areaCenti,
      isDeveloperHeld: dwellings.isDeveloperHeld,
    })
    .from(dwellings)
    .where(inSubtree(dwellings.placePath, scopePath));
}

/** Who owns which dwelling within the subtree, with the owner's name. */
export async function ownershipsWithin(db: DbOrTx, scopePath: string) {
  return db
    .select({ dwellingId: ownerships.dwellingId, residentId: ownerships.residentId, name: residents.name })
    .from(ownerships)
    .innerJoin(dwellings, eq(dwellings.id, ownerships.dwellingId))
    .innerJoin(residents, eq(residents.id, ownerships.residentId))
    .where(inSubtree(dwellings.placePath, scopePath));
}

/** The residents within the subtree, with the room they live in, by path. */
export async function residentsWithin(db: DbOrTx, scopePath: string) {
  return db
    .select({
      id: residents.id,
      name: residents.name,
      birthDate: residents.birthDate,
      householdId: residents.householdId,
      placePath: residents.placePath,
      room: dwellings.room,
    })
    .from(residents)
    .leftJoin(dwellings, eq(dwellings.id, residents.dwellingId))
    .where(inSubtree(residents.placePath, scopePath))
    .orderBy(residents.placePath, residents.id);
}

/** The council's seats current on `day` held by active resident pool members. */
export async function currentResidentSeats(db: DbOrTx, councilId: number, day: string) {
  return db
    .select({
      seatId: councilMembers.id,
      position: councilMembers.position,
      residentId: residents.id,
      name: residents.name,
      householdId: residents.householdId,
    })
    .from(councilMembers)
    .innerJoin(poolMembers, eq(poolMembers.id, councilMembers.poolMemberId))
    .innerJoin(residents, eq(residents.id, poolMembers.residentId))
    .where(
      and(
        eq(councilMembers.councilId, councilId),
        lte(councilMembers.termStart, day),
        gte(councilMembers.termEnd, day),
        isNotNull(poolMembers.residentId),
        eq(poolMembers.isActive, true),
      ),
    )
    .orderBy(councilMembers.id);
}

/** Stores the snapshot in chunks (a large estate has thousands of electors). */
export async function storeElectorate(db: DbOrTx, ballotId: number, rows: readonly ElectorRow[]) {
  for (let i = 0; i < rows.length; i += 1000) {
    await db.insert(ballotElectors).values(rows.slice(i, i + 1000).map((r) => ({ ballotId, ...r })));
  }
}
