import { and, asc, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { standingOf } from '../../db/people-sql';
import {
  accounts,
  evaluations,
  followUps,
  invitations,
  matterFiles,
  supervisionReviews,
  taskProgress,
  tasks,
} from '../../db/schema';

export async function findTaskRef(db: DbOrTx, id: number) {
  const [row] = await db
    .select({ id: tasks.id, matterId: tasks.matterId, ownerAccountId: tasks.ownerAccountId })
    .from(tasks)
    .where(eq(tasks.id, id));
  return row;
}

export async function findTask(db: DbOrTx, id: number) {
  const [row] = await db.select().from(tasks).where(eq(tasks.id, id));
  return row;
}

export async function accountExists(db: DbOrTx, id: number): Promise<boolean> {
  const [row] = await db.select({ id: accounts.id }).from(accounts).where(eq(accounts.id, id));
  return row !== undefined;
}

export async function insertTask(db: DbOrTx, values: typeof tasks.$inferInsert) {
  const [row] = await db.insert(tasks).values(values).returning();
  return row!;
}

/** Marks the task done; a task done before keeps its first `doneAt`. */
export async function markTaskDone(db: DbOrTx, id: number, now: Date) {
  await db
    .update(tasks)
    .set({ status: 'done', doneAt: sql`coalesce(${tasks.doneAt}, ${now.toISOString()}::timestamptz)` })
    .where(eq(tasks.id, id));
}

export async function insertProgress(db: DbOrTx, values: typeof taskProgress.$inferInsert) {
  const [row] = await db.insert(taskProgress).values(values).returning();
  return row!;
}

/** The accounts invited to the matter, each once. */
export async function invitedAccountIds(db: DbOrTx, matterId: number): Promise<number[]> {
  const invited = await db
    .selectDistinct({ accountId: invitations.accountId })
    .from(invitations)
    .where(and(eq(invitations.matterId, matterId), isNotNull(invitations.accountId)));
  return invited.map((i) => i.accountId!);
}

export async function findMatterFile(db: DbOrTx, id: number) {
  const [row] = await db.select().from(matterFiles).where(eq(matterFiles.id, id));
  return row;
}

/** Everything implementation and review hold for a matter: tasks with progress, follow-ups, reviews. */
export async function readImplementation(db: DbOrTx, matterId: number) {
  const taskRows = await db.select().from(tasks).where(eq(tasks.matterId, matterId)).orderBy(asc(tasks.id));
  const progressRows = taskRows.length
    ? await db
        .select()
        .from(taskProgress)
        .where(
          inArray(
            taskProgress.taskId,
            taskRows.map((t) => t.id),
          ),
        )
        .orderBy(asc(taskProgress.createdAt), asc(taskProgress.id))
    : [];
  const photoRows = await db
    .select({ id: matterFiles.id, taskProgressId: matterFiles.taskProgressId })
    .from(matterFiles)
    .where(and(eq(matterFiles.matterId, matterId), eq(matterFiles.purpose, 'progress')))
    .orderBy(asc(matterFiles.id));
  const followUpRows = await db
    .select({
      id: followUps.id,
      method: followUps.method,
      satisfaction: followUps.satisfaction,
      comment: followUps.comment,
      recordedById: followUps.recordedBy,
      recordedBy: accounts.displayName,
      recordedByStanding: standingOf(accounts.id),
      createdAt: followUps.createdAt,
    })
    .from(followUps)
    .innerJoin(accounts, eq(accounts.id, followUps.recordedBy))
    .where(eq(followUps.matterId, matterId))
    .orderBy(asc(followUps.createdAt), asc(followUps.id));
  const reviewRows = await db
    .select({
      verdict: supervisionReviews.verdict,
      comment: supervisionReviews.comment,
      lookBackOn: supervisionReviews.lookBackOn,
      reviewer: accounts.displayName,
      createdAt: supervisionReviews.createdAt,
    })
    .from(supervisionReviews)
    .innerJoin(accounts, eq(accounts.id, supervisionReviews.accountId))
    .where(eq(supervisionReviews.matterId, matterId))
    .orderBy(desc(supervisionReviews.createdAt));
  const [evaluation] = await db.select().from(evaluations).where(eq(evaluations.matterId, matterId));
  return { taskRows, progressRows, photoRows, followUpRows, reviewRows, evaluation };
}
export type ImplementationRecord = Awaited<ReturnType<typeof readImplementation>>;
