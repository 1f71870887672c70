import { sql } from 'drizzle-orm';
import {
  bigint,
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
import {
  callLifecycle,
  milestoneLifecycle,
  projectLifecycle,
  projectMatterRelations,
  projectReviewStages,
} from '../../../domain/projects/lifecycle';
import { governancesCheck, governancesColumn } from '../governance-sql';
import { statusCheck, statusColumn } from '../lifecycle-sql';
import { accounts } from './accounts';
import { matters } from './matters';
import { places } from './places';
import { organisations } from './pool';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
/** Money is integer fen (分), never a float: ¥1.00 is 100. */
const fen = (name: string) => bigint(name, { mode: 'number' });

/** A scoring criterion of a call: key, label and weight (weights sum to 100). */
export type CallCriterion = { key: string; label: string; weight: number };

/** 项目征集: a call for micro-governance project proposals by a city or town, with its budget. */
export const projectCalls = pgTable(
  'project_calls',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    placeId: integer('place_id')
      .notNull()
      .references(() => places.id),
    placePath: text('place_path').notNull(),
    year: integer('year').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    /** The total the call may award, in fen. */
    budgetFen: fen('budget_fen').notNull(),
    /** The most one project may ask for, in fen. */
    maxPerProjectFen: fen('max_per_project_fen').notNull(),
    criteria: jsonb('criteria').$type<CallCriterion[]>().notNull(),
    opensOn: date('opens_on', { mode: 'string' }).notNull(),
    closesOn: date('closes_on', { mode: 'string' }).notNull(),
    status: statusColumn(callLifecycle),
    createdBy: integer('created_by')
      .notNull()
      .references(() => accounts.id),
    createdAt: createdAt(),
  },
  (t) => [
    index('project_calls_path_idx').using('btree', sql`${t.placePath} text_pattern_ops`),
    check('project_calls_budget', sql`${t.budgetFen} > 0 and ${t.maxPerProjectFen} > 0`),
    check('project_calls_period', sql`${t.closesOn} >= ${t.opensOn}`),
    statusCheck('project_calls_status', t.status, callLifecycle.states),
  ],
);

/** An indicator a project commits to (e.g. 开展议事活动 12 场) and, after evaluation, what it reached. */
export type ProjectIndicator = { label: string; target: string; achieved?: string };

/** 微治理项目: an organisation's project under a call, from application to close. */
export const projects = pgTable(
  'projects',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    callId: integer('call_id')
      .notNull()
      .references(() => projectCalls.id),
    organisationId: integer('organisation_id')
      .notNull()
      .references(() => organisations.id),
    /** The call's place path: officers over it review and manage the project. */
    placePath: text('place_path').notNull(),
    title: text('title').notNull(),
    aims: text('aims').notNull().default(''),
    governances: governancesColumn(),
    indicators: jsonb('indicators').$type<ProjectIndicator[]>().notNull().default([]),
    status: statusColumn(projectLifecycle),
    /** The reasons given when returned or declined. */
    officerNote: text('officer_note'),
    /** The weighted review total (of 100) when approved or declined. */
    reviewTotal: numeric('review_total', { precision: 5, scale: 1, mode: 'number' }),
    contractNo: text('contract_no'),
    contractAmountFen: fen('contract_amount_fen'),
    contractFrom: date('contract_from', { mode: 'string' }),
    contractTo: date('contract_to', { mode: 'string' }),
    midtermScore: numeric('midterm_score', { precision: 5, scale: 1, mode: 'number' }),
    finalScore: numeric('final_score', { precision: 5, scale: 1, mode: 'number' }),
    /** Residents' mean satisfaction (1–5) from the follow-ups of its matters, frozen at the final evaluation. */
    satisfaction: numeric('satisfaction', { precision: 3, scale: 2, mode: 'number' }),
    /** The result the public showcase shows once closed. */
    resultSummary: text('result_summary'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    contractedAt: timestamp('contracted_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    createdBy: integer('created_by')
      .notNull()
      .references(() => accounts.id),
    createdAt: createdAt(),
  },
  (t) => [
    index('projects_path_idx').using('btree', sql`${t.placePath} text_pattern_ops`),
    index('projects_call_idx').on(t.callId),
    index('projects_organisation_idx').on(t.organisationId),
    check('projects_contract_amount', sql`${t.contractAmountFen} is null or ${t.contractAmountFen} > 0`),
    governancesCheck('projects_governances_known', t.governances),
    statusCheck('projects_status', t.status, projectLifecycle.states),
  ],
);

/** A community a project serves. */
export const projectCommunities = pgTable(
  'project_communities',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    placeId: integer('place_id')
      .notNull()
      .references(() => places.id),
    placePath: text('place_path').notNull(),
  },
  (t) => [
    uniqueIndex('project_communities_key').on(t.projectId, t.placeId),
    index('project_communities_path_idx').using('btree', sql`${t.placePath} text_pattern_ops`),
  ],
);

/** A matter a project carries: one that gave rise to it, or one it serves. */
export const projectMatters = pgTable(
  'project_matters',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    matterId: integer('matter_id')
      .notNull()
      .references(() => matters.id),
    /** `origin`: the matter the project arose from; `served`: a matter it carries. */
    relation: text('relation', { enum: projectMatterRelations }).notNull().default('served'),
  },
  (t) => [
    uniqueIndex('project_matters_key').on(t.projectId, t.matterId),
    index('project_matters_matter_idx').on(t.matterId),
  ],
);

/** 预算明细: one budget line of a project, in fen. */
export const projectBudgetLines = pgTable(
  'project_budget_lines',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    amountFen: fen('amount_fen').notNull(),
    sortOrder: integer('sort_order').notNull().default(0),
  },
  (t) => [
    uniqueIndex('project_budget_lines_name_key').on(t.projectId, t.name),
    check('project_budget_lines_amount', sql`${t.amountFen} > 0`),
  ],
);

/** 里程碑: a planned step with its indicator, reported with evidence and accepted by the officers. */
export const projectMilestones = pgTable(
  'project_milestones',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    status: statusColumn(milestoneLifecycle),
    report: text('report'),
    reportedBy: integer('reported_by').references(() => accounts.id),
    reportedAt: timestamp('reported_at', { withTimezone: true }),
    reviewNote: text('review_note'),
    acceptedBy: integer('accepted_by').references(() => accounts.id),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    sortOrder: integer('sort_order').notNull().default(0),
  },
  (t) => [
    index('project_milestones_project_idx').on(t.projectId),
    statusCheck('project_milestones_status', t.status, milestoneLifecycle.states),
  ],
);

/** A photo or scan attached to a milestone's report (stored by content, re-encoded like every upload). */
export const projectEvidenceFiles = pgTable(
  'project_evidence_files',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    milestoneId: integer('milestone_id')
      .notNull()
      .references(() => projectMilestones.id, { onDelete: 'cascade' }),
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
  (t) => [index('project_evidence_files_milestone_idx').on(t.milestoneId)],
);

/** 支出: money spent against one budget line, reported with a milestone (or alone), in fen. */
export const projectSpendings = pgTable(
  'project_spendings',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    budgetLineId: integer('budget_line_id')
      .notNull()
      .references(() => projectBudgetLines.id),
    milestoneId: integer('milestone_id').references(() => projectMilestones.id),
    amountFen: fen('amount_fen').notNull(),
    spentOn: date('spent_on', { mode: 'string' }).notNull(),
    note: text('note').notNull().default(''),
    recordedBy: integer('recorded_by')
      .notNull()
      .references(() => accounts.id),
    createdAt: createdAt(),
  },
  (t) => [
    index('project_spendings_project_idx').on(t.projectId, t.budgetLineId),
    check('project_spendings_amount', sql`${t.amountFen} > 0`),
  ],
);

/** One reviewer's scores of a project at one stage (application review, mid-term, final). */
export const projectReviews = pgTable(
  'project_reviews',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    stage: text('stage', { enum: projectReviewStages }).notNull(),
    reviewerAccountId: integer('reviewer_account_id')
      .notNull()
      .references(() => accounts.id),
    /** Per criterion key: the score (0–100). */
    scores: jsonb('scores').$type<Record<string, number>>().notNull(),
    comment: text('comment').notNull().default(''),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('project_reviews_key').on(t.projectId, t.stage, t.reviewerAccountId)],
);
