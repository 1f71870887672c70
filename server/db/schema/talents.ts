import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { nominationLifecycle, nominatorKinds, selectionLifecycle } from '../../../domain/talents/lifecycle';
import type { TalentRecord } from '../../../domain/talents/eligibility';
import type { SelectionCriterion } from '../../../domain/talents/selection';
import { statusCheck, statusColumn } from '../lifecycle-sql';
import { accounts } from './accounts';
import { places } from './places';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/** A scoring criterion and a person's record are the domain's (domain/talents). */
export type { SelectionCriterion, TalentRecord };

/** 领军人才遴选: one year's city-wide selection with its thresholds, quota and notice days. */
export const talentSelections = pgTable(
  'talent_selections',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    placeId: integer('place_id')
      .notNull()
      .references(() => places.id),
    placePath: text('place_path').notNull(),
    year: integer('year').notNull(),
    title: text('title').notNull(),
    /** How many may be named this year. */
    quota: integer('quota').notNull(),
    /** Eligibility: trained minutes, matters convened and projects run the record must reach. */
    minTrainedMinutes: integer('min_trained_minutes').notNull().default(0),
    minMattersConvened: integer('min_matters_convened').notNull().default(0),
    minProjectsRun: integer('min_projects_run').notNull().default(0),
    criteria: jsonb('criteria').$type<SelectionCriterion[]>().notNull(),
    nominationsCloseOn: date('nominations_close_on', { mode: 'string' }).notNull(),
    noticeDays: integer('notice_days').notNull(),
    status: statusColumn(selectionLifecycle),
    createdBy: integer('created_by')
      .notNull()
      .references(() => accounts.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('talent_selections_place_year_key').on(t.placeId, t.year),
    check('talent_selections_quota', sql`${t.quota} > 0`),
    check('talent_selections_notice_days', sql`${t.noticeDays} > 0`),
    statusCheck('talent_selections_status', t.status, selectionLifecycle.states),
  ],
);

/** A nomination of one person in one year's selection. */
export const talentNominations = pgTable(
  'talent_nominations',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    selectionId: integer('selection_id')
      .notNull()
      .references(() => talentSelections.id),
    /** The person nominated. */
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id),
    /** Their community (where they work or live). */
    placePath: text('place_path').notNull(),
    nominatorKind: text('nominator_kind', { enum: nominatorKinds }).notNull(),
    nominatedBy: integer('nominated_by')
      .notNull()
      .references(() => accounts.id),
    statement: text('statement').notNull(),
    record: jsonb('record').$type<TalentRecord>().notNull(),
    status: statusColumn(nominationLifecycle),
    /** The review's weighted total (of 100). */
    total: numeric('total', { precision: 5, scale: 1, mode: 'number' }),
    /** Why ruled out or declined. */
    outcomeReason: text('outcome_reason'),
    noticeFrom: date('notice_from', { mode: 'string' }),
    noticeTo: date('notice_to', { mode: 'string' }),
    /** The certificate number, issued when named. */
    certificateNo: text('certificate_no'),
    namedAt: timestamp('named_at', { withTimezone: true }),
    /** When the nominee agreed (on their own login) to be nominated and named in public; a self-nomination is consent. */
    consentedAt: timestamp('consented_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('talent_nominations_selection_account_key').on(t.selectionId, t.accountId),
    uniqueIndex('talent_nominations_certificate_key')
      .on(t.certificateNo)
      .where(sql`${t.certificateNo} is not null`),
    index('talent_nominations_path_idx').using('btree', sql`${t.placePath} text_pattern_ops`),
    statusCheck('talent_nominations_status', t.status, nominationLifecycle.states),
  ],
);

/** One city reviewer's scores of a nomination, per criterion key (0–100). */
export const talentReviews = pgTable(
  'talent_reviews',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    nominationId: integer('nomination_id')
      .notNull()
      .references(() => talentNominations.id),
    reviewerAccountId: integer('reviewer_account_id')
      .notNull()
      .references(() => accounts.id),
    scores: jsonb('scores').$type<Record<string, number>>().notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('talent_reviews_key').on(t.nominationId, t.reviewerAccountId)],
);

/** An objection raised during a nomination's public notice, and the city's answer. */
export const talentObjections = pgTable(
  'talent_objections',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    nominationId: integer('nomination_id')
      .notNull()
      .references(() => talentNominations.id),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id),
    body: text('body').notNull(),
    answer: text('answer'),
    /** True when the answer upholds the objection (the nomination is then declined). */
    upheld: boolean('upheld'),
    answeredBy: integer('answered_by').references(() => accounts.id),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('talent_objections_nomination_idx').on(t.nominationId)],
);
