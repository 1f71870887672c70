import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { roles } from '../../../domain/access/roles';
import { residents } from './places';
import { accountEventKinds } from '../../../domain/access/account-events';

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
  (t) => [
    uniqueIndex('accounts_phone_key').on(t.phone),
    // The public-text redactor's look-up, as on residents.
    index('accounts_trimmed_name_idx').on(sql`char_length(btrim(${t.displayName}))`, sql`btrim(${t.displayName})`),
  ],
);

/** Who did what to an account outside the web app's own commands (the admin CLI): kept for the operator. */
export const accountEvents = pgTable(
  'account_events',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: accountEventKinds }).notNull(),
    /** `cli:<os user>@<host>` for the admin CLI, `account:<id>` for a person in the app. */
    actor: text('actor').notNull(),
    detail: text('detail').notNull().default(''),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('account_events_account_idx').on(t.accountId, t.at)],
);
