import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { places } from './places';
import { rosterKinds } from '../../../domain/roster/columns';

/** One roster import run: what was uploaded and what it did (no personal data stored). */
export const rosterImports = pgTable('roster_imports', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  accountId: integer('account_id').notNull(),
  placeId: integer('place_id')
    .notNull()
    .references(() => places.id),
  kind: text('kind', { enum: rosterKinds }).notNull(),
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
