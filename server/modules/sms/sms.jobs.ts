import type { FastifyBaseLogger } from 'fastify';
import { afterFailure } from '../../../domain/messaging';
import { maskPhone } from '../../../domain/people/phone';
import { clockNow, type Clock } from '../../clock';
import type { Db } from '../../db/client';
import type { SmsProvider } from '../../deps';
import { attemptDelivery, type DeliveryOutcome, wasSent } from './sms.deliveries';
import { claimDueTexts, markTextFailed, markTextSent, type ClaimedText } from './sms.repository';

/**
 * A claimed message is hidden from other workers this long: if the node dies mid-send the message
 * comes back after it (and may then go twice, the price of never losing one).
 */
const CLAIM_LEASE_SECONDS = 300;

/** What one run of the delivery job did. */
export type DeliveryRun = { sent: number; retried: number; failed: number };

type Failed = Extract<DeliveryOutcome, { status: 'failed' }>;

/** Records a failed attempt: queued again for a retry (backed off) or failed for good; whether it retries. */
async function recordFailure(db: Db, message: ClaimedText, failed: Failed, now: Date) {
  const next = afterFailure(failed.failure, message.attempts, now);
  await markTextFailed(db, message.id, failed, {
    status: next.retry ? 'queued' : 'failed',
    notBefore: next.retry ? next.notBefore : now,
  });
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
    const claimed = await claimDueTexts(db, clock(), opts.batch ?? 50, CLAIM_LEASE_SECONDS);
    for (const message of claimed) {
      // Anything but a provider refusal (a network error, a bug) counts as the service being unavailable.
      const result = await attemptDelivery(sms, {
        phone: message.phone,
        template: message.template,
        params: message.params,
      }).catch((): Failed => ({ status: 'failed', provider: sms.name, failure: 'unavailable', providerCode: 'error' }));
      if (wasSent(result)) {
        await markTextSent(db, message.id, result, clock());
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
