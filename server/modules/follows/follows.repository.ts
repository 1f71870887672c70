import { and, asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { matterFollows } from '../../db/schema';

/** Adds the follow unless it is there already (two at once store one row). */
export async function insertFollow(db: DbOrTx, matterId: number, accountId: number): Promise<void> {
  await db.insert(matterFollows).values({ matterId, accountId }).onConflictDoNothing();
}

export async function deleteFollow(db: DbOrTx, matterId: number, accountId: number): Promise<void> {
  await db
    .delete(matterFollows)
    .where(and(eq(matterFollows.matterId, matterId), eq(matterFollows.accountId, accountId)));
}

export async function countFollowers(db: DbOrTx, matterId: number): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(matterFollows)
    .where(eq(matterFollows.matterId, matterId));
  return row?.n ?? 0;
}

/**
 * The accounts that follow (关注) a matter, lowest id first: whom its news should reach. Proposer and
 * supporters are not included unless they followed it too.
 */
export async function followerAccountIds(db: DbOrTx, matterId: number): Promise<number[]> {
  const rows = await db
    .select({ accountId: matterFollows.accountId })
    .from(matterFollows)
    .where(eq(matterFollows.matterId, matterId))
    .orderBy(asc(matterFollows.accountId));
  return rows.map((r) => r.accountId);
}
