import { index, integer, pgTable, timestamp, unique } from 'drizzle-orm/pg-core';
import { accounts } from './accounts';
import { matters } from './matters';

/** 关注: an account that wants a matter's news. One row per matter and account. */
export const matterFollows = pgTable(
  'matter_follows',
  {
    matterId: integer('matter_id')
      .notNull()
      .references(() => matters.id),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('matter_follows_matter_account_key').on(t.matterId, t.accountId),
    // "我关注的": the matters one account follows.
    index('matter_follows_account_idx').on(t.accountId),
  ],
);
