import { describe, expect, it } from 'vitest';
import { applicationLifecycle, isBadgeHolding, noticeLastDay, reassessmentOutcome } from './applications';

describe('demonstration application lifecycle', () => {
  it('runs draft → submitted → recommended → under review → noticed → named', () => {
    const path = ['submit', 'recommend', 'review', 'name', 'confirm'] as const;
    let status = applicationLifecycle.initial;
    for (const command of path) {
      expect(applicationLifecycle.allows(command, status)).toBe(true);
      status = applicationLifecycle.transitions[command].to;
    }
    expect(status).toBe('named');
  });

  it('lets a returned application be submitted again, and nothing be named twice', () => {
    expect(applicationLifecycle.allows('submit', 'returned')).toBe(true);
    expect(applicationLifecycle.allows('name', 'noticed')).toBe(false);
    expect(applicationLifecycle.allows('recommend', 'draft')).toBe(false);
  });

  it('shows the badge only once the naming is final and until removal', () => {
    expect(isBadgeHolding('noticed')).toBe(false);
    expect(isBadgeHolding('named')).toBe(true);
    expect(isBadgeHolding('warned')).toBe(true);
    expect(isBadgeHolding('removed')).toBe(false);
  });
});

describe('yearly re-assessment (动态管理)', () => {
  const fail = { total: 50, passMark: 80, hasFinding: false };
  const pass = { total: 85, passMark: 80, hasFinding: false };
  it('warns a named community in its first failing year and removes it in the second', () => {
    expect(reassessmentOutcome('named', fail)).toBe('warn');
    expect(reassessmentOutcome('warned', fail)).toBe('remove');
  });
  it('keeps a passing community and restores a warned one that passes', () => {
    expect(reassessmentOutcome('named', pass)).toBeNull();
    expect(reassessmentOutcome('warned', pass)).toBe('restore');
  });
  it('removes on a finding whatever the score', () => {
    expect(reassessmentOutcome('named', { ...pass, hasFinding: true })).toBe('remove');
  });
  it('does not re-assess what was never named', () => {
    expect(reassessmentOutcome('under_review', fail)).toBeNull();
  });
});

describe('public notice', () => {
  it('closes on its last day, across a month end', () => {
    expect(noticeLastDay('2026-11-25', 7)).toBe('2026-12-01');
  });
});
