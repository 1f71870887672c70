import { describe, expect, it } from 'vitest';
import { criteriaProblem, meanScores, scoreComputed, weightedTotal, type Criterion } from './scheme';

const computed: Criterion = {
  key: 'c1',
  title: '议事频次',
  kind: 'computed',
  metric: 'consultationsHeld',
  target: 12,
  weight: 60,
  maxScore: 10,
};
const evidenced: Criterion = { key: 'e1', title: '制度建设', kind: 'evidenced', weight: 40, maxScore: 20 };

describe('assessment scheme', () => {
  it('accepts criteria whose weights make a hundred', () => {
    expect(criteriaProblem([computed, evidenced])).toBeNull();
  });

  it('refuses weights that do not sum to a hundred, repeated keys and computed criteria without a target', () => {
    expect(criteriaProblem([computed])).toEqual({ index: -1, field: 'weight' });
    expect(criteriaProblem([computed, { ...evidenced, key: 'c1' }])).toEqual({ index: 1, field: 'key' });
    expect(criteriaProblem([{ ...computed, target: 0 }, evidenced])).toEqual({ index: 0, field: 'target' });
    expect(criteriaProblem([{ ...computed, metric: undefined }, evidenced])).toEqual({ index: 0, field: 'metric' });
    expect(criteriaProblem([computed, { ...evidenced, metric: 'satisfaction' }])).toEqual({
      index: 1,
      field: 'metric',
    });
  });

  it('scores a computed figure linearly up to its target, and nothing for a missing figure', () => {
    expect(scoreComputed(12, 12, 10)).toBe(10);
    expect(scoreComputed(30, 12, 10)).toBe(10);
    expect(scoreComputed(6, 12, 10)).toBe(5);
    expect(scoreComputed(1, 3, 10)).toBe(3.3);
    expect(scoreComputed(null, 12, 10)).toBe(0);
    expect(scoreComputed(-1, 12, 10)).toBe(0);
  });

  it('weighs each score by its criterion out of a hundred', () => {
    expect(weightedTotal([computed, evidenced], { c1: 10, e1: 20 })).toBe(100);
    expect(weightedTotal([computed, evidenced], { c1: 5, e1: 10 })).toBe(50);
    expect(weightedTotal([computed, evidenced], {})).toBe(0);
  });

  it('averages reviewers per criterion', () => {
    expect(meanScores([{ c1: 8, e1: 10 }, { c1: 9 }])).toEqual({ c1: 8.5, e1: 10 });
  });
});
