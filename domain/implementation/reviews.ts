/** How a follow-up (回访) was made: 上门回访 (visit), 电话回访 (phone), online, or 居民自评 (self). */
export const followUpMethods = ['visit', 'phone', 'online', 'self'] as const;
export type FollowUpMethod = (typeof followUpMethods)[number];
/** The follow-ups staff record; `self` is a resident rating the matter themselves. */
export const staffFollowUpMethods = ['visit', 'phone', 'online'] as const satisfies readonly FollowUpMethod[];

/** A supervisor's verdict on the implementation: 满意 (satisfactory) or 需改进 (needs work). */
export const supervisionVerdicts = ['satisfactory', 'needs_work'] as const;
export type SupervisionVerdict = (typeof supervisionVerdicts)[number];

/** The evaluated effect of a matter's outcome (成效): 积极, 中性, 消极. */
export const evaluationOutcomes = ['positive', 'neutral', 'negative'] as const;
export type EvaluationOutcome = (typeof evaluationOutcomes)[number];
