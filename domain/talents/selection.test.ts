import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { certificateNumber, talentCriteriaProblem, talentNoticeLastDay, talentTotal } from './selection';

const criteria = [
  { key: 'work', label: '工作实绩', weight: 60 },
  { key: 'training', label: '培训表现', weight: 40 },
];

describe('talent selection rules', () => {
  it('accepts criteria whose weights sum to 100 and refuses others', () => {
    expect(talentCriteriaProblem(criteria)).toBeNull();
    expect(talentCriteriaProblem([{ key: 'a', label: 'A', weight: 99 }])).toEqual({ index: -1, field: 'weight' });
    expect(talentCriteriaProblem([...criteria, { key: 'work', label: 'B', weight: 0 }])).toEqual({
      index: 2,
      field: 'key',
    });
  });

  it('totals the mean scores by weight, in tenths', () => {
    expect(talentTotal(criteria, [])).toBeNull();
    expect(talentTotal(criteria, [{ work: 90, training: 80 }])).toBe(86);
    expect(
      talentTotal(criteria, [
        { work: 90, training: 80 },
        { work: 81, training: 71 },
      ]),
    ).toBe(81.5);
  });

  it('never exceeds 100 nor falls below 0 (property)', () => {
    const score = fc.integer({ min: 0, max: 100 });
    fc.assert(
      fc.property(fc.array(fc.record({ work: score, training: score }), { minLength: 1, maxLength: 7 }), (reviews) => {
        const total = talentTotal(criteria, reviews)!;
        expect(total).toBeGreaterThanOrEqual(0);
        expect(total).toBeLessThanOrEqual(100);
      }),
    );
  });

  it('counts the notice days from the first day', () => {
    expect(talentNoticeLastDay('2026-12-06', 1)).toBe('2026-12-06');
    expect(talentNoticeLastDay('2026-12-28', 7)).toBe('2027-01-03');
  });

  it('numbers certificates by city, year and sequence', () => {
    expect(certificateNumber('TA', 2026, 1)).toBe('TA-2026-001');
    expect(certificateNumber('TA', 2025, 12)).toBe('TA-2025-012');
  });
});
