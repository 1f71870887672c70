import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { accounts } from './accounts';
import { matters } from './matters';
import { residents } from './places';
import { taskLifecycle } from '../../../domain/implementation/task-status';
import { statusCheck, statusColumn } from '../lifecycle-sql';
import { evaluationOutcomes, followUpMethods, supervisionVerdicts } from '../../../domain/implementation/reviews';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/** 落实任务: an implementation item with an owner, a deadline and a progress log. */
export const tasks = pgTable(
  'tasks',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    matterId: integer('matter_id')
      .notNull()
      .references(() => matters.id),
    title: text('title').notNull(),
    ownerName: text('owner_name').notNull(),
    /** The assignee (负责人) when they have an account; `ownerName` is shown either way. */
    ownerAccountId: integer('owner_account_id').references(() => accounts.id),
    /** China day of the last overdue reminder, so the reminder job writes at most one a day. */
    remindedOn: date('reminded_on', { mode: 'string' }),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    status: statusColumn(taskLifecycle),
    doneAt: timestamp('done_at', { withTimezone: true }),
    createdBy: integer('created_by')
      .notNull()
      .references(() => accounts.id),
    createdAt: createdAt(),
  },
  (t) => [
    index('tasks_matter_idx').on(t.matterId),
    index('tasks_due_idx').on(t.status, t.dueOn),
    index('tasks_owner_idx').on(t.ownerAccountId),
    statusCheck('tasks_status', t.status, taskLifecycle.states),
  ],
);

export const taskProgress = pgTable(
  'task_progress',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    taskId: integer('task_id')
      .notNull()
      .references(() => tasks.id),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id),
    note: text('note').notNull(),
    percent: integer('percent').notNull(),
    createdAt: createdAt(),
  },
  (t) => [check('task_progress_percent', sql`${t.percent} between 0 and 100`)],
);

/** 回访: a visit or call on implementation, with satisfaction 1–5; residents may rate themselves. */
export const followUps = pgTable(
  'follow_ups',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    matterId: integer('matter_id')
      .notNull()
      .references(() => matters.id),
    recordedBy: integer('recorded_by')
      .notNull()
      .references(() => accounts.id),
    residentId: integer('resident_id').references(() => residents.id),
    method: text('method', { enum: followUpMethods }).notNull(),
    satisfaction: integer('satisfaction').notNull(),
    comment: text('comment').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [
    index('follow_ups_matter_idx').on(t.matterId),
    check('follow_ups_satisfaction', sql`${t.satisfaction} between 1 and 5`),
  ],
);

/** A supervisor's review of implementation, with the look-back (回头看) date. */
export const supervisionReviews = pgTable('supervision_reviews', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  matterId: integer('matter_id')
    .notNull()
    .references(() => matters.id),
  accountId: integer('account_id')
    .notNull()
    .references(() => accounts.id),
  verdict: text('verdict', { enum: supervisionVerdicts }).notNull(),
  comment: text('comment').notNull(),
  lookBackOn: date('look_back_on', { mode: 'string' }),
  createdAt: createdAt(),
});

/** 成效评估: the scored outcome that archiving requires; feeds the city's headline counts. */
export const evaluations = pgTable(
  'evaluations',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    matterId: integer('matter_id')
      .notNull()
      .references(() => matters.id)
      .unique(),
    score: integer('score').notNull(),
    outcome: text('outcome', { enum: evaluationOutcomes }).notNull(),
    isDisputeResolved: boolean('is_dispute_resolved').notNull().default(false),
    comment: text('comment').notNull().default(''),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id),
    createdAt: createdAt(),
  },
  (t) => [check('evaluations_score', sql`${t.score} between 0 and 100`)],
);
