import { sql } from 'drizzle-orm';
import { matterVisibilities } from '../../../domain/matters/visibility';
import {
  bigint,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { accounts } from './accounts';
import { places, residents } from './places';
import { DECIDED_STATUSES, matterLifecycle, matterStatuses, type MatterStatus } from '../../../domain/matters/stages';
import { inStates, statusCheck, statusColumn } from '../lifecycle-sql';
import { photoPurposes } from '../../../domain/matters/photos';
import { matterKinds, matterLevels } from '../../../domain/matters/taxonomy';
import { inviteeGroups } from '../../../domain/matters/formats';
import { councilKinds } from '../../../domain/territory/councils';
import { meetingModes } from '../../../domain/meetings/attendance';
import { ruleKeys } from '../../../domain/voting/rules';
import { governancesCheck, governancesColumn } from '../governance-sql';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/** A community's branded way to deliberate (邀约协商, 麻花议事 …) with the defaults it starts a matter with. */
export const matterFormats = pgTable(
  'matter_formats',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    placeId: integer('place_id')
      .notNull()
      .references(() => places.id),
    placePath: text('place_path').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    /** Defaults the accept and invite steps start from (domain/matters/formats.ts). */
    inviteeGroups: text('invitee_groups', { enum: inviteeGroups })
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    councilKinds: text('council_kinds', { enum: councilKinds })
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    meetingMode: text('meeting_mode', { enum: meetingModes }),
    ballotRule: text('ballot_rule', { enum: ruleKeys }),
    /** 四治: the governances the vetting picker suggests for a matter of this format. */
    governances: governancesColumn(),
    isBuiltIn: boolean('is_built_in').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('matter_formats_place_name_key').on(t.placeId, t.name),
    governancesCheck('matter_formats_governances', t.governances),
  ],
);

/** One matter from raising to archive: one matter, one file. `status` is a stage or a side exit. */
export const matters = pgTable(
  'matters',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    placeId: integer('place_id')
      .notNull()
      .references(() => places.id),
    placePath: text('place_path').notNull(),
    level: text('level', { enum: matterLevels }).notNull(),
    kind: text('kind', { enum: matterKinds }).notNull(),
    category: text('category').notNull(),
    /** 四治: the governances staff tagged it with at vetting or later (statistics and the bulletin group by them). */
    governances: governancesColumn(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    status: statusColumn(matterLifecycle),
    proposerAccountId: integer('proposer_account_id')
      .notNull()
      .references(() => accounts.id),
    proposerResidentId: integer('proposer_resident_id').references(() => residents.id),
    /** Staff or a grid worker who raised it on the proposer's behalf. */
    raisedByAccountId: integer('raised_by_account_id').references(() => accounts.id),
    formatId: integer('format_id').references(() => matterFormats.id),
    convenorAccountId: integer('convenor_account_id').references(() => accounts.id),
    visibility: text('visibility', { enum: matterVisibilities }).notNull().default('community'),
    declineReason: text('decline_reason'),
    mergedIntoId: integer('merged_into_id'),
    referralDepartment: text('referral_department'),
    referralDueOn: date('referral_due_on', { mode: 'string' }),
    supportCount: integer('support_count').notNull().default(0),
    sealedAt: timestamp('sealed_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('matters_place_path_idx').using('btree', sql`${t.placePath} text_pattern_ops`),
    index('matters_status_idx').on(t.status),
    statusCheck('matters_status', t.status, matterStatuses),
    governancesCheck('matters_governances', t.governances),
    index('matters_proposer_idx').on(t.proposerAccountId),
    // Statistics and the showcase filter by time and category under a place subtree.
    index('matters_created_idx').on(t.createdAt),
    index('matters_category_idx').on(t.category, t.createdAt),
    // The public showcase: decided public matters (publicStatuses in public-matters), newest first
    // (read backwards), without reading the others.
    index('matters_showcase_idx')
      .on(t.createdAt, t.id)
      .where(sql`${t.visibility} = 'public' and ${inStates(t.status, DECIDED_STATUSES)}`),
  ],
);

/** Photos and scans of a matter (raising, progress evidence, before/after), stored by key. */
export const matterFiles = pgTable(
  'matter_files',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    matterId: integer('matter_id')
      .notNull()
      .references(() => matters.id),
    purpose: text('purpose', { enum: photoPurposes }).notNull(),
    taskProgressId: integer('task_progress_id'),
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
  (t) => [index('matter_files_matter_idx').on(t.matterId)],
);

/** 联名: a resident's support of a matter, once per account. */
export const matterSupports = pgTable(
  'matter_supports',
  {
    matterId: integer('matter_id')
      .notNull()
      .references(() => matters.id),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.matterId, t.accountId] })],
);

/**
 * The matter's audit chain: entry n holds the SHA-256 of entry n−1, so altering any stored entry
 * breaks every hash after it.
 */
export const matterEvents = pgTable(
  'matter_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    matterId: integer('matter_id')
      .notNull()
      .references(() => matters.id),
    seq: integer('seq').notNull(),
    actorAccountId: integer('actor_account_id'),
    action: text('action').notNull(),
    payload: jsonb('payload').notNull(),
    payloadDigest: text('payload_digest').notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('matter_events_matter_seq_key').on(t.matterId, t.seq)],
);

/**
 * When a matter entered each status, written by the command runner with the transition: statistics read
 * days per stage from here instead of scanning the audit chain.
 */
export const matterStageEntries = pgTable(
  'matter_stage_entries',
  {
    matterId: integer('matter_id')
      .notNull()
      .references(() => matters.id),
    status: text('status').$type<MatterStatus>().notNull(),
    enteredAt: timestamp('entered_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.matterId, t.status] }),
    index('matter_stage_entries_status_idx').on(t.status, t.enteredAt),
    statusCheck('matter_stage_entries_status', t.status, matterStatuses),
  ],
);
