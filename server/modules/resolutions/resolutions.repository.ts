import { and, asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { standingOf } from '../../db/people-sql';
import { accounts, meetings, objections, resolutionConfirmations, resolutions, signIns } from '../../db/schema';

export async function findResolution(db: DbOrTx, matterId: number) {
  const [row] = await db.select().from(resolutions).where(eq(resolutions.matterId, matterId));
  return row;
}

/** Inserts the matter's resolution, or rewrites the one it has. */
export async function upsertResolution(db: DbOrTx, values: typeof resolutions.$inferInsert) {
  const [row] = await db
    .insert(resolutions)
    .values(values)
    .onConflictDoUpdate({ target: resolutions.matterId, set: values })
    .returning();
  return row!;
}

export async function setObjectionEndsAt(db: DbOrTx, id: number, objectionEndsAt: Date) {
  await db.update(resolutions).set({ objectionEndsAt }).where(eq(resolutions.id, id));
}

/** Inserts a confirmation; undefined when the account has confirmed already. */
export async function insertConfirmation(db: DbOrTx, resolutionId: number, accountId: number) {
  const [row] = await db
    .insert(resolutionConfirmations)
    .values({ resolutionId, accountId })
    .onConflictDoNothing()
    .returning();
  return row;
}

export async function findConfirmation(db: DbOrTx, resolutionId: number, accountId: number) {
  const [row] = await db
    .select()
    .from(resolutionConfirmations)
    .where(
      and(eq(resolutionConfirmations.resolutionId, resolutionId), eq(resolutionConfirmations.accountId, accountId)),
    );
  return row;
}

export async function meetingBelongs(db: DbOrTx, meetingId: number, matterId: number): Promise<boolean> {
  const [row] = await db
    .select({ id: meetings.id })
    .from(meetings)
    .where(and(eq(meetings.id, meetingId), eq(meetings.matterId, matterId)));
  return Boolean(row);
}

/** Signed in at any meeting of the matter. */
export async function attended(db: DbOrTx, matterId: number, accountId: number): Promise<boolean> {
  const result = await db.execute<{ found: boolean }>(sql`
    select exists (select 1 from ${signIns} s join ${meetings} m on m.id = s.meeting_id
      where m.matter_id = ${matterId} and s.account_id = ${accountId}) as found`);
  return Boolean(result.rows[0]?.found);
}

export async function listConfirmations(db: DbOrTx, resolutionId: number) {
  return db
    .select({
      accountId: resolutionConfirmations.accountId,
      displayName: accounts.displayName,
      standing: standingOf(accounts.id),
      at: resolutionConfirmations.at,
    })
    .from(resolutionConfirmations)
    .innerJoin(accounts, eq(accounts.id, resolutionConfirmations.accountId))
    .where(eq(resolutionConfirmations.resolutionId, resolutionId))
    .orderBy(asc(resolutionConfirmations.at));
}

export async function listObjections(db: DbOrTx, resolutionId: number) {
  return db
    .select({
      id: objections.id,
      accountId: objections.accountId,
      displayName: accounts.displayName,
      standing: standingOf(accounts.id),
      body: objections.body,
      answer: objections.answer,
      answeredAt: objections.answeredAt,
      createdAt: objections.createdAt,
    })
    .from(objections)
    .innerJoin(accounts, eq(accounts.id, objections.accountId))
    .where(eq(objections.resolutionId, resolutionId))
    .orderBy(asc(objections.createdAt), asc(objections.id));
}

export async function findObjectionRef(db: DbOrTx, id: number) {
  const [row] = await db
    .select({ id: objections.id, matterId: resolutions.matterId })
    .from(objections)
    .innerJoin(resolutions, eq(resolutions.id, objections.resolutionId))
    .where(eq(objections.id, id));
  return row;
}

export async function findObjection(db: DbOrTx, id: number) {
  const [row] = await db.select().from(objections).where(eq(objections.id, id));
  return row;
}

export async function insertObjection(db: DbOrTx, values: typeof objections.$inferInsert) {
  const [row] = await db.insert(objections).values(values).returning();
  return row!;
}

export async function recordObjectionAnswer(
  db: DbOrTx,
  id: number,
  answer: { answer: string; answeredBy: number; answeredAt: Date },
) {
  const [row] = await db.update(objections).set(answer).where(eq(objections.id, id)).returning();
  return row!;
}
