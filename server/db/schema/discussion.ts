import { boolean, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { accounts } from './accounts';
import { matters } from './matters';
import { stances } from '../../../domain/matters/stances';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/** 云议事: a threaded comment with a stance; moderation hides with a logged reason. */
export const comments = pgTable(
  'comments',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    matterId: integer('matter_id')
      .notNull()
      .references(() => matters.id),
    parentId: integer('parent_id'),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id),
    stance: text('stance', { enum: stances }).notNull(),
    body: text('body').notNull(),
    isHidden: boolean('is_hidden').notNull().default(false),
    hiddenReason: text('hidden_reason'),
    hiddenBy: integer('hidden_by').references(() => accounts.id),
    createdAt: createdAt(),
  },
  (t) => [index('comments_matter_idx').on(t.matterId, t.createdAt)],
);
