import { describe, expect, it } from 'vitest';
import {
  bookingEnd,
  checkFiveHaves,
  fiveHavesWindows,
  meetsFiveHaves,
  missingHaves,
  periodsOverlap,
  venueReviewLifecycle,
  type VenueFacts,
} from './venues';
import { currentRulesVersion } from './rules-documents';

const complete: VenueFacts = {
  signageFileId: 7,
  organisationName: '河滨社区居民议事会',
  rules: { title: '河滨议事厅议事规则', effectiveFrom: '2026-01-01' },
  activities: { count: 2, lastAt: '2026-10-01T06:00:00.000Z' },
  notices: { count: 1, lastOn: '2026-11-20' },
};

describe('checkFiveHaves', () => {
  it('meets all five with every piece of evidence', () => {
    const checks = checkFiveHaves(complete);
    expect(checks.map((c) => c.have)).toEqual(['signage', 'organisation', 'rules', 'activities', 'notices']);
    expect(meetsFiveHaves(checks)).toBe(true);
    expect(checks[2]).toMatchObject({ label: '河滨议事厅议事规则', at: '2026-01-01' });
    expect(checks[3]).toMatchObject({ count: 2, at: '2026-10-01T06:00:00.000Z' });
  });

  it('names what is missing, in the standard order', () => {
    const checks = checkFiveHaves({
      ...complete,
      signageFileId: null,
      activities: { count: 0, lastAt: null },
      notices: { count: 0, lastOn: null },
    });
    expect(missingHaves(checks)).toEqual(['signage', 'activities', 'notices']);
    expect(meetsFiveHaves(checks)).toBe(false);
  });

  it('misses organisation and rules when none is set', () => {
    const checks = checkFiveHaves({ ...complete, organisationName: null, rules: null });
    expect(missingHaves(checks)).toEqual(['organisation', 'rules']);
  });
});

describe('fiveHavesWindows', () => {
  it('looks back twelve months for activities (through today) and thirty days for notices', () => {
    expect(fiveHavesWindows('2026-12-06')).toEqual({
      activities: { from: '2025-12-06', to: '2026-12-07' },
      noticesSince: '2026-11-06',
    });
  });

  it('crosses a month end and a leap day', () => {
    expect(fiveHavesWindows('2028-02-29').activities).toEqual({ from: '2027-03-01', to: '2028-03-01' });
  });
});

describe('venue review lifecycle', () => {
  it('approves or returns a submitted venue; a change sends a review back to draft', () => {
    expect(venueReviewLifecycle.allows('submit', 'draft')).toBe(true);
    expect(venueReviewLifecycle.allows('submit', 'returned')).toBe(true);
    expect(venueReviewLifecycle.allows('approve', 'draft')).toBe(false);
    expect(venueReviewLifecycle.allows('approve', 'submitted')).toBe(true);
    expect(venueReviewLifecycle.allows('return', 'approved')).toBe(false);
    expect(venueReviewLifecycle.allows('invalidate', 'approved')).toBe(true);
    expect(venueReviewLifecycle.allows('invalidate', 'draft')).toBe(false);
  });
});

describe('bookings', () => {
  const at = (h: number) => new Date(Date.UTC(2026, 11, 6, h));
  it('books two hours when a meeting has no end', () => {
    expect(bookingEnd(at(6), null)).toEqual(at(8));
    expect(bookingEnd(at(6), at(7))).toEqual(at(7));
  });

  it('treats touching periods as free and overlapping ones as a conflict', () => {
    expect(periodsOverlap({ start: at(6), end: at(8) }, { start: at(8), end: at(9) })).toBe(false);
    expect(periodsOverlap({ start: at(6), end: at(8) }, { start: at(7), end: at(9) })).toBe(true);
  });
});

describe('currentRulesVersion', () => {
  const versions = [
    { id: 1, effectiveFrom: '2024-01-01' },
    { id: 2, effectiveFrom: '2026-01-01' },
    { id: 3, effectiveFrom: '2027-01-01' },
    { id: 4, effectiveFrom: '2026-01-01' },
  ];
  it('takes the latest effective version, the later-added on a tie, never an upcoming one', () => {
    expect(currentRulesVersion(versions, '2026-06-01')?.id).toBe(4);
    expect(currentRulesVersion(versions, '2025-06-01')?.id).toBe(1);
    expect(currentRulesVersion(versions, '2023-06-01')).toBeUndefined();
  });
});
