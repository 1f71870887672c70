import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { ProgrammeCommand } from '../../../domain/training';
import { programmeLifecycle } from '../../../domain/training';
import type { DbOrTx } from '../../db/client';
import { inStates } from '../../db/lifecycle-sql';
import {
  places,
  trainingParticipants as participants,
  trainingProgrammes as programmes,
  trainingSessions as sessions,
  trainingSignIns as signIns,
  venues,
} from '../../db/schema';
import { inSubtree } from '../../db/subtree';

export type ProgrammeRow = NonNullable<Awaited<ReturnType<typeof programmeById>>>;

const programmeColumns = (accountId: number) => ({
  id: programmes.id,
  placeId: programmes.placeId,
  placePath: programmes.placePath,
  placeName: places.name,
  year: programmes.year,
  title: programmes.title,
  description: programmes.description,
  status: programmes.status,
  requiredMinutes: programmes.requiredMinutes,
  passScore: programmes.passScore,
  makesMicroLeaders: programmes.makesMicroLeaders,
  sessionCount: sql<number>`(select count(*)::int from ${sessions} where ${sessions.programmeId} = ${programmes.id})`,
  participantCount: sql<number>`(select count(*)::int from ${participants} where ${participants.programmeId} = ${programmes.id})`,
  myStatus: sql<
    string | null
  >`(select ${participants.status} from ${participants} where ${participants.programmeId} = ${programmes.id} and ${participants.accountId} = ${accountId})`,
});

/** Inserts a draft programme; returns its id. */
export async function insertProgramme(db: DbOrTx, values: typeof programmes.$inferInsert) {
  const [row] = await db.insert(programmes).values(values).returning({ id: programmes.id });
  return row!.id;
}

/** One programme with its place's name, counts and the reader's own participation. */
export async function programmeById(db: DbOrTx, id: number, accountId = 0) {
  const [row] = await db
    .select(programmeColumns(accountId))
    .from(programmes)
    .innerJoin(places, eq(places.id, programmes.placeId))
    .where(eq(programmes.id, id));
  return row;
}

/** Programmes of a year and/or set at a place (newest first); access is filtered by the caller. */
export async function programmeRows(db: DbOrTx, accountId: number, filter: { year?: number; placeId?: number }) {
  return db
    .select(programmeColumns(accountId))
    .from(programmes)
    .innerJoin(places, eq(places.id, programmes.placeId))
    .where(
      and(
        filter.year === undefined ? undefined : eq(programmes.year, filter.year),
        filter.placeId === undefined ? undefined : eq(programmes.placeId, filter.placeId),
      ),
    )
    .orderBy(desc(programmes.year), desc(programmes.id));
}

/** Moves a programme by `command` when its status allows; undefined when it does not (or someone did first). */
export async function moveProgramme(db: DbOrTx, id: number, command: ProgrammeCommand) {
  const { from, to } = programmeLifecycle.transitions[command];
  const [row] = await db
    .update(programmes)
    .set({ status: to })
    .where(and(eq(programmes.id, id), inStates(programmes.status, from)))
    .returning({ id: programmes.id });
  return row?.id;
}

/** Locks the programme row for a command that depends on its status. */
export async function lockProgramme(db: DbOrTx, id: number) {
  const [row] = await db.select().from(programmes).where(eq(programmes.id, id)).for('update');
  return row;
}

/** A venue's name if it lies inside `within`. */
export async function venueWithin(db: DbOrTx, venueId: number, within: string) {
  const [row] = await db
    .select({ id: venues.id, name: venues.name })
    .from(venues)
    .where(and(eq(venues.id, venueId), inSubtree(venues.placePath, within)));
  return row;
}

/** Inserts a session; returns its id. */
export async function insertSession(db: DbOrTx, values: typeof sessions.$inferInsert) {
  const [row] = await db.insert(sessions).values(values).returning({ id: sessions.id });
  return row!.id;
}

const sessionColumns = (accountId: number) => ({
  id: sessions.id,
  programmeId: sessions.programmeId,
  course: sessions.course,
  teacher: sessions.teacher,
  startsAt: sessions.startsAt,
  minutes: sessions.minutes,
  location: sessions.location,
  venueId: sessions.venueId,
  venueName: venues.name,
  signInCode: sessions.signInCode,
  attendeeCount: sql<number>`(select count(*)::int from ${signIns} where ${signIns.sessionId} = ${sessions.id})`,
  isSignedIn: sql<boolean>`exists (select 1 from ${signIns} where ${signIns.sessionId} = ${sessions.id} and ${signIns.accountId} = ${accountId})`,
});

/** A programme's sessions in time order, each with its attendee count and whether the reader signed in. */
export async function sessionsOf(db: DbOrTx, programmeId: number, accountId: number) {
  return db
    .select(sessionColumns(accountId))
    .from(sessions)
    .leftJoin(venues, eq(venues.id, sessions.venueId))
    .where(eq(sessions.programmeId, programmeId))
    .orderBy(asc(sessions.startsAt), asc(sessions.id));
}

/** One session with its programme id. */
export async function sessionById(db: DbOrTx, id: number) {
  const [row] = await db.select().from(sessions).where(eq(sessions.id, id));
  return row;
}

/** The sessions carrying this code (codes are random; more than one is possible but rare). */
export async function sessionsByCode(db: DbOrTx, code: string) {
  return db.select().from(sessions).where(eq(sessions.signInCode, code)).orderBy(desc(sessions.startsAt));
}
