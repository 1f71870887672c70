/**
 * Money of micro-governance projects: integer fen (分) everywhere, parsed from and shown as yuan text by
 * integer arithmetic only (a float never touches an amount).
 */

/** The largest amount accepted: 10^12 fen (¥10,000,000,000.00); anything above is a typo, not a budget. */
export const MAX_FEN = 1_000_000_000_000;

/** Why a yuan text is refused. */
export type YuanProblem = 'empty' | 'format' | 'decimals' | 'negative' | 'too_large';

/**
 * Parses yuan text ("12,345.67", "12345.6", "0.05", "¥100") to fen, exactly: digits split on the dot,
 * at most two decimals, thousands commas allowed between digit groups. Negative amounts are refused.
 */
export function parseYuan(text: string): { fen: number } | { problem: YuanProblem } {
  const trimmed = text
    .trim()
    .replace(/^[¥￥]/, '')
    .trim();
  if (trimmed === '') return { problem: 'empty' };
  if (trimmed.startsWith('-')) return { problem: 'negative' };
  const match = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d*))?$/.exec(trimmed);
  if (!match) return { problem: 'format' };
  const whole = match[1]!.replace(/,/g, '');
  const decimals = match[2] ?? '';
  if (decimals.length > 2) return { problem: 'decimals' };
  const digits = `${whole}${decimals.padEnd(2, '0')}`.replace(/^0+(?=\d)/, '');
  // Compare as text first so a huge input never goes through an imprecise number.
  if (digits.length > String(MAX_FEN).length || Number(digits) > MAX_FEN) return { problem: 'too_large' };
  return { fen: Number(digits) };
}

/** Formats fen as yuan with two decimals and thousands commas, without a sign: 1234567 → "12,345.67". */
export function formatYuanText(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100);
  const cents = abs % 100;
  return `${sign}${String(yuan).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${String(cents).padStart(2, '0')}`;
}

/** Formats fen as "¥12,345.67". */
export function formatFen(fen: number): string {
  return fen < 0 ? `-¥${formatYuanText(-fen)}` : `¥${formatYuanText(fen)}`;
}

/** The sum of amounts in fen (integers stay exact below 2^53, far above MAX_FEN × any real line count). */
export function sumFen(amounts: readonly number[]): number {
  return amounts.reduce((total, a) => total + a, 0);
}

/** A budget line as the report reads it. */
export type BudgetLineAmount = { id: number; name: string; amountFen: number };
/** One spending row against a line. */
export type SpendingAmount = { budgetLineId: number; amountFen: number };
/** Budget, spent and remaining of one line (or of the whole project). */
export type BudgetFigures = { budgetFen: number; spentFen: number; remainingFen: number };

/** Budget vs spent per line and in total; remaining = budget − spent exactly (negative only if overspent). */
export function budgetReport(
  lines: readonly BudgetLineAmount[],
  spendings: readonly SpendingAmount[],
): { lines: (BudgetLineAmount & BudgetFigures)[]; totals: BudgetFigures } {
  const spent = new Map<number, number>();
  for (const s of spendings) spent.set(s.budgetLineId, (spent.get(s.budgetLineId) ?? 0) + s.amountFen);
  const rows = lines.map((line) => {
    const spentFen = spent.get(line.id) ?? 0;
    return { ...line, budgetFen: line.amountFen, spentFen, remainingFen: line.amountFen - spentFen };
  });
  const budgetFen = sumFen(rows.map((r) => r.budgetFen));
  const spentFen = sumFen(rows.map((r) => r.spentFen));
  return { lines: rows, totals: { budgetFen, spentFen, remainingFen: budgetFen - spentFen } };
}

/** Why an application's budget is refused: its lines ask for more than the call allows one project. */
export function budgetOverCap(lineAmounts: readonly number[], maxPerProjectFen: number): boolean {
  return sumFen(lineAmounts) > maxPerProjectFen;
}

/** A contract's amount must equal the sum of its (adjusted) budget lines, to the fen. */
export function contractMatchesLines(amountFen: number, lineAmounts: readonly number[]): boolean {
  return sumFen(lineAmounts) === amountFen;
}

/**
 * What remains on a line before a new spending, or null when the spending fits. A spending that would take
 * the line over its amount is refused with the remaining shown to the reporter.
 */
export function overspend(line: { amountFen: number; spentFen: number }, amountFen: number): number | null {
  const remaining = line.amountFen - line.spentFen;
  return amountFen > remaining ? remaining : null;
}
