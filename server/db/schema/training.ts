import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import {
  microLeaderStatuses,
  participantLifecycle,
  programmeLifecycle,
  trainingSignInMethods,
} from '../../../domain/training/lifecycle';
import { statusCheck, statusColumn } from '../lifecycle-sql';
import { accounts } from './accounts';
import { places } from './places';
import { poolMembers } from './pool';
import { venues } from './venues';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/** 培训项目: a training programme run by a city or town (e.g. 社区治理微领袖培训班 2026). */
export const trainingProgrammes = pgTable(
  'training_programmes',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    placeId: integer('place_id')
      .notNull()
      .references(() => places.id),
    placePath: text('place_path').notNull(),
    year: integer('year').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    /** Minutes of attended sessions a participant needs to complete it. */
    requiredMinutes: integer('required_minutes').notNull(),
    /** The assessment score (of 100) a participant needs to complete it. */
    passScore: integer('pass_score').notNull(),
    /** Whether completing it makes the person a micro-leader (微领袖). */
    makesMicroLeaders: boolean('makes_micro_leaders').notNull().default(true),
    status: statusColumn(programmeLifecycle),
    createdBy: integer('created_by')
      .notNull()
      .references(() => accounts.id),
    createdAt: createdAt(),
  },
  (t) => [
    index('training_programmes_path_idx').using('btree', sql`${t.placePath} text_pattern_ops`),
    check('training_programmes_required', sql`${t.requiredMinutes} > 0`),
    check('training_programmes_pass_score', sql`${t.passScore} between 0 and 100`),
    statusCheck('training_programmes_status', t.status, programmeLifecycle.states),
  ],
);

/** 课程/场次: one session of a programme, with its course, time, place and a short sign-in code. */
export const trainingSessions = pgTable(
  'training_sessions',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    programmeId: integer('programme_id')
      .notNull()
      .references(() => trainingProgrammes.id, { onDelete: 'cascade' }),
    course: text('course').notNull(),
    teacher: text('teacher').notNull().default(''),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    /** The minutes it counts for a participant who signs in. */
    minutes: integer('minutes').notNull(),
    location: text('location').notNull().default(''),
    venueId: integer('venue_id').references(() => venues.id),
    signInCode: text('sign_in_code').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('training_sessions_programme_idx').on(t.programmeId, t.startsAt),
    check('training_sessions_minutes', sql`${t.minutes} > 0`),
  ],
);

/** A person enrolled in a programme, their assessment, and whether they completed it. */
export const trainingParticipants = pgTable(
  'training_participants',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    programmeId: integer('programme_id')
      .notNull()
      .references(() => trainingProgrammes.id, { onDelete: 'cascade' }),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id),
    /** The community the person comes from (their home place when enrolled). */
    placePath: text('place_path').notNull(),
    status: statusColumn(participantLifecycle),
    assessmentScore: integer('assessment_score'),
    assessedBy: integer('assessed_by').references(() => accounts.id),
    completedOn: date('completed_on', { mode: 'string' }),
    enrolledAt: createdAt(),
  },
  (t) => [
    uniqueIndex('training_participants_key').on(t.programmeId, t.accountId),
    index('training_participants_account_idx').on(t.accountId),
    index('training_participants_path_idx').using('btree', sql`${t.placePath} text_pattern_ops`),
    check('training_participants_score', sql`${t.assessmentScore} is null or ${t.assessmentScore} between 0 and 100`),
    statusCheck('training_participants_status', t.status, participantLifecycle.states),
  ],
);

/** 培训签到: a participant present at a session, by code or marked by staff. */
export const trainingSignIns = pgTable(
  'training_sign_ins',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    sessionId: integer('session_id')
      .notNull()
      .references(() => trainingSessions.id, { onDelete: 'cascade' }),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id),
    method: text('method', { enum: trainingSignInMethods }).notNull(),
    markedBy: integer('marked_by').references(() => accounts.id),
    at: createdAt(),
  },
  (t) => [
    uniqueIndex('training_sign_ins_key').on(t.sessionId, t.accountId),
    index('training_sign_ins_account_idx').on(t.accountId),
  ],
);

/** 微领袖: a person who completed a micro-leader programme, with tags, linked to their community's member pool. */
export const microLeaders = pgTable(
  'micro_leaders',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id),
    /** Their community. */
    placePath: text('place_path').notNull(),
    programmeId: integer('programme_id').references(() => trainingProgrammes.id),
    poolMemberId: integer('pool_member_id').references(() => poolMembers.id),
    tags: text('tags')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    since: date('since', { mode: 'string' }).notNull(),
    status: text('status', { enum: microLeaderStatuses }).notNull().default('active'),
    withdrawnReason: text('withdrawn_reason'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('micro_leaders_account_key').on(t.accountId),
    index('micro_leaders_path_idx').using('btree', sql`${t.placePath} text_pattern_ops`),
    index('micro_leaders_tags_idx').using('gin', t.tags),
    statusCheck('micro_leaders_status', t.status, microLeaderStatuses),
  ],
);
