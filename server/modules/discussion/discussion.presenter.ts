import type { CommentView } from './discussion.schemas';

/** Boundaries of each pinyin initial in the Chinese collation (the first character under each letter). */
const BOUNDARIES = '阿八嚓哒妸发旮哈讥咔垃妈拏噢妑七呥仨它穵夕丫帀';
const LETTERS = 'ABCDEFGHJKLMNOPQRSTWXYZ';
const collator = new Intl.Collator('zh-Hans-CN-u-co-pinyin');

/** The pinyin initial of a Chinese surname (张 → Z), or the Latin letter itself; '' if unknown. */
export function surnameInitial(name: string): string {
  const first = name.trim().charAt(0);
  if (/[A-Za-z]/.test(first)) return first.toUpperCase();
  if (!/\p{Script=Han}/u.test(first)) return '';
  let letter = '';
  for (const [i, boundary] of [...BOUNDARIES].entries()) {
    if (collator.compare(first, boundary) >= 0) letter = LETTERS[i]!;
    else break;
  }
  return letter;
}

/** Staff see who spoke; everyone else sees 居民 + surname initial, never a name or a phone. */
export function publicName(displayName: string, isStaffViewer: boolean): string {
  return isStaffViewer ? displayName : `居民${surnameInitial(displayName)}`;
}

export type CommentRow = {
  id: number;
  parentId: number | null;
  accountId: number;
  displayName: string;
  stance: 'for' | 'against' | 'neutral';
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
