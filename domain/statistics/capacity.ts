/**
 * 能力建设统计 (capacity statistics): the pure parts of the figures on social organisations, projects,
 * training and leading talents. The counting rules are docs/statistics.md "Capacity"; SQL does the
 * sums, these helpers do the ratios, the coverage from rows and the display of money.
 */
import type { MicroLeaderStatus } from '../training/lifecycle';

/** A fraction of two counts or two sums: null when there is nothing to divide by. */
export function ratio(num: number, den: number): number | null {
  if (!Number.isFinite(num) || !Number.isFinite(den) || den <= 0) return null;
  return num / den;
}

/** The place and the categories of organisations that belong to it (one row per pair). */
export type PlaceCategoryRow = { placeId: number; categoryId: number };

/**
 * How many of `places` have an organisation of EVERY category in `required` among their rows.
 * With no category required nothing is covered: a city that has not configured its core categories
 * has no coverage to speak of.
 */
export function coveredCount(
  places: readonly number[],
  rows: readonly PlaceCategoryRow[],
  required: readonly number[],
): number {
  if (required.length === 0) return 0;
  const have = new Map<number, Set<number>>();
  for (const r of rows) {
    const set = have.get(r.placeId) ?? new Set<number>();
    set.add(r.categoryId);
    have.set(r.placeId, set);
  }
  return [...new Set(places)].filter((p) => required.every((c) => have.get(p)?.has(c) ?? false)).length;
}

/** How many of `places` have at least one organisation of any category in `any`. */
export function servedCount(places: readonly number[], rows: readonly PlaceCategoryRow[], any: readonly number[]) {
  const wanted = new Set(any);
  const served = new Set(rows.filter((r) => wanted.has(r.categoryId)).map((r) => r.placeId));
  return [...new Set(places)].filter((p) => served.has(p)).length;
}

/**
 * A sum of money (fen) read from SQL as text: exact, and refused when beyond what a JavaScript number
 * holds exactly (2^53 fen is about 90 trillion yuan; far beyond any city's budget).
 */
export function fenFromSql(text: string | number | null | undefined): number {
  if (text === null || text === undefined || text === '') return 0;
  const value = BigInt(String(text));
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < -BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError('A sum of money is beyond the exact range of a number');
  }
  return Number(value);
}

/** Fen as yuan with two decimals, by integer arithmetic: 123456 → "1,234.56". */
export function formatFen(fen: number): string {
  const negative = fen < 0;
  const abs = Math.abs(Math.trunc(fen));
  const yuan = Math.floor(abs / 100);
  const cents = abs % 100;
  const grouped = String(yuan).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${grouped}.${String(cents).padStart(2, '0')}`;
}

/** A ratio as a whole percentage for display ("—" when not measured). */
export function formatPercent(value: number | null): string {
  return value === null ? '—' : `${Math.round(value * 100)}%`;
}

/** The micro-leader status counted as trained and active (the foundation's list has no lifecycle table). */
export const ACTIVE_MICRO_LEADER: MicroLeaderStatus = 'active';
