import { sql } from 'drizzle-orm';
import {
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
import { accounts } from './accounts';
import { places } from './places';
import { applicationLifecycle } from '../../../domain/demonstration/applications';
import type { Criterion } from '../../../domain/demonstration/scheme';
import { statusCheck, statusColumn } from '../lifecycle-sql';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/** 考核评分细则: the city's assessment scheme for one year, its criteria and period. */
export const demonstrationSchemes = pgTable(
  'demonstration_schemes',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    /** The city that publishes it. */
    placeId: integer('place_id')
      .notNull()
      .references(() => places.id),
    placePath: text('place_path').notNull(),
    year: integer('year').notNull(),
    title: text('title').notNull(),
    /** The assessment period `[from, to)` in China days: the computed figures are read for it. */
    periodFrom: date('period_from', { mode: 'string' }).notNull(),
    periodTo: date('period_to', { mode: 'string' }).notNull(),
    /** The weighted total (of 100) a community needs to be named and to keep the title. */
    passMark: integer('pass_mark').notNull(),
    /** Days of the public notice (公示) in which objections are taken. */
    noticeDays: integer('notice_days').notNull(),
    criteria: jsonb('criteria').$type<Criterion[]>().notNull(),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('demonstration_schemes_place_year_key').on(t.placeId, t.year),
    check('demonstration_schemes_period_order', sql`${t.periodTo} > ${t.periodFrom}`),
  ],
);

/** A community's application for one year's scheme, from its self-assessment to naming and re-assessment. */
export const demonstrationApplications = pgTable(
  'demonstration_applications',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    schemeId: integer('scheme_id')
      .notNull()
      .references(() => demonstrationSchemes.id),
    placeId: integer('place_id')
      .notNull()
      .references(() => places.id),
    placePath: text('place_path').notNull(),
    status: statusColumn(applicationLifecycle),
    statement: text('statement').notNull().default(''),
    /** Evidence per evidenced criterion key: what the community shows (text and links). */
    evidence: jsonb('evidence').$type<Record<string, string>>().notNull().default({}),
    /** The computed figures per criterion key, frozen at submission (null: not available). */
    computed: jsonb('computed').$type<Record<string, number | null>>(),
    /** The town's reasons when it returns the application, or its recommendation note. */
    townNote: text('town_note'),
    siteCheckOn: date('site_check_on', { mode: 'string' }),
    siteCheckBy: text('site_check_by'),
    siteCheckFindings: text('site_check_findings'),
    /** The review's weighted total (of 100) when the city names or declines it. */
    total: numeric('total', { precision: 5, scale: 1, mode: 'number' }),
    noticeFrom: date('notice_from', { mode: 'string' }),
    noticeTo: date('notice_to', { mode: 'string' }),
    /** Why it was declined, warned or removed: shown publicly for a removal. */
    outcomeReason: text('outcome_reason'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    namedAt: timestamp('named_at', { withTimezone: true }),
    createdBy: integer('created_by')
      .notNull()
      .references(() => accounts.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('demonstration_applications_scheme_place_key').on(t.schemeId, t.placeId),
    index('demonstration_applications_path_idx').using('btree', sql`${t.placePath} text_pattern_ops`),
    statusCheck('demonstration_applications_status', t.status, applicationLifecycle.states),
  ],
);

/** One city reviewer's scores of one application: per criterion key, a score and (when adjusted) a reason. */
export const demonstrationReviews = pgTable(
  'demonstration_reviews',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    applicationId: integer('application_id')
      .notNull()
      .references(() => demonstrationApplications.id),
    reviewerAccountId: integer('reviewer_account_id')
      .notNull()
      .references(() => accounts.id),
    scores: jsonb('scores').$type<Record<string, { score: number; reason?: string }>>().notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('demonstration_reviews_application_reviewer_key').on(t.applicationId, t.reviewerAccountId)],
);

/** An objection raised during the public notice, and the city's answer. */
export const demonstrationObjections = pgTable(
  'demonstration_objections',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    applicationId: integer('application_id')
      .notNull()
      .references(() => demonstrationApplications.id),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id),
    body: text('body').notNull(),
    answer: text('answer'),
    answeredBy: integer('answered_by').references(() => accounts.id),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('demonstration_objections_application_idx').on(t.applicationId)],
);

/** 动态管理: a named community's yearly re-assessment and what it did to the title. */
export const demonstrationReassessments = pgTable(
  'demonstration_reassessments',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    applicationId: integer('application_id')
      .notNull()
      .references(() => demonstrationApplications.id),
    year: integer('year').notNull(),
    total: numeric('total', { precision: 5, scale: 1, mode: 'number' }).notNull(),
    finding: text('finding'),
    /** The status it left the application in. */
    resultingStatus: text('resulting_status').$type<(typeof applicationLifecycle.states)[number]>().notNull(),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('demonstration_reassessments_application_year_key').on(t.applicationId, t.year),
    statusCheck('demonstration_reassessments_status', t.resultingStatus, applicationLifecycle.states),
  ],
);

/** A photo or scan attached as evidence to one evidenced criterion of an application (stored by content). */
export const demonstrationEvidenceFiles = pgTable(
  'demonstration_evidence_files',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    applicationId: integer('application_id')
      .notNull()
      .references(() => demonstrationApplications.id),
    criterionKey: text('criterion_key').notNull(),
    storageKey: text('storage_key').notNull(),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    uploadedBy: integer('uploaded_by')
      .notNull()
      .references(() => accounts.id),
    createdAt: createdAt(),
  },
  (t) => [index('demonstration_evidence_files_application_idx').on(t.applicationId)],
);
