import { and, desc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { ballotOptions, ballots, councils, dwellings } from '../../../db/schema';
import { inSubtree } from '../../../db/subtree';
import type { BallotRow } from '../casting/cast';

export async function insertBallotRow(tx: DbOrTx, values: typeof ballots.$inferInsert): Promise<BallotRow> {
  const [ballot] = await tx.insert(ballots).values(values).returning();
  return ballot!;
}

/** The ballot's options, numbered from 1 in the order given. */
export async function insertBallotOptions(tx: DbOrTx, ballotId: number, labels: readonly string[]) {
  await tx.insert(ballotOptions).values(labels.map((label, i) => ({ ballotId, position: i + 1, label })));
}

export async function findCouncil(db: DbOrTx, councilId: number) {
  const [council] = await db.select().from(councils).where(eq(councils.id, councilId));
  return council;
}

/** Which of these dwellings lie within the subtree at `path`. */
export async function dwellingIdsWithin(db: DbOrTx, dwellingIds: readonly number[], path: string) {
  return db
    .select({ id: dwellings.id })
    .from(dwellings)
    .where(and(inArray(dwellings.id, [...dwellingIds]), inSubtree(dwellings.placePath, path)));
}

/** A matter's ballots, newest first. */
export async function ballotsOfMatter(db: DbOrTx, matterId: number) {
  return db.select().from(ballots).where(eq(ballots.matterId, matterId)).orderBy(desc(ballots.id));
}
