/**
 * 议事协商示范社区创建: the city's yearly assessment scheme (考核评分细则). Each criterion is either
 * computed from Yishi's own figures or evidenced by an upload that reviewers score.
 */

/** How a criterion is scored: from Yishi's own data, or from evidence the community attaches. */
export const criterionKinds = ['computed', 'evidenced'] as const;
export type CriterionKind = (typeof criterionKinds)[number];

/**
 * The figures a computed criterion may read (a closed list). Each is the statistics module's figure
 * for the community and the scheme's period, or a register count (households, pool, councils).
 */
export const computedMetrics = [
  /** Matters raised in the period per 1,000 registered households of the community. */
  'mattersPerThousandHouseholds',
  /** Meetings held with at least one sign-in (协商议事 held). */
  'consultationsHeld',
  /** Average follow-up satisfaction, 1–5. */
  'satisfaction',
  /** Tasks due in the period that are done ÷ tasks due (落实率), 0–1. */
  'implementationRate',
  /** Active entries of the community's member pool (议事协商成员库). */
  'memberPoolSize',
  /** The community and its estates with a council in term on the period's last day ÷ all of them, 0–1. */
  'councilCoverage',
  /** Venues of the community approved by the town and meeting all five haves (五有), from the venues module. */
  'venuesMeetingFiveHaves',
] as const;
export type ComputedMetric = (typeof computedMetrics)[number];

/** One criterion of a scheme. `weight` points of 100; reviewers score 0…`maxScore`. */
export type Criterion = {
  key: string;
  title: string;
  kind: CriterionKind;
  weight: number;
  maxScore: number;
  /** Computed criteria: the metric and the value that earns the full score (linear below). */
  metric?: ComputedMetric;
  target?: number;
};

/** Weights are points out of a hundred. */
export const TOTAL_WEIGHT = 100;

/** Why a list of criteria is refused (the field at fault), or null when it is a valid scheme. */
export function criteriaProblem(criteria: readonly Criterion[]): { index: number; field: string } | null {
  const keys = new Set<string>();
  for (const [index, c] of criteria.entries()) {
    if (keys.has(c.key)) return { index, field: 'key' };
    keys.add(c.key);
    if (c.kind === 'computed' && (!c.metric || c.target === undefined || !(c.target > 0)))
      return { index, field: c.metric ? 'target' : 'metric' };
    if (c.kind === 'evidenced' && (c.metric !== undefined || c.target !== undefined)) return { index, field: 'metric' };
  }
  const total = criteria.reduce((sum, c) => sum + c.weight, 0);
  return total === TOTAL_WEIGHT ? null : { index: -1, field: 'weight' };
}

/**
 * A computed criterion's score: the target earns the full score, a value below it a linear share,
 * rounded to tenths; no figure (null: not available) scores nothing.
 */
export function scoreComputed(value: number | null, target: number, maxScore: number): number {
  if (value === null || !(target > 0) || value <= 0) return 0;
  return Math.round(Math.min(1, value / target) * maxScore * 10) / 10;
}

/** The weighted total out of 100: each criterion's score ÷ its maximum × its weight, to tenths. */
export function weightedTotal(criteria: readonly Criterion[], scores: Readonly<Record<string, number>>): number {
  const total = criteria.reduce((sum, c) => sum + ((scores[c.key] ?? 0) / c.maxScore) * c.weight, 0);
  return Math.round(total * 10) / 10;
}

/** The mean of each criterion's score over the reviewers who scored it. */
export function meanScores(reviews: readonly Readonly<Record<string, number>>[]): Record<string, number> {
  const sums = new Map<string, { sum: number; n: number }>();
  for (const review of reviews)
    for (const [key, score] of Object.entries(review)) {
      const s = sums.get(key) ?? { sum: 0, n: 0 };
      sums.set(key, { sum: s.sum + score, n: s.n + 1 });
    }
  return Object.fromEntries([...sums].map(([key, s]) => [key, Math.round((s.sum / s.n) * 10) / 10]));
}
