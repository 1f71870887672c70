import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { places, residents } from './territory';

/** An organisation the community can invite: property company, law firm, department, social organisation. */
export const organisations = pgTable(
  'organisations',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    placeId: integer('place_id')
      .notNull()
      .references(() => places.id),
    placePath: text('place_path').notNull(),
    name: text('name').notNull(),
    kind: text('kind', {
      enum: ['property_company', 'law_firm', 'department', 'social_organisation', 'enterprise', 'other'],
    }).notNull(),
    contactPhone: text('contact_phone'),
  },
  (t) => [uniqueIndex('organisations_place_name_key').on(t.placeId, t.name)],
);

/** An entry of a community's member pool (议事协商成员库): a resident or an organisation, with tags. */
export const poolMembers = pgTable(
  'pool_members',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    /** The community (or higher place) whose pool this is. */
    placeId: integer('place_id')
      .notNull()
      .references(() => places.id),
    placePath: text('place_path').notNull(),
    residentId: integer('resident_id').references(() => residents.id),
    organisationId: integer('organisation_id').references(() => organisations.id),
    tags: text('tags')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    note: text('note'),
    isActive: boolean('is_active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('pool_members_one_party', sql`(${t.residentId} is null) <> (${t.organisationId} is null)`),
    uniqueIndex('pool_members_place_resident_key')
      .on(t.placeId, t.residentId)
      .where(sql`${t.residentId} is not null`),
    uniqueIndex('pool_members_place_org_key')
      .on(t.placeId, t.organisationId)
      .where(sql`${t.organisationId} is not null`),
    index('pool_members_place_path_idx').using('btree', sql`${t.placePath} text_pattern_ops`),
    index('pool_members_tags_idx').using('gin', t.tags),
  ],
);

export const councilKinds = [
  'residents_council',
  'sage_council',
  'owners_committee',
  'villagers_representatives',
  'custom',
] as const;

/** A standing deliberation body of a place, with a term. */
export const councils = pgTable(
  'councils',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    placeId: integer('place_id')
      .notNull()
      .references(() => places.id),
    placePath: text('place_path').notNull(),
    kind: text('kind', { enum: councilKinds }).notNull(),
    name: text('name').notNull(),
    termStart: date('term_start', { mode: 'string' }).notNull(),
    termEnd: date('term_end', { mode: 'string' }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('councils_place_name_key').on(t.placeId, t.name),
    check('councils_term_order', sql`${t.termEnd} >= ${t.termStart}`),
  ],
);

/** A seat on a council, held by a member-pool entry for part or all of the council's term. */
export const councilMembers = pgTable(
  'council_members',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    councilId: integer('council_id')
      .notNull()
      .references(() => councils.id, { onDelete: 'cascade' }),
    poolMemberId: integer('pool_member_id')
      .notNull()
      .references(() => poolMembers.id),
    position: text('position', { enum: ['chair', 'vice_chair', 'member', 'secretary'] })
      .notNull()
      .default('member'),
    termStart: date('term_start', { mode: 'string' }).notNull(),
    termEnd: date('term_end', { mode: 'string' }).notNull(),
  },
  (t) => [
    uniqueIndex('council_members_council_member_key').on(t.councilId, t.poolMemberId),
    index('council_members_member_idx').on(t.poolMemberId),
  ],
);

/** Staff reads of full personal records (PIPL): who read whose record, when. */
export const personalDataReads = pgTable(
  'personal_data_reads',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    accountId: integer('account_id').notNull(),
    subject: text('subject').notNull(),
    subjectId: integer('subject_id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('personal_data_reads_subject_idx').on(t.subject, t.subjectId)],
);

/** One roster import run: what was uploaded and what it did (no personal data stored). */
export const rosterImports = pgTable('roster_imports', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  accountId: integer('account_id').notNull(),
  placeId: integer('place_id')
    .notNull()
    .references(() => places.id),
  kind: text('kind', { enum: ['places', 'dwellings', 'households', 'residents'] }).notNull(),
  fileName: text('file_name').notNull(),
  rowCount: integer('row_count').notNull(),
  inserted: integer('inserted').notNull(),
  updated: integer('updated').notNull(),
  unchanged: integer('unchanged').notNull(),
  skipped: integer('skipped').notNull(),
  /** Row warnings (owner without property, tenant with property) the worker acknowledged before committing. */
  warningsAcknowledged: integer('warnings_acknowledged').notNull().default(0),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
