import { describe, expect, it } from 'vitest';
import { callCriteriaProblem, meanSatisfaction, missingScore, reviewTotal } from './scoring';

const criteria = [
  { key: 'need', label: '需求', weight: 40 },
  { key: 'plan', label: '方案', weight: 60 },
];

describe('call scoring', () => {
  it('requires weights summing to 100 and unique keys', () => {
    expect(callCriteriaProblem(criteria)).toBeNull();
    expect(callCriteriaProblem([{ key: 'a', label: 'A', weight: 99 }])).toEqual({ index: -1, field: 'weight' });
    expect(callCriteriaProblem([...criteria, { key: 'need', label: 'x', weight: 0 }])).toEqual({
      index: 2,
      field: 'key',
    });
  });

  it('names a missing, unknown or out-of-range score', () => {
    expect(missingScore(criteria, { need: 80, plan: 90 })).toBeNull();
    expect(missingScore(criteria, { need: 80 })).toBe('plan');
    expect(missingScore(criteria, { need: 80, plan: 101 })).toBe('plan');
    expect(missingScore(criteria, { need: 80, plan: 1, other: 3 })).toBe('other');
  });

  it('totals the weighted mean of reviewers to one decimal', () => {
    expect(reviewTotal(criteria, [{ need: 80, plan: 90 }])).toBe(86);
    expect(
      reviewTotal(criteria, [
        { need: 80, plan: 90 },
        { need: 71, plan: 70 },
      ]),
    ).toBe(78.2);
    expect(reviewTotal(criteria, [])).toBeNull();
  });

  it('means residents’ satisfaction to two decimals, null with none', () => {
    expect(meanSatisfaction([5, 4, 4])).toBe(4.33);
    expect(meanSatisfaction([])).toBeNull();
  });
});
