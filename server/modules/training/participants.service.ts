import { can, type Actor } from '../../../domain/access';
import { chinaDay } from '../../../domain/voting/notice';
import { COMMUNITY_DEPTH, ancestorPathAt } from '../../../domain/territory/places';
import {
  completionProblem,
  isWithinSignInWindow,
  participantLifecycle,
  programmeLifecycle,
} from '../../../domain/training';
import type { Db, DbOrTx } from '../../db/client';
import { AppError, missing, notFound } from '../../errors';
import { clockNow } from '../../clock';
import { programmeFor } from './training.service';
import { programmeSubject } from './training.access';
import { lockProgramme, sessionById, sessionsByCode } from './training.repository';
import {
  activeAccountIdByPhone,
  attendedMinutesIn,
  homePaths,
  insertParticipant,
  insertSignIn,
  moveParticipant,
  participantById,
  participantOf,
  updateScore,
} from './participants.repository';
import { addToPoolWithTag, placeAtPath, upsertMicroLeader } from './micro-leaders.repository';

/** The tag a micro-leader carries in the member pool. */
export const MICRO_LEADER_TAG = '微领袖';

/** The community a person comes from: their home's community, else their first grant's place (or its community). */
async function homeCommunity(db: DbOrTx, accountId: number) {
  const home = await homePaths(db, accountId);
  const path = home.residentPath ?? home.grantPaths[0];
  if (!path) return undefined;
  return { path: ancestorPathAt(path, COMMUNITY_DEPTH) ?? path, residentId: home.residentId };
}

/**
 * Enrols an account in an open programme (inside the programme's place only); returns the participant id
 * and whether it was new. Runs inside the caller's transaction with the programme locked.
 */
async function enrolIn(tx: DbOrTx, programme: { id: number; placePath: string }, accountId: number, field?: string) {
  const community = await homeCommunity(tx, accountId);
  if (!community || !community.path.startsWith(programme.placePath))
    throw new AppError(400, 'training.outside_place', field ? { field } : {});
  const id = await insertParticipant(tx, { programmeId: programme.id, accountId, placePath: community.path });
  if (id !== undefined) return { id, isNew: true };
  return { id: (await participantOf(tx, programme.id, accountId))!.id, isNew: false };
}

async function lockOpenProgramme(tx: DbOrTx, id: number) {
  const locked = await lockProgramme(tx, id);
  if (!locked || !programmeLifecycle.is.open(locked.status)) throw new AppError(409, 'training.not_open');
  return locked;
}

/** The reader enrols themself in an open programme of their city or town; 409 when already enrolled. */
export async function enrolSelf(db: Db, actor: Actor, programmeId: number) {
  const programme = await programmeFor(db, actor, programmeId);
  return db.transaction(async (tx) => {
    await lockOpenProgramme(tx, programme.id);
    const { isNew } = await enrolIn(tx, programme, actor.accountId);
    if (!isNew) throw new AppError(409, 'training.already_enrolled');
  });
}

/** Those who run the programme enrol a person by phone (an account must exist: the person logs in once). */
export async function enrolByPhone(db: Db, actor: Actor, programmeId: number, phone: string) {
  const programme = await programmeFor(db, actor, programmeId, true);
  const accountId = await activeAccountIdByPhone(db, phone);
  if (accountId === undefined) throw new AppError(400, 'training.account_unknown', { field: 'phone' });
  return db.transaction(async (tx) => {
    await lockOpenProgramme(tx, programme.id);
    const { isNew } = await enrolIn(tx, programme, accountId, 'phone');
    if (!isNew) throw new AppError(409, 'training.already_enrolled', { field: 'phone' });
  });
}

/**
 * Signs the reader in to the session whose code they typed, from 30 minutes before it starts until it
 * ends; enrols them when the programme is open. Twice is one row (`alreadySignedIn`).
 */
export async function signInByCode(db: Db, actor: Actor, code: string) {
  const now = clockNow();
  const candidates = await sessionsByCode(db, code.toUpperCase());
  if (candidates.length === 0) throw new AppError(400, 'training.wrong_code', { field: 'code' });
  const session = candidates.find((s) => isWithinSignInWindow(now, s));
  if (!session) throw new AppError(409, 'training.outside_window', { field: 'code' });
  const programme = await programmeFor(db, actor, session.programmeId);
  return db.transaction(async (tx) => {
    const enrolled = await participantOf(tx, programme.id, actor.accountId);
    if (!enrolled) {
      await lockOpenProgramme(tx, programme.id);
      await enrolIn(tx, programme, actor.accountId, 'code');
    }
    const isNew = await insertSignIn(tx, { sessionId: session.id, accountId: actor.accountId, method: 'code' });
    return {
      programmeId: programme.id,
      programmeTitle: programme.title,
      sessionId: session.id,
      course: session.course,
      startsAt: session.startsAt.toISOString(),
      minutes: session.minutes,
      alreadySignedIn: !isNew,
      attendedMinutes: await attendedMinutesIn(tx, programme.id, actor.accountId),
      requiredMinutes: programme.requiredMinutes,
    };
  });
}

/** Those who run the programme mark an enrolled participant present at a session (idempotent). */
export async function markAttendance(db: Db, actor: Actor, sessionId: number, participantId: number) {
  const session = await sessionById(db, sessionId);
  if (!session) throw notFound('trainingSession');
  await programmeFor(db, actor, session.programmeId, true);
  const participant = await participantById(db, participantId);
  if (!participant || participant.programmeId !== session.programmeId)
    throw missing('participantId', 'trainingParticipant');
  await insertSignIn(db, { sessionId, accountId: participant.accountId, method: 'staff', markedBy: actor.accountId });
  return session.programmeId;
}

/** A participant of a programme the actor runs, locked in `tx`. */
async function participantToDecide(tx: DbOrTx, actor: Actor, id: number) {
  const participant = await participantById(tx, id, true);
  if (!participant) throw notFound('trainingParticipant');
  const programme = await programmeFor(tx, actor, participant.programmeId, true);
  return { participant, programme };
}

/** Records the assessment score (0–100) of a participant not yet completed. */
export async function recordScore(db: Db, actor: Actor, id: number, score: number) {
  return db.transaction(async (tx) => {
    const { participant } = await participantToDecide(tx, actor, id);
    if ((await updateScore(tx, id, score, actor.accountId)) === undefined)
      throw new AppError(409, 'training.wrong_state');
    return participant.programmeId;
  });
}

/**
 * Completes a participant when eligible (409 naming the unmet condition otherwise). A programme that makes
 * micro-leaders makes them one (since today) and puts a resident in their community's pool tagged 微领袖.
 */
export async function completeParticipant(db: Db, actor: Actor, id: number) {
  return db.transaction(async (tx) => {
    const { participant, programme } = await participantToDecide(tx, actor, id);
    if (!participantLifecycle.allows('complete', participant.status)) throw new AppError(409, 'training.wrong_state');
    const attended = await attendedMinutesIn(tx, programme.id, participant.accountId);
    const problem = completionProblem(programme, { attendedMinutes: attended, score: participant.score });
    if (problem)
      throw new AppError(409, `training.${problem}`, {
        params: { attended: attended, required: programme.requiredMinutes, pass: programme.passScore },
        details: { problem },
      });
    const today = chinaDay(clockNow());
    await moveParticipant(tx, id, 'complete', today);
    if (programme.makesMicroLeaders) {
      const home = await homePaths(tx, participant.accountId);
      const community = await placeAtPath(tx, participant.placePath);
      const poolMemberId =
        home.residentId !== null && community
          ? await addToPoolWithTag(tx, community, home.residentId, MICRO_LEADER_TAG)
          : null;
      await upsertMicroLeader(tx, {
        accountId: participant.accountId,
        placePath: participant.placePath,
        programmeId: programme.id,
        poolMemberId,
        tags: [MICRO_LEADER_TAG],
        since: today,
      });
    }
    return programme.id;
  });
}

/** Marks a participant as not completed (the programme ended without them meeting its terms). */
export async function failParticipant(db: Db, actor: Actor, id: number) {
  return db.transaction(async (tx) => {
    const { programme } = await participantToDecide(tx, actor, id);
    if ((await moveParticipant(tx, id, 'fail', null)) === undefined) throw new AppError(409, 'training.wrong_state');
    return programme.id;
  });
}

/** Whether the reader may enrol themself now: open, not enrolled, and living inside the programme's place. */
export function canEnrolSelf(actor: Actor, programme: { placePath: string; status: string; myStatus: string | null }) {
  return (
    programmeLifecycle.is.open(programme.status) &&
    programme.myStatus === null &&
    can(actor, 'place.view', programmeSubject(programme.placePath))
  );
}
