import { integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { accounts } from './accounts';
import { matters } from './matters';
import { meetings } from './meetings';
import { resolutionBases } from '../../../domain/matters/resolutions';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/** The outcome of deliberation: text, basis (consensus at a meeting, or a ballot), objection window. */
export const resolutions = pgTable('resolutions', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  matterId: integer('matter_id')
    .notNull()
    .references(() => matters.id)
    .unique(),
  body: text('body').notNull(),
  basis: text('basis', { enum: resolutionBases }).notNull(),
  meetingId: integer('meeting_id').references(() => meetings.id),
  /** Seam for the ballot engine (issue 4): the ballot that decided it. */
  ballotId: integer('ballot_id'),
  objectionEndsAt: timestamp('objection_ends_at', { withTimezone: true }).notNull(),
  createdBy: integer('created_by')
    .notNull()
    .references(() => accounts.id),
  createdAt: createdAt(),
});

export const resolutionConfirmations = pgTable(
  'resolution_confirmations',
  {
    resolutionId: integer('resolution_id')
      .notNull()
      .references(() => resolutions.id),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.resolutionId, t.accountId] })],
);

export const objections = pgTable('objections', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  resolutionId: integer('resolution_id')
    .notNull()
    .references(() => resolutions.id),
  accountId: integer('account_id')
    .notNull()
    .references(() => accounts.id),
  body: text('body').notNull(),
  answer: text('answer'),
  answeredBy: integer('answered_by').references(() => accounts.id),
  answeredAt: timestamp('answered_at', { withTimezone: true }),
  createdAt: createdAt(),
});
