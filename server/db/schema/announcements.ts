import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { accounts } from './accounts';
import { matters } from './matters';
import { notifications } from './notifications';
import { residents } from './places';
import { organisations, poolMembers } from './pool';
import { invitationReasons, invitationReplies } from '../../../domain/announcements/invitations';
import { noticeKinds } from '../../../domain/announcements/notices';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/** A public posting (topic, meeting, result) with its period and, for results, an objection window. */
export const notices = pgTable(
  'notices',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    matterId: integer('matter_id')
      .notNull()
      .references(() => matters.id),
    kind: text('kind', { enum: noticeKinds }).notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }).notNull(),
    createdBy: integer('created_by')
      .notNull()
      .references(() => accounts.id),
    createdAt: createdAt(),
  },
  (t) => [index('notices_matter_idx').on(t.matterId), check('notices_period', sql`${t.endsOn} >= ${t.startsOn}`)],
);

/** 邀约: one stakeholder invited to a matter's deliberation, and their reply. */
export const invitations = pgTable(
  'invitations',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    matterId: integer('matter_id')
      .notNull()
      .references(() => matters.id),
    reason: text('reason', { enum: invitationReasons }).notNull(),
    residentId: integer('resident_id').references(() => residents.id),
    poolMemberId: integer('pool_member_id').references(() => poolMembers.id),
    organisationId: integer('organisation_id').references(() => organisations.id),
    /** Named outside party (a department) with no record of its own. */
    outsideName: text('outside_name'),
    accountId: integer('account_id').references(() => accounts.id),
    reply: text('reply', { enum: invitationReplies }).notNull().default('pending'),
    repliedAt: timestamp('replied_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index('invitations_matter_idx').on(t.matterId),
    uniqueIndex('invitations_matter_resident_key')
      .on(t.matterId, t.residentId)
      .where(sql`${t.residentId} is not null`),
    uniqueIndex('invitations_matter_org_key')
      .on(t.matterId, t.organisationId)
      .where(sql`${t.organisationId} is not null`),
    // The public-text redactor's look-up, as on residents.
    index('invitations_outside_name_idx')
      .on(sql`char_length(btrim(${t.outsideName}))`, sql`btrim(${t.outsideName})`)
      .where(sql`${t.outsideName} is not null`),
  ],
);

/** A user's inbox: invitations, progress, results — one row per item. */
export const inboxItems = pgTable(
  'inbox_items',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id),
    matterId: integer('matter_id').references(() => matters.id),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull().default(''),
    /** Where the item opens (`/meetings/12`, `/ballots/3`); null: the matter's page. */
    link: text('link'),
    /** The notification the item delivers: its action and parameters word it in the reader's language. */
    notificationId: integer('notification_id').references(() => notifications.id),
    isRead: boolean('is_read').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [index('inbox_items_account_idx').on(t.accountId, t.isRead, t.createdAt)],
);
