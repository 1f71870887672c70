import { can, type Actor } from '../../../domain/access';
import { maskPhone } from '../../../domain/people/phone';
import type { MicroLeaderStatus } from '../../../domain/training';
import type { Db } from '../../db/client';
import { readTogether } from '../../db/together';
import { AppError, notFound } from '../../errors';
import { authorizePlace, logPersonalDataRead, placeOrNotFound } from '../places';
import { MICRO_LEADER_TAG } from './participants.service';
import {
  lockMicroLeader,
  microLeaderOfAccount,
  microLeaderTagCounts,
  microLeadersOf,
  setMicroLeaderTags,
  withdrawMicroLeader,
} from './micro-leaders.repository';
import { recordOf } from './participants.repository';

const placeSubject = (path: string) => ({ type: 'place' as const, path });

/**
 * 微领袖库 of a place (the scope rule: `micro_leaders.place_path` inside its subtree; a year is the year of
 * `since`). Staff over the place only; phones are masked except to staff of the person's community.
 */
export async function listMicroLeaders(
  db: Db,
  actor: Actor,
  q: { placeId: number; year?: number | undefined; tag?: string | undefined; status: MicroLeaderStatus },
) {
  const place = await placeOrNotFound(db, q.placeId);
  authorizePlace(actor, 'microLeader.view', place);
  const filter = { path: place.path, year: q.year, tag: q.tag, status: q.status };
  const [rows, tags] = await readTogether(db, [
    () => microLeadersOf(db, filter),
    () => microLeaderTagCounts(db, filter),
    () => logPersonalDataRead(db, actor.accountId, 'micro_leaders', place.id),
  ]);
  const items = rows.map((r) => {
    const subject = placeSubject(r.placePath);
    return {
      ...r,
      phone: can(actor, 'resident.viewPhone', { type: 'resident', path: r.placePath, residentId: 0 })
        ? r.phone
        : maskPhone(r.phone),
      abilities: { 'microLeader.manage': can(actor, 'microLeader.manage', subject) },
    };
  });
  return { items, total: items.length, tags };
}

/** A micro-leader the actor may manage, locked in `tx` (404 when not seen, 403 when only seen). */
async function leaderToChange(tx: Parameters<Parameters<Db['transaction']>[0]>[0], actor: Actor, id: number) {
  const row = await lockMicroLeader(tx, id);
  if (!row || !can(actor, 'microLeader.view', placeSubject(row.placePath))) throw notFound('microLeader');
  if (!can(actor, 'microLeader.manage', placeSubject(row.placePath))) throw new AppError(403, 'access.denied');
  return row;
}

/** Replaces a micro-leader's tags; 微领袖 itself always stays. */
export async function updateMicroLeaderTags(db: Db, actor: Actor, id: number, tags: string[]) {
  return db.transaction(async (tx) => {
    await leaderToChange(tx, actor, id);
    const kept = tags.includes(MICRO_LEADER_TAG) ? tags : [MICRO_LEADER_TAG, ...tags];
    if (kept.length > 10) throw new AppError(400, 'pool.tags_too_many', { field: 'tags' });
    return setMicroLeaderTags(tx, id, kept);
  });
}

/** Withdraws a micro-leader from the pool with the reason; 409 when already withdrawn. */
export async function withdrawLeader(db: Db, actor: Actor, id: number, reason: string) {
  return db.transaction(async (tx) => {
    await leaderToChange(tx, actor, id);
    const changed = await withdrawMicroLeader(tx, id, reason);
    if (!changed) throw new AppError(409, 'training.wrong_state');
    return changed;
  });
}

/** The reader's own training record: programmes, sessions attended, minutes, status, micro-leader since. */
export async function readRecord(db: Db, actor: Actor) {
  const [{ rows, attended }, leader] = await readTogether(db, [
    () => recordOf(db, actor.accountId),
    () => microLeaderOfAccount(db, actor.accountId),
  ]);
  return {
    programmes: rows.map((r) => ({
      ...r,
      sessions: attended
        .filter((s) => s.programmeId === r.programmeId)
        .map((s) => ({ id: s.id, course: s.course, startsAt: s.startsAt.toISOString(), minutes: s.minutes })),
    })),
    microLeader: leader ?? null,
  };
}
