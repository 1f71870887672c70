import { describe, expect, it } from 'vitest';
import { pageCursors } from './page-cursors';

describe('pageCursors', () => {
  it('opens the page after one read with its next cursor, and nothing else', () => {
    const cursors = pageCursors();
    cursors.remember('7', 1, 'c2');
    expect(cursors.afterFor('7', 2)).toBe('c2');
    expect(cursors.afterFor('7', 1)).toBeUndefined();
    expect(cursors.afterFor('7', 3)).toBeUndefined();
  });

  it('keeps each list (place, search) to its own cursors', () => {
    const cursors = pageCursors();
    cursors.remember('7', 1, 'c2');
    cursors.remember('7\u0000张', 1, 'z2');
    expect(cursors.afterFor('8', 2)).toBeUndefined();
    expect(cursors.afterFor('7\u0000张', 2)).toBe('z2');
    expect(cursors.afterFor('7', 2)).toBe('c2');
  });

  it('forgets the cursor when the page turns out to be the last', () => {
    const cursors = pageCursors();
    cursors.remember('7', 1, 'c2');
    cursors.remember('7', 1, null);
    expect(cursors.afterFor('7', 2)).toBeUndefined();
  });
});
