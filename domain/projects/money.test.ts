import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MAX_FEN,
  budgetOverCap,
  budgetReport,
  contractMatchesLines,
  formatFen,
  formatYuanText,
  overspend,
  parseYuan,
  sumFen,
} from './money';

const fen = fc.integer({ min: 0, max: MAX_FEN });

describe('parseYuan', () => {
  it('reads yuan text to fen exactly', () => {
    expect(parseYuan('12,345.67')).toEqual({ fen: 1234567 });
    expect(parseYuan('12345.6')).toEqual({ fen: 1234560 });
    expect(parseYuan('0.05')).toEqual({ fen: 5 });
    expect(parseYuan('¥100')).toEqual({ fen: 10000 });
    expect(parseYuan('0.1')).toEqual({ fen: 10 });
    expect(parseYuan('19.99')).toEqual({ fen: 1999 });
    expect(parseYuan('5.')).toEqual({ fen: 500 });
  });

  it('refuses empty, negative, malformed, more than two decimals and absurd sizes', () => {
    expect(parseYuan('')).toEqual({ problem: 'empty' });
    expect(parseYuan('  ')).toEqual({ problem: 'empty' });
    expect(parseYuan('-1')).toEqual({ problem: 'negative' });
    expect(parseYuan('1.234')).toEqual({ problem: 'decimals' });
    expect(parseYuan('1e5')).toEqual({ problem: 'format' });
    expect(parseYuan('12,34.5')).toEqual({ problem: 'format' });
    expect(parseYuan('abc')).toEqual({ problem: 'format' });
    expect(parseYuan('10000000000.01')).toEqual({ problem: 'too_large' });
    expect(parseYuan('10000000000.00')).toEqual({ fen: MAX_FEN });
    expect(parseYuan('99999999999999999999999')).toEqual({ problem: 'too_large' });
  });

  it('round-trips every amount through format and parse', () => {
    fc.assert(
      fc.property(fen, (f) => {
        expect(parseYuan(formatYuanText(f))).toEqual({ fen: f });
        expect(parseYuan(formatFen(f))).toEqual({ fen: f });
        expect(parseYuan(formatYuanText(f).replace(/,/g, ''))).toEqual({ fen: f });
      }),
    );
  });
});

describe('formatFen', () => {
  it('shows two decimals and thousands commas', () => {
    expect(formatFen(1234567)).toBe('¥12,345.67');
    expect(formatFen(5)).toBe('¥0.05');
    expect(formatFen(0)).toBe('¥0.00');
    expect(formatFen(-150)).toBe('-¥1.50');
    expect(formatFen(100000000)).toBe('¥1,000,000.00');
  });
});

const linesAndSpendings = fc
  .array(
    fen.map((f) => Math.max(1, Math.floor(f / 1000))),
    { minLength: 1, maxLength: 8 },
  )
  .chain((amounts) =>
    fc.tuple(
      fc.constant(amounts.map((amountFen, i) => ({ id: i + 1, name: `L${i + 1}`, amountFen }))),
      fc.array(
        fc.record({
          budgetLineId: fc.integer({ min: 1, max: amounts.length }),
          amountFen: fc.integer({ min: 1, max: 10_000_000 }),
        }),
        { maxLength: 20 },
      ),
    ),
  );

describe('budgetReport', () => {
  it('reports each line and totals that equal the sums of the lines', () => {
    fc.assert(
      fc.property(linesAndSpendings, ([lines, spendings]) => {
        const report = budgetReport(lines, spendings);
        expect(report.totals.budgetFen).toBe(sumFen(report.lines.map((l) => l.budgetFen)));
        expect(report.totals.spentFen).toBe(sumFen(report.lines.map((l) => l.spentFen)));
        expect(report.totals.spentFen).toBe(sumFen(spendings.map((s) => s.amountFen)));
        for (const l of report.lines) {
          expect(l.remainingFen).toBe(l.budgetFen - l.spentFen);
          expect(Number.isInteger(l.remainingFen)).toBe(true);
        }
        expect(report.totals.remainingFen).toBe(report.totals.budgetFen - report.totals.spentFen);
      }),
    );
  });

  it('counts a line nobody spent on as fully remaining', () => {
    const report = budgetReport([{ id: 1, name: '场地', amountFen: 500000 }], []);
    expect(report.lines[0]).toMatchObject({ spentFen: 0, remainingFen: 500000 });
  });
});

describe('application and contract checks', () => {
  it('refuses lines over the call’s cap, and a contract amount unequal to the lines', () => {
    expect(budgetOverCap([100, 200], 300)).toBe(false);
    expect(budgetOverCap([100, 201], 300)).toBe(true);
    expect(contractMatchesLines(300, [100, 200])).toBe(true);
    expect(contractMatchesLines(301, [100, 200])).toBe(false);
  });

  it('refuses a spending that would take a line over its amount, naming what remains', () => {
    expect(overspend({ amountFen: 1000, spentFen: 400 }, 600)).toBeNull();
    expect(overspend({ amountFen: 1000, spentFen: 400 }, 601)).toBe(600);
    fc.assert(
      fc.property(fen, fen, fen, (amount, spent, next) => {
        const refusal = overspend({ amountFen: amount, spentFen: spent }, next);
        expect(refusal === null).toBe(spent + next <= amount);
      }),
    );
  });
});
