import { defineLifecycle } from '../lifecycle';

/**
 * 转办: a matter or a task referred to a department. Sent → accepted (its liaison takes it on) →
 * answered (with a reply); sent or accepted → handed back (with reasons; the community may refer again).
 */
export const referralStatuses = ['sent', 'accepted', 'answered', 'handed_back'] as const;
export type ReferralStatus = (typeof referralStatuses)[number];

export const referralLifecycle = defineLifecycle({
  states: referralStatuses,
  initial: 'sent',
  transitions: {
    accept: { from: ['sent'], to: 'accepted' },
    answer: { from: ['accepted'], to: 'answered' },
    handBack: { from: ['sent', 'accepted'], to: 'handed_back' },
  },
});
export type ReferralCommand = keyof typeof referralLifecycle.transitions;

/** Still with the department: sent or accepted, neither answered nor handed back. */
export const OPEN_REFERRAL_STATUSES: readonly ReferralStatus[] = ['sent', 'accepted'];
export const isOpenReferral = referralLifecycle.anyOf(OPEN_REFERRAL_STATUSES);

/** What a referral is about: a whole matter (the matter's 转办 exit) or one of its tasks. */
export const referralSubjects = ['matter', 'task'] as const;
export type ReferralSubject = (typeof referralSubjects)[number];

/** Overdue: still open and its due day (YYYY-MM-DD) is before today (both China days). */
export const isOverdueReferral = (r: { status: string; dueOn: string }, today: string): boolean =>
  isOpenReferral(r.status) && r.dueOn < today;

/** The department statistics' figures, each with the referrals behind it. */
export const departmentFigures = ['received', 'answered', 'overdue'] as const;
export type DepartmentFigure = (typeof departmentFigures)[number];
