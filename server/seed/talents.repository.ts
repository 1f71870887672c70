/** The SQL of the leading-talent demo (talents.ts): last year's training programme, its people and micro-leaders. */
import { and, asc, eq, isNotNull, not, like, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import {
  accounts,
  microLeaders,
  residents,
  talentSelections,
  trainingParticipants,
  trainingProgrammes,
  trainingSessions,
  trainingSignIns,
} from '../db/schema';

export async function countTalentSelections(db: DbOrTx): Promise<number> {
  const { rows } = await db.execute<{ n: number }>(sql`select count(*)::int as n from ${talentSelections}`);
  return rows[0]?.n ?? 0;
}

/** A closed programme with its sessions; the sessions' ids in order. */
export async function insertProgramme(
  db: DbOrTx,
  programme: typeof trainingProgrammes.$inferInsert,
  sessions: Omit<typeof trainingSessions.$inferInsert, 'programmeId'>[],
) {
  const [row] = await db.insert(trainingProgrammes).values(programme).returning({ id: trainingProgrammes.id });
  const ids = await db
    .insert(trainingSessions)
    .values(sessions.map((s) => ({ ...s, programmeId: row!.id })))
    .returning({ id: trainingSessions.id });
  return { programmeId: row!.id, sessionIds: ids.map((s) => s.id) };
}

export async function insertSignIns(db: DbOrTx, rows: (typeof trainingSignIns.$inferInsert)[]) {
  if (rows.length) await db.insert(trainingSignIns).values(rows).onConflictDoNothing();
}

export async function insertParticipant(db: DbOrTx, row: typeof trainingParticipants.$inferInsert) {
  await db.insert(trainingParticipants).values(row).onConflictDoNothing();
}

/** A micro-leader row unless the person is one already (another seed may have made them one). */
export async function insertMicroLeader(db: DbOrTx, row: typeof microLeaders.$inferInsert) {
  await db.insert(microLeaders).values(row).onConflictDoNothing();
}

/** The programmes of a year with this title (the seed writes its programme once). */
export async function programmeByTitle(db: DbOrTx, title: string) {
  const [row] = await db
    .select({ id: trainingProgrammes.id })
    .from(trainingProgrammes)
    .where(eq(trainingProgrammes.title, title))
    .orderBy(asc(trainingProgrammes.id));
  return row;
}

/**
 * Residents who already have an account (the demo matters' people), none of them a demo login
 * (phones 139000000…), by account id: the seed draws its trainees and nominees from them.
 */
export async function residentAccounts(db: DbOrTx) {
  return db
    .select({
      accountId: accounts.id,
      name: accounts.displayName,
      phone: accounts.phone,
      placePath: residents.placePath,
    })
    .from(accounts)
    .innerJoin(residents, eq(residents.id, accounts.residentId))
    .where(and(isNotNull(accounts.residentId), not(like(accounts.phone, '139000000%'))))
    .orderBy(asc(accounts.id));
}
