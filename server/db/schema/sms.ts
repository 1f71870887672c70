import { index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { smsFailures, smsTemplates } from '../../../domain/messaging/delivery';
import { accounts } from './accounts';
import { matters } from './matters';
import { residents } from './places';
import { smsLifecycle } from '../../../domain/messaging';
import { isState, statusCheck, statusColumn } from '../lifecycle-sql';

/**
 * One text message and its delivery record. Invitations and notices are queued here and sent by a
 * job (quiet hours 21:00–08:00 China time move `notBefore` to the morning); login codes are sent at
 * once and recorded without their parameters (a code is never stored in clear).
 */
export const smsMessages = pgTable(
  'sms_messages',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    template: text('template', { enum: smsTemplates }).notNull(),
    phone: text('phone').notNull(),
    residentId: integer('resident_id').references(() => residents.id),
    accountId: integer('account_id').references(() => accounts.id),
    matterId: integer('matter_id').references(() => matters.id),
    /** Template parameters; `{}` for login codes. */
    params: jsonb('params').$type<Record<string, string>>().notNull().default({}),
    /** queued → sent | failed (after the last retry) | opted_out (never sent: the resident declined SMS). */
    status: statusColumn(smsLifecycle),
    attempts: integer('attempts').notNull().default(0),
    notBefore: timestamp('not_before', { withTimezone: true }).notNull().defaultNow(),
    provider: text('provider'),
    providerMessageId: text('provider_message_id'),
    failure: text('failure', { enum: smsFailures }),
    providerCode: text('provider_code'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    index('sms_messages_due_idx').on(t.notBefore).where(isState(t.status, smsLifecycle.state.queued)),
    statusCheck('sms_messages_status', t.status, smsLifecycle.states),
    index('sms_messages_matter_idx').on(t.matterId),
  ],
);
