/** What a supervisor's work queue lists as due, in the order the queue groups them. */
export const dueKinds = [
  'overdue_task',
  'follow_up_missing',
  'look_back_due',
  'objection_unanswered',
  'finding_unanswered',
] as const;

/** One of `dueKinds`. */
export type DueKind = (typeof dueKinds)[number];
