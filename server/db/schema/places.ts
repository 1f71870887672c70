import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { genders, tenures } from '../../../domain/people/residents';
import { areaSources, dwellingUses } from '../../../domain/territory/dwellings';
import { placeKinds } from '../../../domain/territory/places';

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

/**
 * A node of the territorial tree. `path` is the materialised path of ids, e.g. `/1/4/17/`,
 * so a subtree is `path LIKE '/1/4/%'` served by a text_pattern_ops index.
 */
export const places = pgTable(
  'places',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    parentId: integer('parent_id'),
    kind: text('kind', { enum: placeKinds }).notNull(),
    /** Stable roster code, unique city-wide; the key for import and export. */
    code: text('code').notNull(),
    name: text('name').notNull(),
    isRural: boolean('is_rural').notNull().default(false),
    path: text('path').notNull(),
    depth: integer('depth').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('places_code_key').on(t.code),
    uniqueIndex('places_path_key').on(t.path),
    index('places_path_prefix_idx').using('btree', sql`${t.path} text_pattern_ops`),
    index('places_parent_idx').on(t.parentId),
    index('places_name_trgm_like_idx').using('btree', sql`lower(${t.name}) text_pattern_ops`),
  ],
);

/**
 * How many dwellings, households and residents hang directly on each place (rows whose `place_id` is
 * it), kept exact by statement triggers on those tables in the writing transaction (migration 0029).
 * A subtree's totals are the sum over its places, so they cost the places in the subtree, not the rows;
 * a place moved to another parent keeps its row, since the counts follow `place_id`, not the path.
 */
export const placeCounts = pgTable('place_counts', {
  placeId: integer('place_id').primaryKey(),
  dwellings: integer('dwellings').notNull().default(0),
  households: integer('households').notNull().default(0),
  residents: integer('residents').notNull().default(0),
});

/** An exclusive part (flat, shop) with its registered area in hundredths of m². */
export const dwellings = pgTable(
  'dwellings',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    placeId: integer('place_id')
      .notNull()
      .references(() => places.id),
    /** Copy of the place path, so subtree lists need no join. */
    placePath: text('place_path').notNull(),
    code: text('code').notNull(),
    room: text('room').notNull(),
    floor: integer('floor').notNull(),
    areaCenti: bigint('area_centi', { mode: 'number' }).notNull(),
    areaSource: text('area_source', { enum: areaSources }).notNull().default('register'),
    use: text('use', { enum: dwellingUses }).notNull().default('home'),
    isDeveloperHeld: boolean('is_developer_held').notNull().default(false),
  },
  (t) => [
    uniqueIndex('dwellings_code_key').on(t.code),
    uniqueIndex('dwellings_place_room_key').on(t.placeId, t.room),
    index('dwellings_place_path_idx').using('btree', sql`${t.placePath} text_pattern_ops`),
    /** Subtree pages in path, floor, room order straight from the index (ORDER BY … USING ~<~). */
    index('dwellings_subtree_order_idx').on(
      t.placePath.op('text_pattern_ops'),
      t.floor,
      t.room.op('text_pattern_ops'),
      t.id,
    ),
    check('dwellings_area_positive', sql`${t.areaCenti} > 0`),
  ],
);

/** A registered household (户), living in one dwelling or at least one place. */
export const households = pgTable(
  'households',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    code: text('code').notNull(),
    placeId: integer('place_id')
      .notNull()
      .references(() => places.id),
    placePath: text('place_path').notNull(),
    dwellingId: integer('dwelling_id').references(() => dwellings.id),
  },
  (t) => [
    uniqueIndex('households_code_key').on(t.code),
    index('households_place_path_idx').using('btree', sql`${t.placePath} text_pattern_ops`),
  ],
);

/** A person in the tree. Phone is personal data: masked in every view but staff of the place. */
export const residents = pgTable(
  'residents',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    gender: text('gender', { enum: genders }),
    birthDate: date('birth_date', { mode: 'string' }).notNull(),
    phone: text('phone'),
    householdId: integer('household_id').references(() => households.id),
    /** The place the person lives in (a building or unit, or a village group). */
    placeId: integer('place_id')
      .notNull()
      .references(() => places.id),
    placePath: text('place_path').notNull(),
    dwellingId: integer('dwelling_id').references(() => dwellings.id),
    tenure: text('tenure', { enum: tenures }).notNull(),
    /** Written by the demo seed: an account made from this resident is a demo account. */
    isDemo: boolean('is_demo').notNull().default(false),
    /** The resident asked for no text messages (invitations, notices); login codes they request still go. */
    smsOptOut: boolean('sms_opt_out').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('residents_code_key').on(t.code),
    /**
     * Subtree pages in path order straight from the index (ORDER BY … USING ~<~); its leading column
     * also serves every other subtree condition on residents, so there is no index on the path alone
     * (one index fewer to write for each resident a city's roster import inserts).
     */
    index('residents_subtree_order_idx').on(t.placePath.op('text_pattern_ops'), t.id),
    index('residents_phone_idx').on(t.phone),
    index('residents_household_idx').on(t.householdId),
    /**
     * The public-text redactor looks names up here (a text's substrings, one probe each); the length
     * first lets it read the lengths names have with a few probes, so no process keeps the names.
     */
    index('residents_trimmed_name_idx').on(sql`char_length(btrim(${t.name}))`, sql`btrim(${t.name})`),
  ],
);

/** Owner-of links: a resident holds a dwelling (co-owners hold one dwelling together). */
export const ownerships = pgTable(
  'ownerships',
  {
    dwellingId: integer('dwelling_id')
      .notNull()
      .references(() => dwellings.id),
    residentId: integer('resident_id')
      .notNull()
      .references(() => residents.id),
  },
  (t) => [primaryKey({ columns: [t.dwellingId, t.residentId] }), index('ownerships_resident_idx').on(t.residentId)],
);
