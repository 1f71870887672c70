import { sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import { afterFailure } from '../../../domain/messaging';
import { maskPhone } from '../../../domain/people/phone';
import { clockNow, type Clock } from '../../clock';
import type { Db } from '../../db/client';
import type { SmsProvider } from '../../deps';
import { attemptDelivery, type DeliveryOutcome } from './sms.deliveries';
import { smsMessages } from '../../db/schema';

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

/** What one run of the delivery job did. */
export type DeliveryRun = { sent: number; retried: number; failed: number };

/**
 * Claims up to `batch` due queued messages. `skip locked` lets any number of app nodes run this at
 * once: a row another worker is claiming is skipped, and a claimed row's `not_before` moves past the
 * lease, so the claim commits before any send and no message is sent twice by two workers.
 */
async function claimDue(db: Db, now: Date, batch: number): Promise<Claimed[]> {
  const result = await db.execute<Claimed>(sql`
    update ${smsMessages} m
    set attempts = m.attempts + 1,
      not_before = ${now.toISOString()}::timestamptz + make_interval(secs => ${CLAIM_LEASE_SECONDS})
    where m.id in (
      select id from ${smsMessages}
      where status = 'queued' and not_before <= ${now.toISOString()}::timestamptz
        and template in ('invitation', 'notice')
      order by not_before, id
      limit ${batch}
      for update skip locked)
    returning m.id, m.template, m.phone, m.params, m.attempts`);
  return result.rows;
}

type Sent = Extract<DeliveryOutcome, { status: 'sent' }>;
type Failed = Extract<DeliveryOutcome, { status: 'failed' }>;

async function recordSent(db: Db, id: number, sent: Sent, now: Date) {
  await db.execute(sql`
    update ${smsMessages} set status = 'sent', sent_at = ${now.toISOString()}::timestamptz, provider = ${sent.provider},
      provider_message_id = ${sent.providerMessageId}, failure = null, provider_code = null
    where id = ${id}`);
}

async function recordFailure(db: Db, message: Claimed, failed: Failed, now: Date) {
  const next = afterFailure(failed.failure, message.attempts, now);
  await db.execute(sql`
    update ${smsMessages} set provider = ${failed.provider}, failure = ${failed.failure}, provider_code = ${failed.providerCode},
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
    /** Where "now" is read for quiet hours and retries (by default the clock the job runs on). */
    clock?: Clock;
    batch?: number;
    budgetMs?: number;
  } = {},
): Promise<DeliveryRun> {
  const clock = () => opts.clock?.now() ?? clockNow();
  const outcome: DeliveryRun = { sent: 0, retried: 0, failed: 0 };
  // The budget is real elapsed work, not the domain's clock.
  const deadline = performance.now() + (opts.budgetMs ?? 45_000);
  while (performance.now() < deadline) {
    const claimed = await claimDue(db, clock(), opts.batch ?? 50);
    for (const message of claimed) {
      // Anything but a provider refusal (a network error, a bug) counts as the service being unavailable.
      const result = await attemptDelivery(sms, {
        phone: message.phone,
        template: message.template,
        params: message.params,
      }).catch((): Failed => ({ status: 'failed', provider: sms.name, failure: 'unavailable', providerCode: 'error' }));
      if (result.status === 'sent') {
        await recordSent(db, message.id, result, clock());
        outcome.sent += 1;
        continue;
      }
      const isRetried = await recordFailure(db, message, result, clock());
      if (isRetried) outcome.retried += 1;
      else outcome.failed += 1;
      opts.log?.warn(
        {
          smsMessageId: message.id,
          to: maskPhone(message.phone),
          failure: result.failure,
          providerCode: result.providerCode,
          attempt: message.attempts,
        },
        isRetried ? 'text message not sent; will retry' : 'text message failed',
      );
    }
    if (claimed.length < (opts.batch ?? 50)) break;
  }
  return outcome;
}
