import { index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { accounts } from './accounts';

/**
 * An account's WeChat: the official account's openid for the resident (网页授权, snsapi_base). One
 * WeChat per account and one account per WeChat. `unfollowedAt`: WeChat answered 43004 (the resident
 * unfollowed the official account), so messages stop until they follow again and rebind.
 */
export const wechatBindings = pgTable(
  'wechat_bindings',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    openid: text('openid').notNull(),
    boundAt: timestamp('bound_at', { withTimezone: true }).notNull().defaultNow(),
    unfollowedAt: timestamp('unfollowed_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('wechat_bindings_account_key').on(t.accountId),
    uniqueIndex('wechat_bindings_openid_key').on(t.openid),
  ],
);

/**
 * The `state` of a started 网页授权, by SHA-256: bound to the session that started it, used once,
 * short-lived. A callback with a state this session did not start binds nothing.
 */
export const wechatOauthStates = pgTable(
  'wechat_oauth_states',
  {
    stateHash: text('state_hash').primaryKey(),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    sessionHash: text('session_hash').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('wechat_oauth_states_account_idx').on(t.accountId)],
);

/** One browser's Web Push subscription (PushSubscription.toJSON()); an account may have many devices. */
export const pushSubscriptions = pgTable(
  'push_subscriptions',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    endpoint: text('endpoint').notNull(),
    p256dh: text('p256dh').notNull(),
    auth: text('auth').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('push_subscriptions_endpoint_key').on(t.endpoint),
    index('push_subscriptions_account_idx').on(t.accountId),
  ],
);
