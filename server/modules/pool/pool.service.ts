import { isWithin } from '../../../domain/territory/places';
import type { Db } from '../../db/client';
import { AppError } from '../../errors';
import { logPersonalDataRead, type PlaceRow } from '../places';
import {
  councilsOfMembers,
  ensureOrganisation,
  findResidentPath,
  insertPoolMember,
  poolMemberById,
  poolOfSubtree,
  tagCounts,
  updatePoolMemberRow,
} from './pool.repository';
import type { AddPoolMemberBody, UpdatePoolMemberBody } from '../../../contracts/pool';

/**
 * The subtree's pool (filtered by tag or name), the councils each member sits on, and tag counts.
 * A staff read that shows full phones is logged (PIPL): one row per request.
 */
export async function listPool(
  db: Db,
  place: Pick<PlaceRow, 'id' | 'path'>,
  filter: { tag?: string | undefined; q?: string | undefined },
  fullRecordsFor: number | null,
) {
  const [rows, tags] = await Promise.all([
    poolOfSubtree(db, place.path, filter),
    tagCounts(db, place.path),
    fullRecordsFor === null ? undefined : logPersonalDataRead(db, fullRecordsFor, 'place_pool', place.id),
  ]);
  const seats = await councilsOfMembers(
    db,
    rows.map((r) => r.id),
  );
  return { rows, seats, tags };
}

/** One pool entry with its councils, as the list shows it. */
export async function readPoolMember(db: Db, id: number) {
  const rows = await poolMemberById(db, id);
  return { rows, seats: await councilsOfMembers(db, [id]) };
}

/**
 * Adds a resident living inside the place's subtree, or an organisation (created in the place when
 * new), to the place's pool in one transaction. 409 `member.duplicate` when already there.
 */
export async function addPoolMember(db: Db, place: Pick<PlaceRow, 'id' | 'path'>, body: AddPoolMemberBody) {
  const id = await db.transaction(async (tx) => {
    const base = { placeId: place.id, placePath: place.path, tags: body.tags, note: body.note ?? null };
    if (body.residentId !== undefined) {
      // An unknown id and a resident living elsewhere get the same answer: ids of other places stay opaque.
      const residentPath = await findResidentPath(tx, body.residentId);
      if (!residentPath || !isWithin(residentPath, place.path)) {
        throw new AppError(400, 'pool.resident_outside', { field: 'residentId' });
      }
      const inserted = await insertPoolMember(tx, { ...base, residentId: body.residentId });
      if (inserted === undefined) throw new AppError(409, 'member.duplicate', { field: 'residentId' });
      return inserted;
    }
    const organisationId = await ensureOrganisation(tx, place, body.organisation!);
    const inserted = await insertPoolMember(tx, { ...base, organisationId });
    if (inserted === undefined) throw new AppError(409, 'member.duplicate', { field: 'organisation.name' });
    return inserted;
  });
  return readPoolMember(db, id);
}

/** Changes a pool entry's tags, note or active flag. */
export async function updatePoolMember(db: Db, id: number, patch: UpdatePoolMemberBody) {
  await updatePoolMemberRow(db, id, patch);
  return readPoolMember(db, id);
}
