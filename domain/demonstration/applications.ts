import { defineLifecycle } from '../lifecycle';

/**
 * A community's application for demonstration status (示范社区申报), from its draft to the city's
 * naming after a public notice (公示), and the yearly re-assessment of named ones (动态管理).
 */
export const applicationStatuses = [
  'draft',
  'submitted',
  'returned',
  'recommended',
  'under_review',
  'noticed',
  'named',
  'declined',
  'warned',
  'removed',
] as const;
export type ApplicationStatus = (typeof applicationStatuses)[number];

export const applicationLifecycle = defineLifecycle({
  states: applicationStatuses,
  initial: 'draft',
  transitions: {
    /** The convenor submits; the computed figures are frozen then. */
    submit: { from: ['draft', 'returned'], to: 'submitted' },
    /** The town recommends it to the city… */
    recommend: { from: ['submitted'], to: 'recommended' },
    /** …or returns it with reasons for the community to amend. */
    return: { from: ['submitted'], to: 'returned' },
    /** A city reviewer's scores or the on-site check open the review. */
    review: { from: ['recommended', 'under_review'], to: 'under_review' },
    /** The city names it: a public notice with an objection window. */
    name: { from: ['under_review'], to: 'noticed' },
    /** After the window, with every objection answered, the naming is final. */
    confirm: { from: ['noticed'], to: 'named' },
    /** The city does not name it (after review, or an objection upheld). */
    decline: { from: ['under_review', 'noticed'], to: 'declined' },
    /** A named community below the pass mark in a yearly re-assessment. */
    warn: { from: ['named'], to: 'warned' },
    /** A warned community that passes the next re-assessment. */
    restore: { from: ['warned'], to: 'named' },
    /** A second failing year, or a finding: the title is withdrawn, publicly. */
    remove: { from: ['named', 'warned'], to: 'removed' },
  },
});
export type ApplicationCommand = keyof typeof applicationLifecycle.transitions;

/** Stages the community may still edit its application in. */
export const isEditableApplication = applicationLifecycle.anyOf(['draft', 'returned']);
/** Stages that carry the 示范社区 badge on the public showcase (a notice is not final yet). */
export const isBadgeHolding = applicationLifecycle.anyOf(['named', 'warned']);
/** Stages a reviewer may score in. */
export const isUnderCityReview = applicationLifecycle.anyOf(['recommended', 'under_review']);

/** Stages the city names, confirms or declines in. */
export const isAwaitingNaming = applicationLifecycle.anyOf(['under_review', 'noticed']);

/** The overview's columns: every stage an application can be in. */
export const overviewStages = applicationStatuses;

/**
 * 动态管理: what a yearly re-assessment does to a named community. Passing keeps (or restores) the
 * title; a first failing year warns; a second failing year, or a finding of misconduct, removes it.
 */
export function reassessmentOutcome(
  status: ApplicationStatus,
  r: { total: number; passMark: number; hasFinding: boolean },
): Extract<ApplicationCommand, 'warn' | 'restore' | 'remove'> | null {
  if (!applicationLifecycle.anyOf(['named', 'warned'])(status)) return null;
  if (r.hasFinding) return 'remove';
  const passes = r.total >= r.passMark;
  if (applicationLifecycle.is.named(status)) return passes ? null : 'warn';
  return passes ? 'restore' : 'remove';
}

/** The day a public notice of `days` days starting `from` (YYYY-MM-DD) closes (its last day). */
export function noticeLastDay(from: string, days: number): string {
  const d = new Date(`${from}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days - 1);
  return d.toISOString().slice(0, 10);
}
