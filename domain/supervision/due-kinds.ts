/** What a supervisor's work queue lists as due, in the order the queue groups them. */
export const dueKinds = [
  'overdue_task',
  'follow_up_missing',
  'look_back_due',
  'objection_unanswered',
  'finding_unanswered',
  /** A referral (转办) its department has not answered by the due day. */
  'referral_overdue',
] as const;

/** One of `dueKinds`. */
export type DueKind = (typeof dueKinds)[number];
