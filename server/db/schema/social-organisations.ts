import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { accounts } from './accounts';
import { places } from './places';
import { organisations } from './pool';

/** A community (or town, for a hub) a social organisation serves. */
export const organisationCommunities = pgTable(
  'organisation_communities',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    organisationId: integer('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    placeId: integer('place_id')
      .notNull()
      .references(() => places.id),
    placePath: text('place_path').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('organisation_communities_key').on(t.organisationId, t.placeId),
    index('organisation_communities_path_idx').using('btree', sql`${t.placePath} text_pattern_ops`),
  ],
);

/**
 * 社会组织联络人: an account acting for a social organisation (applies to calls, reports milestones).
 * It also holds the `organisation_agent` role on the organisation's place; the link is this row.
 */
export const organisationAgents = pgTable(
  'organisation_agents',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    organisationId: integer('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('organisation_agents_key').on(t.organisationId, t.accountId),
    index('organisation_agents_account_idx').on(t.accountId),
  ],
);
