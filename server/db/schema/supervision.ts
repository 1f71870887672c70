import { sql } from 'drizzle-orm';
import { date, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { accounts } from './accounts';
import { matters } from './matters';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/** 监督: a supervisor assigned to oversee one matter (supervisors themselves are role grants on a place). */
export const matterOversight = pgTable(
  'matter_oversight',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    matterId: integer('matter_id')
      .notNull()
      .references(() => matters.id),
    supervisorAccountId: integer('supervisor_account_id')
      .notNull()
      .references(() => accounts.id),
    assignedBy: integer('assigned_by')
      .notNull()
      .references(() => accounts.id),
    assignedAt: timestamp('assigned_at', { withTimezone: true }).notNull().defaultNow(),
    /** Ended by a manager, or because the supervisor's grant over the matter was revoked; the row stays. */
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('matter_oversight_uq')
      .on(t.matterId, t.supervisorAccountId)
      .where(sql`${t.endedAt} is null`),
    index('matter_oversight_supervisor_idx').on(t.supervisorAccountId),
  ],
);

/** A supervisor's finding on a matter, which the convenor must answer (by `dueOn` when set). */
export const supervisionFindings = pgTable(
  'supervision_findings',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    matterId: integer('matter_id')
      .notNull()
      .references(() => matters.id),
    supervisorAccountId: integer('supervisor_account_id')
      .notNull()
      .references(() => accounts.id),
    body: text('body').notNull(),
    dueOn: date('due_on', { mode: 'string' }),
    answer: text('answer'),
    answeredBy: integer('answered_by').references(() => accounts.id),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index('supervision_findings_matter_idx').on(t.matterId),
    index('supervision_findings_open_idx')
      .on(t.supervisorAccountId, t.createdAt)
      .where(sql`${t.answeredAt} is null`),
  ],
);
