import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { coveredCount, fenFromSql, formatFen, formatPercent, ratio, servedCount } from './capacity';

describe('capacity figures', () => {
  it('divides only by something', () => {
    expect(ratio(3, 4)).toBe(0.75);
    expect(ratio(0, 0)).toBeNull();
    expect(ratio(5, -1)).toBeNull();
  });

  it('counts a place covered only when it has every required category', () => {
    const rows = [
      { placeId: 1, categoryId: 10 },
      { placeId: 1, categoryId: 11 },
      { placeId: 2, categoryId: 10 },
      { placeId: 2, categoryId: 10 },
      { placeId: 9, categoryId: 11 },
    ];
    expect(coveredCount([1, 2, 3], rows, [10, 11])).toBe(1);
    expect(coveredCount([1, 2, 3], rows, [10])).toBe(2);
    expect(coveredCount([1, 1, 2], rows, [10])).toBe(2);
    expect(coveredCount([1, 2, 3], rows, [])).toBe(0);
    expect(servedCount([1, 2, 3], rows, [11])).toBe(1);
    expect(servedCount([1, 2, 3], rows, [])).toBe(0);
  });

  it('never counts more covered places than places, nor more than served ones', () => {
    const row = fc.record({ placeId: fc.integer({ min: 1, max: 6 }), categoryId: fc.integer({ min: 1, max: 4 }) });
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 6 })),
        fc.array(row),
        fc.uniqueArray(fc.integer({ min: 1, max: 4 }), { minLength: 1 }),
        (places, rows, required) => {
          const covered = coveredCount(places, rows, required);
          expect(covered).toBeLessThanOrEqual(places.length);
          expect(covered).toBeLessThanOrEqual(servedCount(places, rows, required));
        },
      ),
    );
  });

  it('reads sums of money exactly and refuses what a number cannot hold', () => {
    expect(fenFromSql('9007199254740991')).toBe(Number.MAX_SAFE_INTEGER);
    expect(fenFromSql(null)).toBe(0);
    expect(fenFromSql('0')).toBe(0);
    expect(() => fenFromSql('9007199254740993')).toThrow(RangeError);
  });

  it('shows fen as yuan with two decimals by integer arithmetic', () => {
    expect(formatFen(0)).toBe('0.00');
    expect(formatFen(5)).toBe('0.05');
    expect(formatFen(123456)).toBe('1,234.56');
    expect(formatFen(-100)).toBe('-1.00');
    expect(formatPercent(0.756)).toBe('76%');
    expect(formatPercent(null)).toBe('—');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (fen) => {
        const [yuan, cents] = formatFen(fen).replace(/,/g, '').split('.') as [string, string];
        expect(BigInt(yuan) * 100n + BigInt(cents)).toBe(BigInt(fen));
        expect(cents).toHaveLength(2);
      }),
    );
  });
});
