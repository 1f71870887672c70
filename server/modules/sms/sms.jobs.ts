import { sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import { afterFailure } from '../../../domain/messaging';
import { maskPhone } from '../../../domain/people/phone';
import type { Db } from '../../db/client';
import type { SmsProvider } from '../../deps';
import { SmsError, type SmsFailure } from '../../errors';

/**
 * A claimed message is hidden from other workers this long: if the node dies mid-send the message
 * comes back after it (and may then go twice, the price of never losing one).
 */
const CLAIM_LEASE_SECONDS = 300;

type Claimed = {
  id: number;
  template: 'invitation' | 'notice';
  phone: string;
  params: Record<string, string>;
  attempts: number;
};

export type DeliveryOutcome = { sent: number; retried: number; failed: number };

/**
 * Claims up to `batch` due queued messages. `skip locked` lets any number of app nodes run this at
 * once: a row another worker is claiming is skipped, and a claimed row's `not_before` moves past the
 * lease, so the claim commits before any send and no message is sent twice by two workers.
 */
async function claimDue(db: Db, now: Date, batch: number): Promise<Claimed[]> {
  const result = await db.execute<Claimed>(sql`
    update sms_messages m
    set attempts = m.attempts + 1,
      not_before = ${now.toISOString()}::timestamptz + make_interval(secs => ${CLAIM_LEASE_SECONDS})
    where m.id in (
      select id from sms_messages
      where status = 'queued' and not_before <= ${now.toISOString()}::timestamptz
        and template in ('invitation', 'notice')
      order by not_before, id
      limit ${batch}
      for update skip locked)
    returning m.id, m.template, m.phone, m.params, m.attempts`);
  return result.rows;
}

async function recordSent(db: Db, id: number, provider: string, providerMessageId: string | undefined, now: Date) {
  await db.execute(sql`
    update sms_messages set status = 'sent', sent_at = ${now.toISOString()}::timestamptz, provider = ${provider},
      provider_message_id = ${providerMessageId ?? null}, failure = null, provider_code = null
    where id = ${id}`);
}

async function recordFailure(db: Db, message: Claimed, error: SmsError, provider: string, now: Date) {
  const next = afterFailure(error.failure, message.attempts, now);
  await db.execute(sql`
    update sms_messages set provider = ${provider}, failure = ${error.failure}, provider_code = ${error.providerCode},
      status = ${next.retry ? 'queued' : 'failed'},
      not_before = ${next.retry ? next.notBefore.toISOString() : now.toISOString()}::timestamptz
    where id = ${message.id}`);
  return next.retry;
}

/**
 * Sends the due invitation and notice texts through `sms`, batch after batch until none are due or
 * `budgetMs` has passed (the next run goes on). Each message ends sent, queued for a retry (backed
 * off, out of quiet hours) or failed; the log names the message id and masked phone, never the text.
 */
export async function deliverDueTexts(
  db: Db,
  sms: SmsProvider,
  opts: {
    log?: Pick<FastifyBaseLogger, 'warn'>;
    now?: () => Date;
    batch?: number;
    budgetMs?: number;
  } = {},
): Promise<DeliveryOutcome> {
  const clock = opts.now ?? (() => new Date());
  const outcome: DeliveryOutcome = { sent: 0, retried: 0, failed: 0 };
  const deadline = Date.now() + (opts.budgetMs ?? 45_000);
  while (Date.now() < deadline) {
    const claimed = await claimDue(db, clock(), opts.batch ?? 50);
    for (const message of claimed) {
      try {
        const { providerMessageId } = await sms.send({
          phone: message.phone,
          template: message.template,
          params: message.params,
        });
        await recordSent(db, message.id, sms.name, providerMessageId, clock());
        outcome.sent += 1;
      } catch (caught) {
        // Anything but a provider refusal (a network error, a bug) counts as the service being unavailable.
        const error = caught instanceof SmsError ? caught : new SmsError('unavailable' satisfies SmsFailure, 'error');
        const isRetried = await recordFailure(db, message, error, sms.name, clock());
        if (isRetried) outcome.retried += 1;
        else outcome.failed += 1;
        opts.log?.warn(
          {
            smsMessageId: message.id,
            to: maskPhone(message.phone),
            failure: error.failure,
            providerCode: error.providerCode,
            attempt: message.attempts,
          },
          isRetried ? 'text message not sent; will retry' : 'text message failed',
        );
      }
    }
    if (claimed.length < (opts.batch ?? 50)) break;
  }
  return outcome;
}
