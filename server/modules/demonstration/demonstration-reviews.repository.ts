import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import {
  accounts,
  demonstrationObjections as objections,
  demonstrationReassessments as reassessments,
  demonstrationReviews as reviews,
} from '../../db/schema';

type Scores = (typeof reviews.$inferInsert)['scores'];

/** Writes (or rewrites) one reviewer's scores of an application. */
export async function upsertReview(db: DbOrTx, applicationId: number, reviewerAccountId: number, scores: Scores) {
  await db
    .insert(reviews)
    .values({ applicationId, reviewerAccountId, scores })
    .onConflictDoUpdate({
      target: [reviews.applicationId, reviews.reviewerAccountId],
      set: { scores, updatedAt: sql`now()` },
    });
}

/** Every reviewer's scores of an application, with the reviewer's display name (staff only see them). */
export async function reviewsOf(db: DbOrTx, applicationId: number) {
  return db
    .select({ reviewerAccountId: reviews.reviewerAccountId, reviewer: accounts.displayName, scores: reviews.scores })
    .from(reviews)
    .innerJoin(accounts, eq(accounts.id, reviews.reviewerAccountId))
    .where(eq(reviews.applicationId, applicationId))
    .orderBy(asc(reviews.id));
}

export async function insertObjection(db: DbOrTx, values: typeof objections.$inferInsert) {
  const [row] = await db.insert(objections).values(values).returning({ id: objections.id });
  return row!.id;
}

/** An application's objections, oldest first; who raised them is never shown. */
export async function objectionsOf(db: DbOrTx, applicationId: number) {
  return db
    .select({ id: objections.id, body: objections.body, answer: objections.answer, createdAt: objections.createdAt })
    .from(objections)
    .where(eq(objections.applicationId, applicationId))
    .orderBy(asc(objections.id));
}

export async function objectionRef(db: DbOrTx, id: number) {
  const [row] = await db
    .select({ id: objections.id, applicationId: objections.applicationId, answer: objections.answer })
    .from(objections)
    .where(eq(objections.id, id));
  return row;
}

/** Answers an objection not answered yet; false when it already was. */
export async function answerObjectionRow(db: DbOrTx, id: number, answer: string, accountId: number) {
  const rows = await db
    .update(objections)
    .set({ answer, answeredBy: accountId, answeredAt: sql`now()` })
    .where(and(eq(objections.id, id), isNull(objections.answer)))
    .returning({ id: objections.id });
  return rows.length > 0;
}

/** How many of an application's objections are still unanswered. */
export async function unansweredCount(db: DbOrTx, applicationId: number) {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(objections)
    .where(and(eq(objections.applicationId, applicationId), isNull(objections.answer)));
  return row?.n ?? 0;
}

/** Records a year's re-assessment; undefined when that year was already re-assessed. */
export async function insertReassessment(db: DbOrTx, values: typeof reassessments.$inferInsert) {
  const [row] = await db.insert(reassessments).values(values).onConflictDoNothing().returning({ id: reassessments.id });
  return row?.id;
}

export async function reassessmentsOf(db: DbOrTx, applicationId: number) {
  return db
    .select({
      year: reassessments.year,
      total: reassessments.total,
      finding: reassessments.finding,
      status: reassessments.resultingStatus,
    })
    .from(reassessments)
    .where(eq(reassessments.applicationId, applicationId))
    .orderBy(asc(reassessments.year));
}
