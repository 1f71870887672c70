import { sql } from 'drizzle-orm';
import { matterVisibilities } from '../../../domain/matters/visibility';
import {
  bigint,
  boolean,
  check,
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
import { organisations, poolMembers } from './deliberation';
import { places, residents } from './territory';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/** A community's branded way to deliberate (邀约协商, 麻花议事 …) with its default invitee rule. */
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
    /** `{ tags: string[], councilKinds: string[], includeAffected: boolean }` */
    inviteeRule: jsonb('invitee_rule')
      .notNull()
      .default(sql`'{}'::jsonb`),
    isBuiltIn: boolean('is_built_in').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('matter_formats_place_name_key').on(t.placeId, t.name)],
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
    level: text('level', { enum: ['building', 'estate', 'community'] }).notNull(),
    kind: text('kind', { enum: ['livelihood', 'dispute', 'public_affair'] }).notNull(),
    category: text('category').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    status: text('status').notNull().default('raised'),
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
    index('matters_proposer_idx').on(t.proposerAccountId),
    // Statistics and the showcase filter by time and category under a place subtree.
    index('matters_created_idx').on(t.createdAt),
    index('matters_category_idx').on(t.category, t.createdAt),
    // The public showcase: decided public matters (publicStatuses in public-matters), newest first
    // (read backwards), without reading the others.
    index('matters_showcase_idx')
      .on(t.createdAt, t.id)
      .where(sql`${t.visibility} = 'public' and ${t.status} in ('resolved', 'implementing', 'reviewed', 'archived')`),
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
    purpose: text('purpose', { enum: ['raised', 'progress', 'before', 'after', 'minutes', 'other'] }).notNull(),
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

/** A public posting (topic, meeting, result) with its period and, for results, an objection window. */
export const notices = pgTable(
  'notices',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    matterId: integer('matter_id')
      .notNull()
      .references(() => matters.id),
    kind: text('kind', { enum: ['topic', 'meeting', 'result'] }).notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }).notNull(),
    createdBy: integer('created_by')
      .notNull()
      .references(() => accounts.id),
    createdAt: createdAt(),
  },
  (t) => [index('notices_matter_idx').on(t.matterId), check('notices_period', sql`${t.endsOn} >= ${t.startsOn}`)],
);

/** 邀约: one stakeholder invited to a matter's deliberation, and their reply. */
export const invitations = pgTable(
  'invitations',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    matterId: integer('matter_id')
      .notNull()
      .references(() => matters.id),
    reason: text('reason', { enum: ['pool', 'council', 'affected', 'outside'] }).notNull(),
    residentId: integer('resident_id').references(() => residents.id),
    poolMemberId: integer('pool_member_id').references(() => poolMembers.id),
    organisationId: integer('organisation_id').references(() => organisations.id),
    /** Named outside party (a department) with no record of its own. */
    outsideName: text('outside_name'),
    accountId: integer('account_id').references(() => accounts.id),
    reply: text('reply', { enum: ['pending', 'yes', 'no'] })
      .notNull()
      .default('pending'),
    repliedAt: timestamp('replied_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index('invitations_matter_idx').on(t.matterId),
    uniqueIndex('invitations_matter_resident_key')
      .on(t.matterId, t.residentId)
      .where(sql`${t.residentId} is not null`),
    uniqueIndex('invitations_matter_org_key')
      .on(t.matterId, t.organisationId)
      .where(sql`${t.organisationId} is not null`),
  ],
);

/** A user's inbox: invitations, progress, results — one row per item. */
export const inboxItems = pgTable(
  'inbox_items',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id),
    matterId: integer('matter_id').references(() => matters.id),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull().default(''),
    isRead: boolean('is_read').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [index('inbox_items_account_idx').on(t.accountId, t.isRead, t.createdAt)],
);
