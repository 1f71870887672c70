import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { roles } from '../../../domain/access/roles';
import { places, residents } from './territory';

/** Role names are the domain's; the column accepts exactly those. */
export const roleNames = roles;

/** A login: a resident's (by phone) or a staff member's (phone, optionally a password). */
export const accounts = pgTable(
  'accounts',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    phone: text('phone').notNull(),
    displayName: text('display_name').notNull(),
    residentId: integer('resident_id').references(() => residents.id),
    /** scrypt$N$r$p$salt$hash; staff only. */
    passwordHash: text('password_hash'),
    isActive: boolean('is_active').notNull().default(true),
    /** Written by the demo seed: such an account logs in only while the server runs in demo mode. */
    isDemo: boolean('is_demo').notNull().default(false),
    /** A one-time password was issued (admin CLI): the next login must choose a new one first. */
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    locale: text('locale').notNull().default('zh-CN'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('accounts_phone_key').on(t.phone)],
);

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
    kind: text('kind', { enum: ['granted', 'revoked'] }).notNull(),
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

/** Server-side sessions; the cookie carries a random token, the table its SHA-256. */
export const sessions = pgTable(
  'sessions',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    tokenHash: text('token_hash').notNull(),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('sessions_token_hash_key').on(t.tokenHash), index('sessions_expires_idx').on(t.expiresAt)],
);

/** One-time login codes (hashed), also the ledger for per-phone rate limits. */
export const loginCodes = pgTable(
  'login_codes',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    phone: text('phone').notNull(),
    codeHash: text('code_hash').notNull(),
    attempts: integer('attempts').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    consumedAt: timestamp('consumed_at', { withTimezone: true }),
  },
  (t) => [index('login_codes_phone_created_idx').on(t.phone, t.createdAt)],
);

/** Failed password logins per phone, for the login rate limit across app processes. */
export const loginFailures = pgTable(
  'login_failures',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    phone: text('phone').notNull(),
    at: timestamp('at', { withTimezone: true })
      .notNull()
      .default(sql`now()`),
  },
  (t) => [index('login_failures_phone_at_idx').on(t.phone, t.at)],
);

/** Who did what to an account outside the web app's own commands (the admin CLI): kept for the operator. */
export const accountEvents = pgTable(
  'account_events',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    kind: text('kind', {
      enum: ['created', 'disabled', 'enabled', 'password_reset', 'password_changed', 'granted', 'revoked'],
    }).notNull(),
    /** `cli:<os user>@<host>` for the admin CLI, `account:<id>` for a person in the app. */
    actor: text('actor').notNull(),
    detail: text('detail').notNull().default(''),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('account_events_account_idx').on(t.accountId, t.at)],
);

/**
 * One row per login-code request, whether or not the phone is registered: the ledger for the limits
 * per phone (by its hash), per client address and across the service. Rows older than a day are
 * deleted as new ones arrive.
 */
export const loginRequests = pgTable(
  'login_requests',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    /** SHA-256 of the phone, keyed: the ledger holds no phone numbers. */
    phoneHash: text('phone_hash').notNull(),
    clientAddress: text('client_address').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('login_requests_phone_at_idx').on(t.phoneHash, t.at),
    index('login_requests_address_at_idx').on(t.clientAddress, t.at),
    index('login_requests_at_idx').on(t.at),
  ],
);
