import {
  smsLifecycle,
  renderNotification,
  renderSmsEvent,
  type NotificationChannelName,
  type NotificationKind,
  type NotificationParams,
  type NotificationTarget,
} from '../../../domain/messaging';
import type { DbOrTx } from '../../db/client';
import { queueNotificationText } from '../sms';
import { clockNow } from '../../clock';
import { insertInboxDeliveries } from './notifications.repository';

/** What a channel delivers: the notification's facts; each channel renders its own text. */
export type NotificationMessage = {
  notificationId: number;
  matterId: number;
  action: string;
  kind: NotificationKind;
  target: NotificationTarget;
  targetId: number | null;
  params: NotificationParams;
};

/**
 * A channel's answer: delivered (or handed to a queue that keeps its own delivery record),
 * suppressed (the person cannot or chose not to receive it there: no phone, declined texts, not
 * bound), or failed — `retry` when trying again later may succeed.
 */
export type ChannelOutcome = { status: 'delivered' } | { status: 'suppressed' } | { status: 'failed'; retry: boolean };

/**
 * One way a notification reaches a person. Channels that only write to the database deliver inside
 * the chain entry's transaction (`inTransaction`); the others (network calls) are delivered by the
 * notifications-deliver job, which passes its transaction as `db`.
 */
export interface NotificationChannel {
  name: NotificationChannelName;
  inTransaction: boolean;
  deliver(db: DbOrTx, accountId: number, message: NotificationMessage): Promise<ChannelOutcome>;
}

/** The page a notification opens. */
export function notificationLink(message: Pick<NotificationMessage, 'matterId' | 'target' | 'targetId'>): string {
  if (message.target === 'meeting' && message.targetId !== null) return `/meetings/${message.targetId}`;
  if (message.target === 'ballot' && message.targetId !== null) return `/ballots/${message.targetId}`;
  if (message.target === 'referral' && message.targetId !== null) return `/referrals/${message.targetId}`;
  return `/matters/${message.matterId}`;
}

/** An inbox item per notification, in Chinese like every stored inbox text. */
export function inboxItemOf(accountId: number, message: NotificationMessage) {
  const text = renderNotification(message.action, message.params, 'zh-CN', message.target) ?? {
    title: message.action,
    body: '',
  };
  return {
    notificationId: message.notificationId,
    accountId,
    matterId: message.matterId,
    kind: message.kind,
    title: text.title,
    body: text.body,
    link: notificationLink(message),
  };
}

/** 消息: the inbox, always on. Also delivered in bulk by deriveNotifications. */
export const inboxChannel: NotificationChannel = {
  name: 'inbox',
  inTransaction: true,
  async deliver(db, accountId, message) {
    await insertInboxDeliveries(db, [inboxItemOf(accountId, message)], clockNow());
    return { status: 'delivered' };
  },
};

/** 短信: queued in the SMS service (quiet hours defer it to the morning; a declined resident gets none). */
export const smsChannel: NotificationChannel = {
  name: 'sms',
  inTransaction: false,
  async deliver(db, accountId, message) {
    const event = renderSmsEvent(message.action, message.params, message.target);
    if (event === null) return { status: 'suppressed' };
    const status = await queueNotificationText(db, {
      accountId,
      matterId: message.matterId,
      title: message.params.title ?? '',
      event,
    });
    return smsLifecycle.is.queued(status) ? { status: 'delivered' } : { status: 'suppressed' };
  },
};

const registry = new Map<NotificationChannelName, NotificationChannel>([
  ['inbox', inboxChannel],
  ['sms', smsChannel],
]);

/** Adds (or replaces) a channel: WeChat and Web Push plug in here when their modules are wired. */
export function registerNotificationChannel(channel: NotificationChannel): void {
  registry.set(channel.name, channel);
}

/** Removes a channel (tests). The inbox cannot be removed. */
export function unregisterNotificationChannel(name: Exclude<NotificationChannelName, 'inbox'>): void {
  registry.delete(name);
}

/** The channels notifications are written for, in the domain's order. */
export function registeredChannels(): NotificationChannel[] {
  return [...registry.values()];
}

export function channelNamed(name: NotificationChannelName): NotificationChannel | undefined {
  return registry.get(name);
}
