import { personLabel, type PersonStanding } from '../../../domain/people/public-name';
import type { Stance } from '../../../domain/matters/stances';
import type { CommentView } from '../../../contracts/discussion';

export type CommentRow = {
  id: number;
  parentId: number | null;
  accountId: number;
  displayName: string;
  standing: PersonStanding;
  stance: Stance;
  body: string;
  isHidden: boolean;
  hiddenReason: string | null;
  createdAt: Date;
};

export function presentComment(row: CommentRow, viewer: { accountId: number; isStaff: boolean }): CommentView {
  return {
    id: row.id,
    parentId: row.parentId,
    author: personLabel(
      { name: row.displayName, standing: row.standing },
      viewer.isStaff || row.accountId === viewer.accountId,
    ),
    isMine: row.accountId === viewer.accountId,
    stance: row.stance,
    // Residents read why a comment was hidden (hiddenReason), in their own language, never its text.
    body: row.isHidden && !viewer.isStaff ? '' : row.body,
    isHidden: row.isHidden,
    hiddenReason: row.hiddenReason,
    createdAt: row.createdAt.toISOString(),
  };
}
