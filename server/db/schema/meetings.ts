import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { accounts } from './accounts';
import { invitations } from './announcements';
import { matters } from './matters';
import { amendmentLifecycle, meetingLifecycle, minutesLifecycle } from '../../../domain/meetings/lifecycles';
import { statusCheck, statusColumn } from '../lifecycle-sql';
import { meetingModes, signInMethods } from '../../../domain/meetings/attendance';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/** A deliberation session, on site, online (云议事) or both, with a short sign-in code. */
export const meetings = pgTable(
  'meetings',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    matterId: integer('matter_id')
      .notNull()
      .references(() => matters.id),
    mode: text('mode', { enum: meetingModes }).notNull(),
    venue: text('venue'),
    onlineLink: text('online_link'),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }),
    agenda: text('agenda').notNull().default(''),
    signInCode: text('sign_in_code').notNull(),
    /** scheduled → held (first sign-in) → closed (staff closed sign-in). 'open' is never written. */
    status: statusColumn(meetingLifecycle),
    createdBy: integer('created_by')
      .notNull()
      .references(() => accounts.id),
    createdAt: createdAt(),
  },
  (t) => [
    index('meetings_matter_idx').on(t.matterId),
    statusCheck('meetings_status', t.status, meetingLifecycle.states),
  ],
);

/** 签到: one attendee present at a meeting, by code or marked by staff. */
export const signIns = pgTable(
  'sign_ins',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => meetings.id),
    invitationId: integer('invitation_id').references(() => invitations.id),
    accountId: integer('account_id').references(() => accounts.id),
    method: text('method', { enum: signInMethods }).notNull(),
    markedBy: integer('marked_by').references(() => accounts.id),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('sign_ins_meeting_invitation_key')
      .on(t.meetingId, t.invitationId)
      .where(sql`${t.invitationId} is not null`),
    uniqueIndex('sign_ins_meeting_account_key')
      .on(t.meetingId, t.accountId)
      .where(sql`${t.accountId} is not null`),
    // Every sign-in of a meeting (the partial keys above skip rows without an invitation or account):
    // statistics count them per meeting when a matter's facts are rebuilt.
    index('sign_ins_meeting_idx').on(t.meetingId),
  ],
);

/** Minutes of a meeting: draft → attendees amend until `amendUntil` → published (redacted copy public). */
export const minutes = pgTable(
  'minutes',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => meetings.id)
      .unique(),
    bodyFull: text('body_full').notNull(),
    bodyPublished: text('body_published'),
    status: statusColumn(minutesLifecycle),
    amendUntil: timestamp('amend_until', { withTimezone: true }),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    createdBy: integer('created_by')
      .notNull()
      .references(() => accounts.id),
    createdAt: createdAt(),
  },
  (t) => [statusCheck('minutes_status', t.status, minutesLifecycle.states)],
);

export const minuteAmendments = pgTable(
  'minute_amendments',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    minutesId: integer('minutes_id')
      .notNull()
      .references(() => minutes.id),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id),
    body: text('body').notNull(),
    status: statusColumn(amendmentLifecycle),
    answer: text('answer'),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [statusCheck('minute_amendments_status', t.status, amendmentLifecycle.states)],
);
