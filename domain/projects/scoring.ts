import type { CallCriterion } from './types';

/**
 * Scoring of a call's criteria: weights are points of 100, each reviewer scores every criterion 0–100,
 * and a project's total is the weighted mean over reviewers, to one decimal.
 */
export const TOTAL_CRITERIA_WEIGHT = 100;
/** The highest score of one criterion. */
export const MAX_CRITERION_SCORE = 100;

/** Why a call's criteria are refused (the index and field at fault), or null when they are valid. */
export function callCriteriaProblem(criteria: readonly CallCriterion[]): { index: number; field: string } | null {
  const keys = new Set<string>();
  for (const [index, c] of criteria.entries()) {
    if (keys.has(c.key)) return { index, field: 'key' };
    keys.add(c.key);
  }
  const total = criteria.reduce((sum, c) => sum + c.weight, 0);
  return total === TOTAL_CRITERIA_WEIGHT ? null : { index: -1, field: 'weight' };
}

/** The first criterion a reviewer's scores miss or score outside 0–100, or null when complete. */
export function missingScore(criteria: readonly CallCriterion[], scores: Record<string, number>): string | null {
  const known = new Set(criteria.map((c) => c.key));
  const extra = Object.keys(scores).find((k) => !known.has(k));
  if (extra !== undefined) return extra;
  const bad = criteria.find((c) => {
    const s = scores[c.key];
    return s === undefined || !Number.isFinite(s) || s < 0 || s > MAX_CRITERION_SCORE;
  });
  return bad ? bad.key : null;
}

/** One reviewer's weighted total of 100 (weights sum to 100). */
export function weightedTotal(criteria: readonly CallCriterion[], scores: Record<string, number>): number {
  return criteria.reduce((sum, c) => sum + (c.weight * (scores[c.key] ?? 0)) / TOTAL_CRITERIA_WEIGHT, 0);
}

/** The mean of reviewers' weighted totals, to one decimal; null with no review. */
export function reviewTotal(
  criteria: readonly CallCriterion[],
  reviews: readonly Record<string, number>[],
): number | null {
  if (reviews.length === 0) return null;
  const mean = reviews.reduce((sum, r) => sum + weightedTotal(criteria, r), 0) / reviews.length;
  return Math.round(mean * 10) / 10;
}

/** The mean of residents' satisfaction (1–5) to two decimals, or null when no follow-up rated it. */
export function meanSatisfaction(ratings: readonly number[]): number | null {
  if (ratings.length === 0) return null;
  return Math.round((ratings.reduce((s, r) => s + r, 0) / ratings.length) * 100) / 100;
}
