import { sql } from 'drizzle-orm';
import {
  bigint,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';

/**
 * 统计事实: the rows behind every dashboard figure, kept per matter so a city-wide dashboard reads one
 * narrow table instead of joining stage entries, meetings, sign-ins, tasks and follow-ups each time.
 * Each row is `figureSource` (server/modules/statistics) for one matter, grouped by China day: `rows`
 * source rows with their numerators and denominators summed (median figures keep one row each). The
 * matter's place, category and level are copied in for grouping. Rebuilt per matter from
 * `statistics_dirty`; never edited by hand.
 */
export const statisticsFacts = pgTable(
  'statistics_facts',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    figure: text('figure').notNull(),
    matterId: integer('matter_id').notNull(),
    /** China midnight of the day the rows are dated by. */
    at: timestamp('at', { withTimezone: true }).notNull(),
    sub: text('sub').notNull().default(''),
    rows: integer('rows').notNull(),
    num: doublePrecision('num').notNull(),
    den: doublePrecision('den').notNull(),
    placePath: text('place_path').notNull(),
    category: text('category').notNull(),
    level: text('level').notNull(),
    /** The matter's governances (四治), copied like its category; empty when untagged. */
    governances: text('governances')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
  },
  (t) => [
    index('statistics_facts_matter_idx').on(t.matterId),
    index('statistics_facts_figure_at_idx').on(t.figure, t.at),
  ],
);

/**
 * Matters whose facts are stale: marked by triggers on every table a figure reads (migration 0006),
 * in the same transaction as the change, and cleared when their facts are rebuilt.
 */
export const statisticsDirty = pgTable('statistics_dirty', {
  matterId: integer('matter_id').primaryKey(),
  markedAt: timestamp('marked_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * The facts of the count, ratio and mean figures summed per China month, place, category, level and
 * set of governances:
 * a city's year is a few thousand rows here against hundreds of thousands of facts. Kept by
 * `refreshFacts` in the same transaction as the facts (old facts subtracted, new ones added; rows
 * that fall to zero deleted). Whole months of a period are read from here, the days of a partial
 * month at either end from the facts.
 */
export const statisticsMonthly = pgTable(
  'statistics_monthly',
  {
    figure: text('figure').notNull(),
    sub: text('sub').notNull(),
    /** The first day of the China month. */
    month: date('month', { mode: 'string' }).notNull(),
    placePath: text('place_path').notNull(),
    category: text('category').notNull(),
    level: text('level').notNull(),
    governances: text('governances')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    rows: integer('rows').notNull(),
    num: doublePrecision('num').notNull(),
    den: doublePrecision('den').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.figure, t.month, t.sub, t.placePath, t.category, t.level, t.governances] }),
    index('statistics_monthly_empty_idx')
      .on(t.figure)
      .where(sql`${t.rows} = 0`),
  ],
);

/**
 * One row: a counter bumped by `refreshFacts` in the same transaction as every rebuild of facts. A
 * figure computed from the facts while it read `version` stays true until it changes, so each
 * process keeps the views it computed under the version (statistics.view-cache).
 */
export const statisticsVersion = pgTable('statistics_version', {
  id: integer('id').primaryKey(),
  version: bigint('version', { mode: 'number' }).notNull(),
});

/**
 * Views computed from the facts, shared by every process: the rows a view summed, under the facts'
 * version they were summed at. A rebuild of facts empties the table in its own transaction (every
 * kept view is then older than the facts), so it holds only the views read since the last change.
 */
export const statisticsViews = pgTable('statistics_views', {
  key: text('key').primaryKey(),
  version: bigint('version', { mode: 'number' }).notNull(),
  rows: jsonb('rows').notNull(),
});
