import { COMMUNITY_DEPTH, ancestorPathAt, isWithin } from '../../../domain/territory/places';
import type { Db } from '../../db/client';
import { AppError, notFound } from '../../errors';
import type { PlaceRow } from '../places';
import {
  councilById,
  councilsInSubtree,
  deleteSeat,
  findPoolMemberForSeat,
  insertCouncil,
  insertSeat,
  seatById,
  seatsOfCouncil,
  type findCouncilRef,
} from './councils.repository';
import type { AddSeatBody, CreateCouncilBody } from '../../../contracts/councils';

type CouncilRef = NonNullable<Awaited<ReturnType<typeof findCouncilRef>>>;

/** Councils of a place's subtree (a community lists its estates' owners' committees too). */
export async function listCouncils(db: Db, place: Pick<PlaceRow, 'path'>) {
  return councilsInSubtree(db, place.path);
}

/** Creates a council of the place; 409 `council.duplicate_name` when the place already has that name. */
export async function createCouncil(db: Db, place: Pick<PlaceRow, 'id' | 'path'>, body: CreateCouncilBody) {
  const id = await insertCouncil(db, { ...body, placeId: place.id, placePath: place.path });
  if (id === undefined) throw new AppError(409, 'council.duplicate_name', { field: 'name' });
  const row = await councilById(db, id);
  return row!;
}

/** A council with its seats. */
export async function readCouncil(db: Db, councilId: number) {
  const [council, seats] = await Promise.all([councilById(db, councilId), seatsOfCouncil(db, councilId)]);
  if (!council) throw notFound('council');
  return { council, seats };
}

/**
 * Seats a pool member of the council's community for a term inside the council's, in one
 * transaction. Unknown members and members of another community get the same 400.
 */
export async function addSeat(db: Db, council: CouncilRef, body: AddSeatBody) {
  const termStart = body.termStart ?? council.termStart;
  const termEnd = body.termEnd ?? council.termEnd;
  if (termStart < council.termStart || termStart > council.termEnd) {
    throw new AppError(400, 'council.seat_outside_term', { field: 'termStart' });
  }
  if (termEnd > council.termEnd || termEnd < termStart) {
    throw new AppError(400, 'council.seat_outside_term', { field: 'termEnd' });
  }
  const community = ancestorPathAt(council.placePath, COMMUNITY_DEPTH) ?? council.placePath;
  const seatId = await db.transaction(async (tx) => {
    const member = await findPoolMemberForSeat(tx, body.poolMemberId);
    if (!member || !isWithin(member.placePath, community)) {
      throw new AppError(400, 'council.member_outside', { field: 'poolMemberId' });
    }
    if (!member.isActive) throw new AppError(400, 'council.member_inactive', { field: 'poolMemberId' });
    const id = await insertSeat(tx, {
      councilId: council.id,
      poolMemberId: body.poolMemberId,
      position: body.position,
      termStart,
      termEnd,
    });
    if (id === undefined) throw new AppError(409, 'council.duplicate_member', { field: 'poolMemberId' });
    return id;
  });
  const seat = await seatById(db, seatId);
  return seat!;
}

/** Removes a seat of this council; 404 when the seat is not on it. */
export async function removeSeat(db: Db, councilId: number, seatId: number): Promise<void> {
  if (!(await deleteSeat(db, councilId, seatId))) throw notFound('seat');
}
