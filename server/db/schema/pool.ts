import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { places, residents } from './places';
import { organisationKinds } from '../../../domain/people/organisations';
import { structureTiers } from '../../../domain/organisations/structure';

/**
 * One category of the city's "1+3+N" structure (e.g. 枢纽型社会组织 as the hub, 专业社工机构 as a core
 * category): configured by the city, in display order.
 */
export const organisationCategories = pgTable(
  'organisation_categories',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    /** The city that configures it. */
    placeId: integer('place_id')
      .notNull()
      .references(() => places.id),
    placePath: text('place_path').notNull(),
    name: text('name').notNull(),
    tier: text('tier', { enum: structureTiers }).notNull(),
    description: text('description').notNull().default(''),
    sortOrder: integer('sort_order').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('organisation_categories_place_name_key').on(t.placeId, t.name)],
);

/**
 * An organisation: one a community can invite (property company, law firm, department…), or a social
 * organisation (社会组织) registered at a city or town, serving communities, running venues and projects.
 */
export const organisations = pgTable(
  'organisations',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    /** Where it is registered: a community's pool organisation, or a city or town for a social organisation. */
    placeId: integer('place_id')
      .notNull()
      .references(() => places.id),
    placePath: text('place_path').notNull(),
    name: text('name').notNull(),
    kind: text('kind', { enum: organisationKinds }).notNull(),
    contactPhone: text('contact_phone'),
    /** 统一社会信用代码 (or the registration number of a filed community organisation). */
    registrationNo: text('registration_no'),
    /** Its category in the city's "1+3+N" structure (social organisations only). */
    categoryId: integer('category_id').references(() => organisationCategories.id),
    /** 有议事协商能力: it can facilitate deliberation. */
    canDeliberate: boolean('can_deliberate').notNull().default(false),
    /** What it can do, as tags (like the member pool's). */
    capabilities: text('capabilities')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** A brand it carries (品牌社会组织, e.g. 四治茶座): shown as a badge. */
    brand: text('brand'),
    isActive: boolean('is_active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('organisations_place_name_key').on(t.placeId, t.name),
    uniqueIndex('organisations_registration_no_key')
      .on(t.registrationNo)
      .where(sql`${t.registrationNo} is not null`),
    index('organisations_place_path_idx').using('btree', sql`${t.placePath} text_pattern_ops`),
    index('organisations_category_idx').on(t.categoryId),
  ],
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
