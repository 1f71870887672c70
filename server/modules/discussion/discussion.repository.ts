import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { standingOf } from '../../db/people-sql';
import { accounts, comments } from '../../db/schema';
import type { CommentRow } from './discussion.presenter';

/** A matter's comments in posting order, with their authors' display names (one query). */
export async function listCommentRows(db: DbOrTx, matterId: number): Promise<CommentRow[]> {
  return db
    .select({
      id: comments.id,
      parentId: comments.parentId,
      accountId: comments.accountId,
      displayName: accounts.displayName,
      standing: standingOf(accounts.id),
      stance: comments.stance,
      body: comments.body,
      isHidden: comments.isHidden,
      hiddenReason: comments.hiddenReason,
      createdAt: comments.createdAt,
    })
    .from(comments)
    .innerJoin(accounts, eq(accounts.id, comments.accountId))
    .where(eq(comments.matterId, matterId))
    .orderBy(asc(comments.createdAt), asc(comments.id));
}

export async function findCommentRef(db: DbOrTx, id: number) {
  const [row] = await db
    .select({ id: comments.id, matterId: comments.matterId })
    .from(comments)
    .where(eq(comments.id, id));
  return row;
}

export async function insertComment(db: DbOrTx, values: typeof comments.$inferInsert) {
  const [row] = await db.insert(comments).values(values).returning();
  return row!;
}

/** The account's display name and standing, as a row (undefined when there is no such account). */
export async function findAccountName(db: DbOrTx, accountId: number) {
  const [row] = await db
    .select({ displayName: accounts.displayName, standing: standingOf(accounts.id) })
    .from(accounts)
    .where(eq(accounts.id, accountId));
  return row;
}

export async function markCommentHidden(db: DbOrTx, id: number, hiddenReason: string, hiddenBy: number) {
  await db.update(comments).set({ isHidden: true, hiddenReason, hiddenBy }).where(eq(comments.id, id));
}
