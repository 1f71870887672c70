import { describe, expect, it } from 'vitest';
import { monthPeriod, periodProblem, splitByMonths } from './figures';

describe('periods', () => {
  it('takes a month as its first day up to the first day of the next, December into January', () => {
    expect(monthPeriod('2026-10')).toEqual({ from: '2026-10-01', to: '2026-11-01' });
    expect(monthPeriod('2026-12')).toEqual({ from: '2026-12-01', to: '2027-01-01' });
  });

  it('refuses a day that does not exist, an empty or reversed period and one over ten years', () => {
    expect(periodProblem('2026-02-29', '2026-03-01')).toBe('from');
    expect(periodProblem('2026-03-01', '2026-03-01')).toBe('to');
    expect(periodProblem('2026-03-02', '2026-03-01')).toBe('to');
    expect(periodProblem('2016-01-01', '2026-01-12')).toBe('to');
    expect(periodProblem('2024-02-29', '2024-03-01')).toBeNull();
  });
});

describe('splitByMonths: whole months and the partial days at either end', () => {
  it('keeps a run of whole months whole', () => {
    expect(splitByMonths('2025-11-01', '2026-11-01')).toEqual({
      months: { from: '2025-11-01', to: '2026-11-01' },
      days: [],
    });
  });

  it('cuts off the days before the first whole month and after the last', () => {
    expect(splitByMonths('2025-11-15', '2026-02-10')).toEqual({
      months: { from: '2025-12-01', to: '2026-02-01' },
      days: [
        { from: '2025-11-15', to: '2025-12-01' },
        { from: '2026-02-01', to: '2026-02-10' },
      ],
    });
  });

  it('reads a period inside one month, or spanning two without a whole one, as days only', () => {
    expect(splitByMonths('2026-11-01', '2026-11-26')).toEqual({
      months: null,
      days: [{ from: '2026-11-01', to: '2026-11-26' }],
    });
    expect(splitByMonths('2026-10-20', '2026-11-10')).toEqual({
      months: null,
      days: [{ from: '2026-10-20', to: '2026-11-10' }],
    });
  });

  it('crosses the year and keeps a single whole month', () => {
    expect(splitByMonths('2026-12-01', '2027-01-01')).toEqual({
      months: { from: '2026-12-01', to: '2027-01-01' },
      days: [],
    });
    expect(splitByMonths('2026-11-30', '2027-01-02')).toEqual({
      months: { from: '2026-12-01', to: '2027-01-01' },
      days: [
        { from: '2026-11-30', to: '2026-12-01' },
        { from: '2027-01-01', to: '2027-01-02' },
      ],
    });
  });

  it('has nothing in an empty period', () => {
    expect(splitByMonths('2026-11-10', '2026-11-10')).toEqual({ months: null, days: [] });
  });
});
