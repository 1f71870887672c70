import { describe, expect, it } from 'vitest';
import { pageCursors } from './page-cursors';

describe('pageCursors', () => {
  it('opens the page after one read with its next cursor, and nothing else', () => {
    const cursors = pageCursors();
    cursors.remember(1, 'c2');
    expect(cursors.afterFor(2)).toBe('c2');
    expect(cursors.afterFor(1)).toBeUndefined();
    expect(cursors.afterFor(3)).toBeUndefined();
  });

  it('forgets the cursor when the page was the last, and all of them on reset', () => {
    const cursors = pageCursors();
    cursors.remember(1, 'c2');
    cursors.remember(2, 'c3');
    cursors.remember(1, null);
    expect(cursors.afterFor(2)).toBeUndefined();
    expect(cursors.afterFor(3)).toBe('c3');
    cursors.reset();
    expect(cursors.afterFor(3)).toBeUndefined();
  });
});
