import type { AuditAction } from '../matters/audit-actions';
import type { NotificationKind, NotificationTarget, RecipientGroup } from './notifications';

/**
 * Who hears of one chain action, as what kind, opening where. `facts` names what the text needs
 * beyond the matter's title: the entry's meeting (time, venue) or ballot (closing time, outcome).
 */
export type NotificationRule =
  | { recipients: 'nobody'; why: string }
  | {
      recipients: readonly RecipientGroup[];
      kind: NotificationKind;
      target: NotificationTarget;
      facts?: 'meeting' | 'ballot';
    };

const stakeholders = ['proposer', 'supporters', 'invitees', 'followers'] as const;
const progress = (recipients: readonly RecipientGroup[]): NotificationRule => ({
  recipients,
  kind: 'matter_progress',
  target: 'matter',
});

/**
 * One rule per chain action: a new action without a rule does not compile. "Nobody" is said with its
 * reason, so a silent action is a decision, not an omission.
 */
export const notificationRules: Record<AuditAction, NotificationRule> = {
  raise: { recipients: 'nobody', why: 'new matters wait in the staff work queue' },
  support: progress(['proposer']),
  accept: progress(['proposer', 'supporters', 'followers']),
  decline: progress(['proposer', 'supporters', 'followers']),
  merge: progress(['proposer', 'supporters', 'followers']),
  'merge.received': progress(['proposer']),
  refer: progress(['proposer', 'supporters', 'followers']),
  'referral.sent': progress(['proposer', 'followers']),
  'referral.accepted': progress(['proposer', 'convenor']),
  'referral.answered': progress(['proposer', 'supporters', 'followers', 'convenor']),
  // The convenor decides where to refer it next; residents hear once it is referred again.
  'referral.handed_back': progress(['convenor']),
  escalate: progress(['proposer', 'supporters', 'followers']),
  'governances.tag': { recipients: 'nobody', why: 'a reporting tag for staff and statistics, not news for residents' },
  'matter.announce': progress(stakeholders),
  'matter.startDeliberation': progress(stakeholders),
  'notice.post': progress(stakeholders),
  'invitations.add': {
    recipients: 'nobody',
    why: 'each invitee gets the invitation itself (inbox item with reply, or an invitation text)',
  },
  'invitation.remove': { recipients: 'nobody', why: 'the adjusted invitation disappears from the inbox' },
  'invitation.reply': progress(['convenor']),
  'meeting.schedule': { recipients: ['invitees', 'proposer'], kind: 'meeting', target: 'meeting', facts: 'meeting' },
  'meeting.signIn': { recipients: 'nobody', why: 'the attendee signed in themself' },
  'meeting.markAttendance': { recipients: 'nobody', why: 'attendance is a record, not news' },
  'meeting.close': { recipients: 'nobody', why: 'the published minutes are the news' },
  'minutes.draft': { recipients: 'nobody', why: 'a draft is internal until opened for amendments' },
  'minutes.openAmendments': { recipients: ['attendees'], kind: 'meeting', target: 'matter' },
  'minutes.amend': { recipients: ['convenor'], kind: 'meeting', target: 'matter' },
  'minutes.answerAmendment': {
    recipients: 'nobody',
    why: 'the answer shows beside the amendment when the minutes are published',
  },
  'minutes.publish': {
    recipients: ['attendees', 'invitees', 'proposer', 'followers'],
    kind: 'meeting',
    target: 'matter',
  },
  'comment.post': {
    recipients: 'nobody',
    why: 'the discussion is live on the matter page; a message per comment floods',
  },
  'comment.hide': { recipients: 'nobody', why: 'moderation is not news' },
  'resolution.draft': { recipients: ['attendees'], kind: 'result', target: 'matter' },
  'resolution.confirm': { recipients: 'nobody', why: 'staff follow confirmations on the matter page' },
  'ballot.create': { recipients: 'nobody', why: 'a ballot being set up is not open yet' },
  'ballot.open': { recipients: ['electors'], kind: 'ballot', target: 'ballot', facts: 'ballot' },
  'ballot.extend': { recipients: ['electors'], kind: 'ballot', target: 'ballot', facts: 'ballot' },
  'ballot.counting': { recipients: 'nobody', why: 'the result follows once paper ballots are counted' },
  'ballot.close': {
    recipients: ['electors', 'proposer', 'supporters', 'followers'],
    kind: 'result',
    target: 'ballot',
    facts: 'ballot',
  },
  resolve: { recipients: [...stakeholders, 'attendees'], kind: 'result', target: 'matter' },
  'objection.raise': progress(['convenor']),
  'objection.answer': progress(['objector']),
  'publication.confirm': { recipients: 'nobody', why: 'the public text is for the public page' },
  startImplementation: { recipients: stakeholders, kind: 'task', target: 'matter' },
  'task.create': { recipients: ['task_owner'], kind: 'task', target: 'matter' },
  'task.reassign': { recipients: ['task_owner'], kind: 'task', target: 'matter' },
  'task.progress': { recipients: ['proposer', 'invitees', 'followers'], kind: 'task', target: 'matter' },
  'task.done': { recipients: [...stakeholders, 'supervisors'], kind: 'task', target: 'matter' },
  'showcase.photo': { recipients: 'nobody', why: 'photos are for the public showcase' },
  'showcase.photo.remove': { recipients: 'nobody', why: 'photos are for the public showcase' },
  startReview: { recipients: ['supervisors'], kind: 'supervision', target: 'matter' },
  'follow_up.record': { recipients: 'nobody', why: 'the resident was visited or called' },
  'follow_up.rate': { recipients: 'nobody', why: 'the rating is the resident’s own' },
  'supervision.review': { recipients: ['convenor'], kind: 'supervision', target: 'matter' },
  'oversight.assign': { recipients: ['supervisors'], kind: 'supervision', target: 'matter' },
  'oversight.end': { recipients: 'nobody', why: 'the supervisor’s list no longer shows the matter' },
  'finding.record': { recipients: ['convenor'], kind: 'supervision', target: 'matter' },
  'finding.answer': { recipients: ['supervisors'], kind: 'supervision', target: 'matter' },
  'evaluation.record': progress(['proposer']),
  archive: { recipients: stakeholders, kind: 'result', target: 'matter' },
};

/** The rule of a stored action, or undefined for a code no command writes. */
export function notificationRuleOf(action: string): NotificationRule | undefined {
  return Object.hasOwn(notificationRules, action) ? notificationRules[action as AuditAction] : undefined;
}
