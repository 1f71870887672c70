import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { evaluations, followUps, residents, supervisionReviews } from '../../db/schema';
import { inSubtree } from '../../db/subtree';

/** Whether the account has rated the matter itself (a follow-up of method 'self'). */
export async function hasRatedSelf(db: DbOrTx, matterId: number, accountId: number): Promise<boolean> {
  const [mine] = await db
    .select({ id: followUps.id })
    .from(followUps)
    .where(and(eq(followUps.matterId, matterId), eq(followUps.recordedBy, accountId), eq(followUps.method, 'self')));
  return mine !== undefined;
}

/** Whether the resident lives in the place subtree at `communityPath`. */
export async function residentLivesIn(db: DbOrTx, residentId: number, communityPath: string): Promise<boolean> {
  const [resident] = await db
    .select({ id: residents.id })
    .from(residents)
    .where(and(eq(residents.id, residentId), inSubtree(residents.placePath, communityPath)));
  return resident !== undefined;
}

export async function insertFollowUp(db: DbOrTx, values: typeof followUps.$inferInsert) {
  const [row] = await db.insert(followUps).values(values).returning();
  return row!;
}

export async function insertSupervisionReview(db: DbOrTx, values: typeof supervisionReviews.$inferInsert) {
  const [row] = await db.insert(supervisionReviews).values(values).returning();
  return row!;
}

export async function hasEvaluation(db: DbOrTx, matterId: number): Promise<boolean> {
  const [existing] = await db
    .select({ id: evaluations.id })
    .from(evaluations)
    .where(eq(evaluations.matterId, matterId));
  return existing !== undefined;
}

export async function insertEvaluation(db: DbOrTx, values: typeof evaluations.$inferInsert) {
  const [row] = await db.insert(evaluations).values(values).returning();
  return row!;
}
