import {
  isChannelOnByDefault,
  notificationLifecycle,
  notificationRuleOf,
  type NotificationKind,
  type NotificationParams,
  type NotificationTarget,
  type RecipientGroup,
} from '../../../domain/messaging';
import type { DbOrTx } from '../../db/client';
import { clockNow } from '../../clock';
import { inboxItemOf, registeredChannels } from './notifications.channels';
import {
  type EntryRefs,
  insertInboxDeliveries,
  insertNotifications,
  markNotification,
  notificationFacts,
} from './notifications.repository';

/** The chain entry a notification is derived from. */
export type ChainEntryWritten = {
  matterId: number;
  seq: number;
  action: string;
  actorAccountId: number | null;
  payload: Record<string, unknown>;
};

const idIn = (payload: Record<string, unknown>, key: string): number | null => {
  const value = payload[key];
  return typeof value === 'number' && Number.isInteger(value) ? value : null;
};

/** The meeting, ballot or referral a notification opens, from the entry's payload. */
function targetIdOf(target: NotificationTarget, payload: Record<string, unknown>): number | null {
  if (target === 'meeting') return idIn(payload, 'meetingId');
  if (target === 'ballot') return idIn(payload, 'ballotId');
  if (target === 'referral') return idIn(payload, 'referralId');
  return null;
}

/**
 * Derives the notifications of a chain entry inside the transaction that wrote it (appendMatterEvent
 * calls this), so no command can forget one: the rule of the action names who hears it, each
 * recipient gets one row per registered channel, the inbox ones are delivered at once and the rest
 * wait for the notifications-deliver job. Returns how many rows wait for the job.
 */
export async function deriveNotifications(tx: DbOrTx, entry: ChainEntryWritten): Promise<number> {
  const rule = notificationRuleOf(entry.action);
  if (!rule || rule.recipients === 'nobody') return 0;
  const meetingId = rule.facts === 'meeting' ? idIn(entry.payload, 'meetingId') : null;
  const ballotId = idIn(entry.payload, 'ballotId');
  const facts = await notificationFacts(tx, entry.matterId, meetingId, rule.facts === 'ballot' ? ballotId : null);
  if (!facts) return 0;
  const params: NotificationParams = { title: facts.title };
  if (rule.facts === 'meeting' && facts.starts_at)
    Object.assign(params, { time: facts.starts_at, venue: facts.venue ?? '' });
  if (rule.facts === 'ballot' && facts.closes_at) {
    Object.assign(params, { question: facts.question ?? '', closesAt: facts.closes_at });
    if (typeof entry.payload.outcome === 'string') params.outcome = entry.payload.outcome;
  }
  if (typeof entry.payload.percent === 'number') params.percent = String(entry.payload.percent);
  // A task's own title and due day (task.create, task.reassign carry them).
  if (typeof entry.payload.taskTitle === 'string') params.task = entry.payload.taskTitle;
  else if (entry.action.startsWith('task.') && typeof entry.payload.title === 'string')
    params.task = entry.payload.title;
  if (typeof entry.payload.dueOn === 'string') params.dueOn = entry.payload.dueOn;
  const refs = {
    ballotId,
    taskId: idIn(entry.payload, 'taskId'),
    objectionId: idIn(entry.payload, 'objectionId'),
    referralId: idIn(entry.payload, 'referralId'),
  };
  // The rule's `also` group first: someone in both hears once, opening the page meant for them.
  const audiences = [...(rule.also ? [rule.also] : []), { recipients: rule.recipients, target: rule.target }];
  let waiting = 0;
  for (const audience of audiences)
    waiting += await notifyAudience(tx, entry, { kind: rule.kind, params, refs, ...audience });
  return waiting;
}

/** Writes and delivers one audience's notifications of the entry; returns how many wait for the job. */
async function notifyAudience(
  tx: DbOrTx,
  entry: ChainEntryWritten,
  audience: {
    kind: NotificationKind;
    target: NotificationTarget;
    recipients: readonly RecipientGroup[];
    params: NotificationParams;
    refs: EntryRefs;
  },
): Promise<number> {
  const { kind, target, params } = audience;
  const channels = registeredChannels();
  const targetId = targetIdOf(target, entry.payload);
  const pending = await insertNotifications(tx, {
    matterId: entry.matterId,
    seq: entry.seq,
    action: entry.action,
    actorAccountId: entry.actorAccountId,
    kind,
    target,
    targetId,
    params,
    groups: audience.recipients,
    refs: audience.refs,
    channels: channels.map((c) => ({ channel: c.name, isOnByDefault: isChannelOnByDefault(kind, c.name) })),
  });
  const inTransaction = new Set(channels.filter((c) => c.inTransaction).map((c) => c.name));
  const message = { matterId: entry.matterId, action: entry.action, kind, target, targetId, params };
  // The inbox in one statement: a ballot's electorate may be thousands of accounts.
  const inbox = pending.filter((p) => p.channel === 'inbox');
  await insertInboxDeliveries(
    tx,
    inbox.map((p) => inboxItemOf(p.account_id, { ...message, notificationId: p.id })),
    clockNow(),
  );
  for (const row of pending) {
    if (row.channel === 'inbox' || !inTransaction.has(row.channel)) continue;
    const channel = channels.find((c) => c.name === row.channel)!;
    const outcome = await channel.deliver(tx, row.account_id, { ...message, notificationId: row.id });
    // A failure stays pending: the job tries again.
    if (!notificationLifecycle.is.failed(outcome.status))
      await markNotification(tx, row.id, { status: outcome.status, now: clockNow() });
  }
  return pending.filter((p) => !inTransaction.has(p.channel)).length;
}
