import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { places } from './places';
import { poolMembers } from './pool';
import { councilKinds, seatPositions } from '../../../domain/territory/councils';

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
    position: text('position', { enum: seatPositions }).notNull().default('member'),
    termStart: date('term_start', { mode: 'string' }).notNull(),
    termEnd: date('term_end', { mode: 'string' }).notNull(),
  },
  (t) => [
    uniqueIndex('council_members_council_member_key').on(t.councilId, t.poolMemberId),
    index('council_members_member_idx').on(t.poolMemberId),
  ],
);
