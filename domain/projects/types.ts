/** A scoring criterion of a call: key, label and weight (weights sum to 100). */
export type CallCriterion = { key: string; label: string; weight: number };
