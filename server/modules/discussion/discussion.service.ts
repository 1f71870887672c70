import { can, type Actor } from '../../../domain/access';
import type { Db } from '../../db/client';
import { AppError, notFound } from '../../errors';
import { loadVisibleMatter, runMatterCommand } from '../matters';
import { presentComment } from './discussion.presenter';
import {
  findAccountName,
  findCommentRef,
  insertComment,
  listCommentRows,
  markCommentHidden,
} from './discussion.repository';
import type { CommentView, CreateCommentBody } from '../../../contracts/discussion';

/** Staff and supervisors of the matter's place see names and hidden text. */
const viewerOf = (actor: Actor, subject: Parameters<typeof can>[2]) => ({
  accountId: actor.accountId,
  isStaff: can(actor, 'matter.export', subject),
});

/** The matter's discussion as the actor may read it. */
export async function listComments(db: Db, actor: Actor, matterId: number) {
  const { subject } = await loadVisibleMatter(db, actor, matterId);
  const viewer = viewerOf(actor, subject);
  const rows = await listCommentRows(db, matterId);
  const counts = { for: 0, against: 0, neutral: 0 };
  for (const row of rows) if (!row.isHidden) counts[row.stance] += 1;
  return {
    items: rows.map((r) => presentComment(r, viewer)),
    counts,
    abilities: {
      'matter.discuss': can(actor, 'matter.discuss', subject),
      'matter.moderate': can(actor, 'matter.moderate', subject),
    },
  };
}

/** 云议事: posts a comment (or a reply to one on the same matter). */
export async function postComment(db: Db, actor: Actor, matterId: number, input: CreateCommentBody) {
  return runMatterCommand<CommentView>(db, {
    actor,
    matterId,
    action: 'matter.discuss',
    audit: 'comment.post',
    write: async (tx) => {
      if (input.parentId !== undefined) {
        const parent = await findCommentRef(tx, input.parentId);
        if (!parent || parent.matterId !== matterId) {
          throw new AppError(400, 'comment.parent_mismatch', { field: 'parentId' });
        }
      }
      const row = await insertComment(tx, {
        matterId,
        parentId: input.parentId ?? null,
        accountId: actor.accountId,
        stance: input.stance,
        body: input.body,
      });
      const author = await findAccountName(tx, actor.accountId);
      return {
        // The chain records who and which way, not the text: it outlives moderation.
        payload: { commentId: row.id, stance: row.stance, parentId: row.parentId },
        texts: [{ kind: 'comment', id: row.id, field: 'body', text: row.body }],
        result: presentComment(
          { ...row, displayName: author!.displayName, standing: author!.standing },
          { accountId: actor.accountId, isStaff: false },
        ),
      };
    },
  });
}

/** Moderation: hides a comment with a reason that everyone sees in its place. */
export async function hideComment(db: Db, actor: Actor, commentId: number, reason: string) {
  const ref = await findCommentRef(db, commentId);
  if (!ref) throw notFound('comment');
  return runMatterCommand(db, {
    actor,
    matterId: ref.matterId,
    action: 'matter.moderate',
    audit: 'comment.hide',
    write: async (tx) => {
      await markCommentHidden(tx, commentId, reason, actor.accountId);
      return {
        payload: { commentId, reason },
        result: { id: commentId, isHidden: true, hiddenReason: reason },
        texts: [{ kind: 'comment', id: commentId, field: 'hiddenReason', text: reason }],
      };
    },
  });
}
