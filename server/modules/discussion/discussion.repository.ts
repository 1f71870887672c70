import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
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
