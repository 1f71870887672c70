import { describe, expect, it } from 'vitest';
import { threadComments, visibleBody } from './comment-thread';
import type { Comment } from './discussion.api';

let clock = 0;
function comment(id: number, parentId: number | null, over: Partial<Comment> = {}): Comment {
  clock += 1;
  return {
    id,
    parentId,
    author: { kind: 'resident', initial: String.fromCharCode(64 + id) },
    isMine: false,
    stance: 'neutral',
    body: `意见 ${id}`,
    isHidden: false,
    hiddenReason: null,
    createdAt: new Date(Date.UTC(2026, 10, 25, 8, clock)).toISOString(),
    ...over,
  };
}

describe('threadComments', () => {
  it('puts replies under their top-level comment, oldest first, naming whom each answers', () => {
    const items = [comment(1, null), comment(2, null), comment(3, 1), comment(4, 3), comment(5, 2)];
    const threads = threadComments(items.reverse());
    expect(threads.map((th) => th.comment.id)).toEqual([1, 2]);
    expect(threads[0]!.replies.map((r) => [r.comment.id, r.replyTo])).toEqual([
      [3, { kind: 'resident', initial: 'A' }],
      [4, { kind: 'resident', initial: 'C' }],
    ]);
    expect(threads[1]!.replies.map((r) => r.comment.id)).toEqual([5]);
  });

  it('keeps a reply whose parent is not in the list as a thread of its own', () => {
    const threads = threadComments([comment(7, 99)]);
    expect(threads).toHaveLength(1);
    expect(threads[0]!.comment.id).toBe(7);
  });
});

describe('visibleBody', () => {
  it('shows no body where the server withheld a hidden comment’s text', () => {
    const c = comment(1, null, { isHidden: true, hiddenReason: '含人身攻击', body: '' });
    expect(visibleBody(c)).toBeNull();
  });

  it('keeps the original text that staff still receive for a hidden comment', () => {
    const c = comment(1, null, { isHidden: true, hiddenReason: '含人身攻击', body: '原文' });
    expect(visibleBody(c)).toBe('原文');
  });
});
