import { defineLifecycle } from '../lifecycle';

/** What a notification is about: a person chooses channels per kind (我的设置). */
export const notificationKinds = ['matter_progress', 'meeting', 'ballot', 'result', 'task', 'supervision'] as const;
export type NotificationKind = (typeof notificationKinds)[number];

/**
 * Where a notification reaches a person. The inbox is always on; SMS goes through the SMS queue (quiet
 * hours, opt-out); WeChat and Web Push deliver once the person has bound them.
 */
export const notificationChannels = ['inbox', 'sms', 'wechat', 'webpush'] as const;
export type NotificationChannelName = (typeof notificationChannels)[number];

/** The channel nobody can switch off: every notification lands there. */
export const ALWAYS_ON_CHANNEL = 'inbox' satisfies NotificationChannelName;

/**
 * Who hears of a chain entry. Each group is resolved against the matter when the entry is written;
 * the actor is always left out.
 */
export const recipientGroups = [
  /** 提议人: the account the matter was raised for. */
  'proposer',
  /** 联名居民: residents who supported the matter. */
  'supporters',
  /** 受邀参与人 with an account (or whose resident record an account holds), unless they declined. */
  'invitees',
  /** Those signed in at one of the matter's meetings. */
  'attendees',
  /** 关注者: accounts following the matter. */
  'followers',
  /** The ballot's electors (owners, households…) who hold an account; the ballot is the entry's `ballotId`. */
  'electors',
  /** 召集人: the staff member running the matter. */
  'convenor',
  /** Supervisors currently assigned to oversee the matter. */
  'supervisors',
  /** The owner account of the entry's task (`taskId`). */
  'task_owner',
  /** Whoever raised the entry's objection (`objectionId`). */
  'objector',
  /** 联络员: the active liaisons of the department the entry's referral (`referralId`) is sent to. */
  'liaisons',
] as const;
export type RecipientGroup = (typeof recipientGroups)[number];

/**
 * Where a notification opens: the matter page, or the meeting, ballot or referral (部门待办, for
 * liaisons, who cannot open the matter page) the entry names.
 */
export const notificationTargets = ['matter', 'meeting', 'ballot', 'referral'] as const;
export type NotificationTarget = (typeof notificationTargets)[number];

/**
 * One notification (chain entry × recipient × channel): pending → delivered | suppressed (the person
 * switched the channel off for the kind, or declined texts) | failed (the channel could not deliver).
 */
export const notificationStatuses = ['pending', 'delivered', 'suppressed', 'failed'] as const;
export type NotificationStatus = (typeof notificationStatuses)[number];

export const notificationLifecycle = defineLifecycle({
  states: notificationStatuses,
  initial: 'pending',
  transitions: {
    deliver: { from: ['pending'], to: 'delivered' },
    suppress: { from: ['pending'], to: 'suppressed' },
    fail: { from: ['pending'], to: 'failed' },
  },
});

/**
 * Whether a channel is on for a kind when the person has not chosen: the inbox always; SMS for
 * meetings, ballots and results (what a resident without the app must not miss); WeChat and Web Push
 * whenever bound (binding them is the choice).
 */
export function isChannelOnByDefault(kind: NotificationKind, channel: NotificationChannelName): boolean {
  if (channel === 'sms') return kind === 'meeting' || kind === 'ballot' || kind === 'result';
  return true;
}

/** A person's stored choice for one kind and channel. */
export type NotificationChoice = { kind: NotificationKind; channel: NotificationChannelName; isEnabled: boolean };

/** Whether the channel is on for the kind, given the person's stored choices (the inbox cannot be off). */
export function isChannelOn(
  choices: readonly NotificationChoice[],
  kind: NotificationKind,
  channel: NotificationChannelName,
): boolean {
  if (channel === ALWAYS_ON_CHANNEL) return true;
  const choice = choices.find((c) => c.kind === kind && c.channel === channel);
  return choice ? choice.isEnabled : isChannelOnByDefault(kind, channel);
}

/** The channels a person may switch per kind (every channel but the inbox). */
export const switchableChannels = ['sms', 'wechat', 'webpush'] as const satisfies readonly Exclude<
  NotificationChannelName,
  typeof ALWAYS_ON_CHANNEL
>[];
export type SwitchableChannel = (typeof switchableChannels)[number];
