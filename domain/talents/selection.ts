/** A selection's scoring criteria, the review's total, the public notice and the certificate number. */

/** A scoring criterion of a selection: key, label, weight (weights sum to 100). Scores are 0–100. */
export type SelectionCriterion = { key: string; label: string; weight: number };

/** Weights are points out of a hundred. */
export const TALENT_TOTAL_WEIGHT = 100;
/** A reviewer scores each criterion 0…100. */
export const TALENT_MAX_SCORE = 100;

/** Why a list of criteria is refused (index and field at fault; index −1 for the weights' sum), or null. */
export function talentCriteriaProblem(
  criteria: readonly SelectionCriterion[],
): { index: number; field: string } | null {
  const keys = new Set<string>();
  for (const [index, c] of criteria.entries()) {
    if (keys.has(c.key)) return { index, field: 'key' };
    keys.add(c.key);
  }
  const total = criteria.reduce((sum, c) => sum + c.weight, 0);
  return total === TALENT_TOTAL_WEIGHT ? null : { index: -1, field: 'weight' };
}

/**
 * The weighted total of 100 from the reviewers' scores: each criterion's mean over the reviewers who
 * scored it × its weight ÷ 100, rounded to tenths.
 */
export function talentTotal(
  criteria: readonly SelectionCriterion[],
  reviews: readonly Readonly<Record<string, number>>[],
): number | null {
  if (reviews.length === 0) return null;
  let total = 0;
  for (const c of criteria) {
    const scored = reviews.map((r) => r[c.key]).filter((s): s is number => s !== undefined);
    if (scored.length === 0) continue;
    const mean = scored.reduce((x, y) => x + y, 0) / scored.length;
    total += (mean * c.weight) / TALENT_TOTAL_WEIGHT;
  }
  return Math.round(total * 10) / 10;
}

/** The last day of a public notice of `days` days that opens on `from` (YYYY-MM-DD). */
export function talentNoticeLastDay(from: string, days: number): string {
  const d = new Date(`${from}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days - 1);
  return d.toISOString().slice(0, 10);
}

/** The certificate number: `TA-2026-003` (the city's code, the year, the sequence in three digits). */
export function certificateNumber(cityCode: string, year: number, seq: number): string {
  return `${cityCode}-${year}-${String(seq).padStart(3, '0')}`;
}
