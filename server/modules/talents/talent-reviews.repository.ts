import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { accounts, talentObjections as objections, talentReviews as reviews } from '../../db/schema';

/** Writes (or rewrites) one reviewer's scores of a nomination. */
export async function upsertTalentReview(
  db: DbOrTx,
  nominationId: number,
  reviewerAccountId: number,
  scores: Record<string, number>,
) {
  await db
    .insert(reviews)
    .values({ nominationId, reviewerAccountId, scores })
    .onConflictDoUpdate({
      target: [reviews.nominationId, reviews.reviewerAccountId],
      set: { scores, updatedAt: sql`now()` },
    });
}

/** Every reviewer's scores of the nominations, with the reviewer's display name (city staff see them). */
export async function reviewsOfNominations(db: DbOrTx, nominationIds: readonly number[]) {
  if (nominationIds.length === 0) return [];
  return db
    .select({
      nominationId: reviews.nominationId,
      reviewerAccountId: reviews.reviewerAccountId,
      reviewer: accounts.displayName,
      scores: reviews.scores,
    })
    .from(reviews)
    .innerJoin(accounts, eq(accounts.id, reviews.reviewerAccountId))
    .where(sql`${reviews.nominationId} in ${nominationIds}`)
    .orderBy(asc(reviews.id));
}
export type TalentReviewRow = Awaited<ReturnType<typeof reviewsOfNominations>>[number];

export async function insertTalentObjection(db: DbOrTx, values: typeof objections.$inferInsert) {
  const [row] = await db.insert(objections).values(values).returning({ id: objections.id });
  return row!.id;
}

/** The nominations' objections, oldest first; who raised them is never shown. */
export async function objectionsOfNominations(db: DbOrTx, nominationIds: readonly number[]) {
  if (nominationIds.length === 0) return [];
  return db
    .select({
      id: objections.id,
      nominationId: objections.nominationId,
      body: objections.body,
      answer: objections.answer,
      upheld: objections.upheld,
      createdAt: objections.createdAt,
    })
    .from(objections)
    .where(sql`${objections.nominationId} in ${nominationIds}`)
    .orderBy(asc(objections.id));
}
export type TalentObjectionRow = Awaited<ReturnType<typeof objectionsOfNominations>>[number];

export async function talentObjectionRef(db: DbOrTx, id: number) {
  const [row] = await db
    .select({ id: objections.id, nominationId: objections.nominationId })
    .from(objections)
    .where(eq(objections.id, id));
  return row;
}

/** Answers an objection not answered yet; false when it already was. */
export async function answerTalentObjection(
  db: DbOrTx,
  id: number,
  answer: { answer: string; upheld: boolean; accountId: number },
) {
  const rows = await db
    .update(objections)
    .set({ answer: answer.answer, upheld: answer.upheld, answeredBy: answer.accountId, answeredAt: sql`now()` })
    .where(and(eq(objections.id, id), isNull(objections.answer)))
    .returning({ id: objections.id });
  return rows.length > 0;
}

/** How many of a nomination's objections are still unanswered. */
export async function unansweredTalentObjections(db: DbOrTx, nominationId: number) {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(objections)
    .where(and(eq(objections.nominationId, nominationId), isNull(objections.answer)));
  return row?.n ?? 0;
}
