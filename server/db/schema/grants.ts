import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { accounts, roleNames } from './accounts';
import { places } from './places';
import { grantEventKinds } from '../../../domain/access/account-events';

/** A role bound to a place subtree. */
export const roleGrants = pgTable(
  'role_grants',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    role: text('role', { enum: roleNames }).notNull(),
    placeId: integer('place_id')
      .notNull()
      .references(() => places.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('role_grants_account_role_place_key').on(t.accountId, t.role, t.placeId)],
);

/**
 * 任免记录: every grant and revocation of a role on a place, written in the same transaction as the
 * change. `placePath` is copied so an officer reads the record of a subtree with one prefix scan.
 */
export const roleGrantEvents = pgTable(
  'role_grant_events',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    role: text('role', { enum: roleNames }).notNull(),
    placeId: integer('place_id')
      .notNull()
      .references(() => places.id),
    placePath: text('place_path').notNull(),
    kind: text('kind', { enum: grantEventKinds }).notNull(),
    /** The person in the app who acted; null for the admin CLI (then `actorLabel` says who). */
    actorAccountId: integer('actor_account_id').references(() => accounts.id),
    /** `cli:<os user>@<host>` for the admin CLI, `seed` for the demo data; null in the app. */
    actorLabel: text('actor_label'),
    /** Why: required for a revocation, optional for a grant. */
    reason: text('reason').notNull().default(''),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('role_grant_events_place_path_idx').using('btree', sql`${t.placePath} text_pattern_ops`, t.at),
    index('role_grant_events_account_idx').on(t.accountId, t.at),
  ],
);
