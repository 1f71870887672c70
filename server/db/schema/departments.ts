import { sql } from 'drizzle-orm';
import { date, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { departmentKinds } from '../../../domain/departments/departments';
import { referralLifecycle, referralSubjects } from '../../../domain/departments/referral-status';
import { statusCheck, statusColumn } from '../lifecycle-sql';
import { accounts } from './accounts';
import { tasks } from './implementation';
import { matters } from './matters';
import { places } from './places';

/** 部门: a department registered at a city or a town (its social-work committee's members). */
export const departments = pgTable(
  'departments',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    placeId: integer('place_id')
      .notNull()
      .references(() => places.id),
    /** Copy of the place's path, so a subtree's departments are one prefix scan. */
    placePath: text('place_path').notNull(),
    name: text('name').notNull(),
    kind: text('kind', { enum: departmentKinds }).notNull(),
    createdBy: integer('created_by').references(() => accounts.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('departments_place_name_key').on(t.placeId, t.name),
    index('departments_place_path_idx').using('btree', sql`${t.placePath} text_pattern_ops`),
  ],
);

/** 联络员: the account that answers a department's referrals (it also holds the `liaison` role on its place). */
export const departmentLiaisons = pgTable(
  'department_liaisons',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    departmentId: integer('department_id')
      .notNull()
      .references(() => departments.id),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('department_liaisons_key').on(t.departmentId, t.accountId),
    index('department_liaisons_account_idx').on(t.accountId),
  ],
);

/**
 * 转办: a matter (or one of its tasks) referred to a department, with its due day and what came of it.
 * `placePath` is the matter's place when it was sent: the supervision queue and bulletins read by it.
 */
export const referrals = pgTable(
  'referrals',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    departmentId: integer('department_id')
      .notNull()
      .references(() => departments.id),
    subject: text('subject', { enum: referralSubjects }).notNull(),
    matterId: integer('matter_id')
      .notNull()
      .references(() => matters.id),
    taskId: integer('task_id').references(() => tasks.id),
    placePath: text('place_path').notNull(),
    status: statusColumn(referralLifecycle),
    note: text('note').notNull().default(''),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    sentBy: integer('sent_by')
      .notNull()
      .references(() => accounts.id),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
    acceptedBy: integer('accepted_by').references(() => accounts.id),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    answeredBy: integer('answered_by').references(() => accounts.id),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    reply: text('reply'),
    handedBackBy: integer('handed_back_by').references(() => accounts.id),
    handedBackAt: timestamp('handed_back_at', { withTimezone: true }),
    handBackReason: text('hand_back_reason'),
  },
  (t) => [
    index('referrals_department_idx').on(t.departmentId, t.status, t.dueOn),
    index('referrals_matter_idx').on(t.matterId),
    index('referrals_place_path_idx').using('btree', sql`${t.placePath} text_pattern_ops`),
    statusCheck('referrals_status', t.status, referralLifecycle.states),
  ],
);
