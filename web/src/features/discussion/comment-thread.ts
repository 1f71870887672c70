import type { PersonLabel } from '../../../../domain/people/public-name';
import type { Comment } from './discussion.api';

/** One top-level comment and every reply beneath it, however deep (shown one level in). */
export type CommentThread = { comment: Comment; replies: { comment: Comment; replyTo: PersonLabel }[] };

const byTime = (a: Comment, b: Comment) => a.createdAt.localeCompare(b.createdAt) || a.id - b.id;

/**
 * Groups comments into threads by their top-level ancestor, oldest first. A reply whose parent is
 * missing from the list stands as its own thread rather than disappearing.
 */
export function threadComments(items: readonly Comment[]): CommentThread[] {
  const byId = new Map(items.map((c) => [c.id, c]));
  const rootOf = (c: Comment): Comment => {
    let current = c;
    const seen = new Set<number>();
    while (current.parentId !== null && byId.has(current.parentId) && !seen.has(current.id)) {
      seen.add(current.id);
      current = byId.get(current.parentId)!;
    }
    return current;
  };
  const threads = new Map<number, CommentThread>();
  const sorted = [...items].sort(byTime);
  for (const c of sorted) if (rootOf(c) === c) threads.set(c.id, { comment: c, replies: [] });
  for (const c of sorted) {
    const root = rootOf(c);
    if (root === c) continue;
    threads.get(root.id)!.replies.push({ comment: c, replyTo: byId.get(c.parentId!)!.author });
  }
  return [...threads.values()];
}

/** The text a comment shows as its body: none when the server withheld a hidden comment's text. */
export function visibleBody(c: Comment): string | null {
  if (c.isHidden && c.body === '') return null;
  return c.body;
}
