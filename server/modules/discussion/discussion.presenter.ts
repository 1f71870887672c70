import { publicName } from '../../../domain/people/public-name';
import type { Stance } from '../../../domain/matters/stances';
import type { CommentView } from '../../../contracts/discussion';

export type CommentRow = {
  id: number;
  parentId: number | null;
  accountId: number;
  displayName: string;
  stance: Stance;
  body: string;
  isHidden: boolean;
  hiddenReason: string | null;
  createdAt: Date;
};

export function presentComment(row: CommentRow, viewer: { accountId: number; isStaff: boolean }): CommentView {
  const hiddenText = `已隐藏：${row.hiddenReason ?? ''}`;
  return {
    id: row.id,
    parentId: row.parentId,
    author: publicName(row.displayName, viewer.isStaff),
    isMine: row.accountId === viewer.accountId,
    stance: row.stance,
    body: row.isHidden && !viewer.isStaff ? hiddenText : row.body,
    isHidden: row.isHidden,
    hiddenReason: row.hiddenReason,
    createdAt: row.createdAt.toISOString(),
  };
}
