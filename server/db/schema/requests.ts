import { integer, pgTable, primaryKey, smallint, text, timestamp } from 'drizzle-orm/pg-core';
import { accounts } from './accounts';

/**
 * 幂等键: a write sent with an `Idempotency-Key` header is done once per account and key. The row is
 * reserved (no status yet) before the work and completed with the reply after it, so a retry gets
 * the stored reply and a retry racing the first gets 409 `request.in_progress` (server/plugins/idempotency.ts).
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    method: text('method').notNull(),
    path: text('path').notNull(),
    /** SHA-256 of method, path and the JSON body: the same key with another request is refused. */
    requestHash: text('request_hash').notNull(),
    /** Null while the first request is under way. */
    statusCode: smallint('status_code'),
    responseBody: text('response_body'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.key] })],
);
