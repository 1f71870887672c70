import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { places, residents } from './places';
import { organisationKinds } from '../../../domain/people/organisations';

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
    kind: text('kind', { enum: organisationKinds }).notNull(),
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
