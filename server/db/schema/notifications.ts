import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import {
  notificationChannels,
  notificationKinds,
  notificationLifecycle,
  notificationTargets,
  type NotificationParams,
} from '../../../domain/messaging';
import { isState, statusCheck, statusColumn } from '../lifecycle-sql';
import { accounts } from './accounts';
import { matters } from './matters';

/**
 * One notification: a matter chain entry × recipient × channel, written in the entry's transaction
 * (so no command can forget to notify) and delivered by its channel, the inbox at once, the others by
 * the notifications-deliver job. The unique key makes a repeated derivation or delivery a no-op.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    matterId: integer('matter_id')
      .notNull()
      .references(() => matters.id),
    /** The chain entry's sequence number within the matter. */
    seq: integer('seq').notNull(),
    action: text('action').notNull(),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id),
    channel: text('channel', { enum: notificationChannels }).notNull(),
    kind: text('kind', { enum: notificationKinds }).notNull(),
    target: text('target', { enum: notificationTargets }).notNull(),
    /** The meeting or ballot the notification opens (null: the matter). */
    targetId: integer('target_id'),
    /** Text parameters (matter title, meeting time and venue, ballot closing time, outcome). */
    params: jsonb('params').$type<NotificationParams>().notNull(),
    status: statusColumn(notificationLifecycle),
    attempts: integer('attempts').notNull().default(0),
    /** A claimed row is hidden from other workers until then (see claimPendingNotifications). */
    notBefore: timestamp('not_before', { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('notifications_entry_recipient_channel_key').on(t.matterId, t.seq, t.accountId, t.channel),
    index('notifications_pending_idx').on(t.notBefore).where(isState(t.status, notificationLifecycle.state.pending)),
    index('notifications_account_idx').on(t.accountId, t.createdAt),
    statusCheck('notifications_status', t.status, notificationLifecycle.states),
  ],
);

/** 我的设置: a person's choice for one kind × channel; without a row the domain's default holds. */
export const notificationPreferences = pgTable(
  'notification_preferences',
  {
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id),
    kind: text('kind', { enum: notificationKinds }).notNull(),
    channel: text('channel', { enum: notificationChannels }).notNull(),
    isEnabled: boolean('is_enabled').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.accountId, t.kind, t.channel] }),
    // The inbox is always on: it has no switch to store.
    check('notification_preferences_not_inbox', sql`${t.channel} <> 'inbox'`),
  ],
);
