import { and, asc, eq, sql } from 'drizzle-orm';
import type { ParticipantCommand } from '../../../domain/training';
import { participantLifecycle } from '../../../domain/training';
import type { DbOrTx } from '../../db/client';
import { inStates } from '../../db/lifecycle-sql';
import {
  accounts,
  places,
  residents,
  roleGrants,
  trainingParticipants as participants,
  trainingProgrammes as programmes,
  trainingSessions as sessions,
  trainingSignIns as signIns,
} from '../../db/schema';

/** Minutes a participant attended in their programme: the sum over sessions signed in to. */
const attendedOf = sql<number>`(select coalesce(sum(${sessions.minutes}), 0)::int from ${signIns}
  join ${sessions} on ${sessions.id} = ${signIns.sessionId}
  where ${sessions.programmeId} = ${participants.programmeId} and ${signIns.accountId} = ${participants.accountId})`;

/** Enrols an account; undefined when already enrolled (the unique key decides between two at once). */
export async function insertParticipant(db: DbOrTx, values: typeof participants.$inferInsert) {
  const [row] = await db.insert(participants).values(values).onConflictDoNothing().returning({ id: participants.id });
  return row?.id;
}

/** The participant row of an account in a programme. */
export async function participantOf(db: DbOrTx, programmeId: number, accountId: number) {
  const [row] = await db
    .select({ id: participants.id, status: participants.status, score: participants.assessmentScore })
    .from(participants)
    .where(and(eq(participants.programmeId, programmeId), eq(participants.accountId, accountId)));
  return row;
}

/** One participant with the minutes attended, locked for a command when `lock`. */
export async function participantById(db: DbOrTx, id: number, lock = false) {
  const query = db
    .select({
      id: participants.id,
      programmeId: participants.programmeId,
      accountId: participants.accountId,
      placePath: participants.placePath,
      status: participants.status,
      score: participants.assessmentScore,
    })
    .from(participants)
    .where(eq(participants.id, id));
  const [row] = await (lock ? query.for('update') : query);
  return row;
}

/** Minutes an account attended in a programme. */
export async function attendedMinutesIn(db: DbOrTx, programmeId: number, accountId: number) {
  const [row] = await db
    .select({ minutes: sql<number>`coalesce(sum(${sessions.minutes}), 0)::int` })
    .from(signIns)
    .innerJoin(sessions, eq(sessions.id, signIns.sessionId))
    .where(and(eq(sessions.programmeId, programmeId), eq(signIns.accountId, accountId)));
  return row?.minutes ?? 0;
}

/** Everyone enrolled in a programme, with name, phone, community, minutes and the sessions attended. */
export async function participantsOf(db: DbOrTx, programmeId: number) {
  return db
    .select({
      id: participants.id,
      accountId: participants.accountId,
      placePath: participants.placePath,
      name: sql<string>`coalesce(${residents.name}, ${accounts.displayName})`,
      phone: accounts.phone,
      communityName: places.name,
      status: participants.status,
      score: participants.assessmentScore,
      completedOn: participants.completedOn,
      attendedMinutes: attendedOf,
      sessionIds: sql<number[]>`array(select ${signIns.sessionId} from ${signIns}
        join ${sessions} on ${sessions.id} = ${signIns.sessionId}
        where ${sessions.programmeId} = ${participants.programmeId} and ${signIns.accountId} = ${participants.accountId}
        order by ${signIns.sessionId})`,
    })
    .from(participants)
    .innerJoin(accounts, eq(accounts.id, participants.accountId))
    .leftJoin(residents, eq(residents.id, accounts.residentId))
    .leftJoin(places, eq(places.path, participants.placePath))
    .where(eq(participants.programmeId, programmeId))
    .orderBy(asc(participants.id));
}

/** Records a sign-in; false when the account had signed in already (one row, whoever came first). */
export async function insertSignIn(db: DbOrTx, values: typeof signIns.$inferInsert) {
  const [row] = await db.insert(signIns).values(values).onConflictDoNothing().returning({ id: signIns.id });
  return row !== undefined;
}

/** Writes the assessment score of a participant not yet completed; undefined when completed. */
export async function updateScore(db: DbOrTx, id: number, score: number, assessedBy: number) {
  const open = participantLifecycle.states.filter((s) => !participantLifecycle.is.completed(s));
  const [row] = await db
    .update(participants)
    .set({ assessmentScore: score, assessedBy })
    .where(and(eq(participants.id, id), inStates(participants.status, open)))
    .returning({ id: participants.id });
  return row?.id;
}

/** Moves a participant by `command` when their status allows it; undefined otherwise. */
export async function moveParticipant(db: DbOrTx, id: number, command: ParticipantCommand, completedOn: string | null) {
  const { from, to } = participantLifecycle.transitions[command];
  const [row] = await db
    .update(participants)
    .set({ status: to, completedOn })
    .where(and(eq(participants.id, id), inStates(participants.status, from)))
    .returning({ id: participants.id });
  return row?.id;
}

/** Where an account lives (its resident's place) and the places of its grants, to find its community. */
export async function homePaths(db: DbOrTx, accountId: number) {
  const [home] = await db
    .select({ residentId: residents.id, path: residents.placePath })
    .from(accounts)
    .leftJoin(residents, eq(residents.id, accounts.residentId))
    .where(eq(accounts.id, accountId));
  const grants = await db
    .select({ path: places.path })
    .from(roleGrants)
    .innerJoin(places, eq(places.id, roleGrants.placeId))
    .where(eq(roleGrants.accountId, accountId))
    .orderBy(asc(roleGrants.id));
  return {
    residentId: home?.residentId ?? null,
    residentPath: home?.path ?? null,
    grantPaths: grants.map((g) => g.path),
  };
}

/** The account using this phone if it is active. */
export async function activeAccountIdByPhone(db: DbOrTx, phone: string) {
  const [row] = await db
    .select({ id: accounts.id })
    .from(accounts)
    .where(and(eq(accounts.phone, phone), eq(accounts.isActive, true)));
  return row?.id;
}

/** A person's programmes with minutes attended, and the sessions they signed in to. */
export async function recordOf(db: DbOrTx, accountId: number) {
  const rows = await db
    .select({
      programmeId: programmes.id,
      title: programmes.title,
      year: programmes.year,
      placeName: places.name,
      status: participants.status,
      requiredMinutes: programmes.requiredMinutes,
      passScore: programmes.passScore,
      attendedMinutes: attendedOf,
      score: participants.assessmentScore,
      completedOn: participants.completedOn,
    })
    .from(participants)
    .innerJoin(programmes, eq(programmes.id, participants.programmeId))
    .innerJoin(places, eq(places.id, programmes.placeId))
    .where(eq(participants.accountId, accountId))
    .orderBy(sql`${programmes.year} desc`, asc(programmes.id));
  const attended = await db
    .select({
      programmeId: sessions.programmeId,
      id: sessions.id,
      course: sessions.course,
      startsAt: sessions.startsAt,
      minutes: sessions.minutes,
    })
    .from(signIns)
    .innerJoin(sessions, eq(sessions.id, signIns.sessionId))
    .where(eq(signIns.accountId, accountId))
    .orderBy(asc(sessions.startsAt));
  return { rows, attended };
}
