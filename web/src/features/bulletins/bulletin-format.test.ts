import { describe, expect, it } from 'vitest';
import { formatFigure, previousMonth } from './bulletin-format';

describe('bulletin figures as printed', () => {
  it('shows counts, percentages with their fraction, mean satisfaction with its count, and none', () => {
    expect(formatFigure({ value: 12, n: 12 }, 'count')).toBe('12');
    expect(formatFigure({ value: 0.85, n: 20, num: 17, den: 20 }, 'percent')).toBe('85.0%（17/20）');
    expect(formatFigure({ value: 4.5, n: 3 }, 'score')).toBe('4.50（3次回访）');
    expect(formatFigure({ value: 12.25, n: 4 }, 'days')).toBe('12.3');
    expect(formatFigure({ value: null, n: 0 }, 'percent')).toBe('无');
    expect(formatFigure(undefined, 'count', 'None')).toBe('None');
  });

  it('defaults to the month before today', () => {
    expect(previousMonth('2026-01-15')).toBe('2025-12');
    expect(previousMonth('2026-11-01')).toBe('2026-10');
  });
});
