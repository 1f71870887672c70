import { smsLifecycle } from '../../../domain/messaging';
import { maskPhone } from '../../../domain/people/phone';
import type { Db } from '../../db/client';
import type { SmsMessage, SmsProvider } from '../../deps';
import { SmsError, type SmsFailure } from '../../errors';
import { clockNow } from '../../clock';
import { insertSmsMessage } from './sms.repository';

/** The delivery columns of `sms_messages` after one attempt, whether it went out or not. */
export type DeliveryOutcome =
  | { status: 'sent'; provider: string; providerMessageId: string | null; sentAt: Date }
  | { status: 'failed'; provider: string; failure: SmsFailure; providerCode: string };

/** The provider took the message (narrows the outcome to its sent shape; otherwise it failed). */
export const wasSent = (outcome: DeliveryOutcome): outcome is Extract<DeliveryOutcome, { status: 'sent' }> =>
  smsLifecycle.is.sent(outcome.status);

/**
 * One attempt to send a message. A provider refusal is an outcome, not an exception, so the caller
 * can record it before deciding what to tell the user (or when to retry).
 */
export async function attemptDelivery(sms: SmsProvider, message: SmsMessage): Promise<DeliveryOutcome> {
  try {
    const { providerMessageId } = await sms.send(message);
    return { status: 'sent', provider: sms.name, providerMessageId: providerMessageId ?? null, sentAt: clockNow() };
  } catch (error) {
    if (!(error instanceof SmsError)) throw error;
    return { status: 'failed', provider: sms.name, failure: error.failure, providerCode: error.providerCode };
  }
}

/** What a delivery record keeps of a message: never a login code (`params` is `{}` for those). */
export type DeliveryRecord = Omit<SmsMessage, 'params'> & {
  params: Record<string, string>;
  residentId?: number;
  accountId?: number;
  matterId?: number;
};

/** Writes the delivery record of a message sent at once (a login code): one attempt, its outcome. */
export async function recordDelivery(db: Db, record: DeliveryRecord, outcome: DeliveryOutcome): Promise<void> {
  await insertSmsMessage(db, { ...record, ...outcome, attempts: 1 });
}

/**
 * A message that did not go out, told to the user by the errors plugin: carries the provider and
 * the masked recipient for the operator's log line, never the text.
 */
export class SmsNotSentError extends SmsError {
  readonly provider: string;
  /** The recipient, masked (138****5678). */
  readonly to: string;
  constructor(outcome: Extract<DeliveryOutcome, { status: 'failed' }>, phone: string) {
    super(outcome.failure, outcome.providerCode);
    this.provider = outcome.provider;
    this.to = maskPhone(phone);
  }
}
