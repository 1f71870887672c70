import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { accounts } from './accounts';
import { councils } from './councils';
import { meetings } from './meetings';
import { places } from './places';
import { organisations } from './pool';
import { statusCheck, statusColumn } from '../lifecycle-sql';
import {
  venueAccessibilityFeatures,
  venueKinds,
  venuePhotoPurposes,
  venueReviewLifecycle,
  type VenueAccessibility,
} from '../../../domain/territory/venues';
import { rulesDocumentOwners } from '../../../domain/territory/rules-documents';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/** 议事阵地: a venue of a place (community, estate or building), reviewed by the town to the five haves. */
export const venues = pgTable(
  'venues',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    placeId: integer('place_id')
      .notNull()
      .references(() => places.id),
    placePath: text('place_path').notNull(),
    /** The community the place lies in: whose notice board and meetings the five haves read. */
    communityPath: text('community_path').notNull(),
    kind: text('kind', { enum: venueKinds }).notNull(),
    name: text('name').notNull(),
    /** Below the place: "3 幢一楼东侧". */
    address: text('address').notNull(),
    capacity: integer('capacity').notNull(),
    openingHours: text('opening_hours').notNull().default(''),
    accessibility: text('accessibility')
      .array()
      .$type<VenueAccessibility[]>()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** 有组织机构: one of the place's councils, or an organisation of its member pool (at most one). */
    councilId: integer('council_id').references(() => councils.id),
    organisationId: integer('organisation_id').references(() => organisations.id),
    status: statusColumn(venueReviewLifecycle),
    returnReason: text('return_reason'),
    reviewedBy: integer('reviewed_by').references(() => accounts.id),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    createdBy: integer('created_by')
      .notNull()
      .references(() => accounts.id),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('venues_place_name_key').on(t.placeId, t.name),
    index('venues_place_path_idx').using('btree', sql`${t.placePath} text_pattern_ops`),
    index('venues_community_path_idx').using('btree', sql`${t.communityPath} text_pattern_ops`),
    check('venues_one_organisation', sql`${t.councilId} is null or ${t.organisationId} is null`),
    check('venues_capacity', sql`${t.capacity} between 1 and 100000`),
    check(
      'venues_accessibility',
      sql`${t.accessibility} <@ array[${sql.raw(venueAccessibilityFeatures.map((f) => `'${f}'`).join(', '))}]::text[]`,
    ),
    statusCheck('venues_status', t.status, venueReviewLifecycle.states),
  ],
);

/** A venue's photo: its signage (evidence of 有醒目标识) or the venue itself; bytes in file storage. */
export const venueFiles = pgTable(
  'venue_files',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    venueId: integer('venue_id')
      .notNull()
      .references(() => venues.id),
    purpose: text('purpose', { enum: venuePhotoPurposes }).notNull(),
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
  (t) => [index('venue_files_venue_idx').on(t.venueId)],
);

/**
 * A venue booked for [startsAt, endsAt): by a meeting scheduled there, or by staff for another
 * activity (`title`). Overlaps of one venue are refused by an exclusion constraint (hand-written SQL).
 */
export const venueBookings = pgTable(
  'venue_bookings',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    venueId: integer('venue_id')
      .notNull()
      .references(() => venues.id),
    meetingId: integer('meeting_id').references(() => meetings.id),
    title: text('title'),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    createdBy: integer('created_by')
      .notNull()
      .references(() => accounts.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('venue_bookings_meeting_key')
      .on(t.meetingId)
      .where(sql`${t.meetingId} is not null`),
    index('venue_bookings_venue_idx').on(t.venueId, t.startsAt),
    check('venue_bookings_period', sql`${t.endsAt} > ${t.startsAt}`),
    check('venue_bookings_what', sql`(${t.meetingId} is null) <> (${t.title} is null)`),
  ],
);

/** 议事制度: the rules of the county standard, a council or a venue; its text lives in versions. */
export const rulesDocuments = pgTable(
  'rules_documents',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    owner: text('owner', { enum: rulesDocumentOwners }).notNull(),
    councilId: integer('council_id').references(() => councils.id),
    venueId: integer('venue_id').references(() => venues.id),
    /** The place whose staff manage it: the city for the standard, the council's or venue's place. */
    placePath: text('place_path').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('rules_documents_council_key')
      .on(t.councilId)
      .where(sql`${t.councilId} is not null`),
    uniqueIndex('rules_documents_venue_key')
      .on(t.venueId)
      .where(sql`${t.venueId} is not null`),
    uniqueIndex('rules_documents_standard_key')
      .on(t.owner)
      .where(sql`${t.owner} = 'standard'`),
    check(
      'rules_documents_owner',
      sql`(${t.owner} = 'standard' and ${t.councilId} is null and ${t.venueId} is null)
        or (${t.owner} = 'council' and ${t.councilId} is not null and ${t.venueId} is null)
        or (${t.owner} = 'venue' and ${t.venueId} is not null and ${t.councilId} is null)`,
    ),
  ],
);

/** One version of a rules document, effective from a day; the current one is the latest effective. */
export const rulesVersions = pgTable(
  'rules_versions',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    documentId: integer('document_id')
      .notNull()
      .references(() => rulesDocuments.id),
    title: text('title').notNull(),
    body: text('body').notNull(),
    effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
    createdBy: integer('created_by').references(() => accounts.id),
    createdAt: createdAt(),
  },
  (t) => [index('rules_versions_document_idx').on(t.documentId, t.effectiveFrom)],
);
