import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { accounts } from './accounts';
import { places } from './places';

/** 月度通报: the figures of one place for one month, as generated (by the monthly job or on demand). */
export const bulletins = pgTable(
  'bulletins',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    placeId: integer('place_id')
      .notNull()
      .references(() => places.id),
    placePath: text('place_path').notNull(),
    /** YYYY-MM, the month reported on (China time). */
    month: text('month').notNull(),
    figures: jsonb('figures').notNull(),
    /** null when the monthly job generated it. */
    generatedBy: integer('generated_by').references(() => accounts.id),
    generatedAt: timestamp('generated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('bulletins_place_month_uq').on(t.placeId, t.month),
    index('bulletins_place_path_idx').using('btree', sql`${t.placePath} text_pattern_ops`),
  ],
);
