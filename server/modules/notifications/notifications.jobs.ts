import type { FastifyBaseLogger } from 'fastify';
import { MAX_ATTEMPTS, notificationLifecycle, RETRY_DELAYS_MINUTES } from '../../../domain/messaging';
import type { Db } from '../../db/client';
import { clockNow } from '../../clock';
import { registeredChannels, type ChannelOutcome } from './notifications.channels';
import { claimPendingNotifications, markNotification } from './notifications.repository';

/** What one run of the delivery job did. */
export type NotificationRun = { delivered: number; suppressed: number; retried: number; failed: number };

/**
 * Delivers the pending notifications of the job's channels (SMS, and WeChat and Web Push when
 * registered), batch after batch until none are due or `budgetMs` has passed. Each batch is one
 * transaction holding its rows' locks: a database channel (SMS queues a text) commits with its mark,
 * so running the job twice, or on two nodes, delivers each notification once.
 */
export async function deliverPendingNotifications(
  db: Db,
  opts: { log?: Pick<FastifyBaseLogger, 'warn'>; batch?: number; budgetMs?: number } = {},
): Promise<NotificationRun> {
  const run: NotificationRun = { delivered: 0, suppressed: 0, retried: 0, failed: 0 };
  const channels = registeredChannels().filter((c) => !c.inTransaction);
  const batch = opts.batch ?? 100;
  const deadline = performance.now() + (opts.budgetMs ?? 45_000);
  while (performance.now() < deadline) {
    const claimed = await db.transaction(async (tx) => {
      const rows = await claimPendingNotifications(
        tx,
        clockNow(),
        batch,
        channels.map((c) => c.name),
      );
      for (const row of rows) {
        const channel = channels.find((c) => c.name === row.channel)!;
        const message = {
          notificationId: row.id,
          matterId: row.matterId,
          action: row.action,
          kind: row.kind,
          target: row.target,
          targetId: row.targetId,
          params: row.params,
        };
        // A savepoint per delivery: a channel's failed write does not undo the others of the batch.
        const outcome = await tx
          .transaction((sp) => channel.deliver(sp, row.accountId, message))
          .catch((): ChannelOutcome => ({ status: notificationLifecycle.state.failed, retry: true }));
        const now = clockNow();
        if (!notificationLifecycle.is.failed(outcome.status)) {
          await markNotification(tx, row.id, { status: outcome.status, now });
          run[outcome.status] += 1;
          continue;
        }
        const attempt = row.attempts + 1;
        const isRetried = 'retry' in outcome && outcome.retry && attempt < MAX_ATTEMPTS;
        const delay = RETRY_DELAYS_MINUTES[Math.min(attempt, RETRY_DELAYS_MINUTES.length) - 1]!;
        await markNotification(tx, row.id, {
          status: isRetried ? notificationLifecycle.state.pending : notificationLifecycle.state.failed,
          now,
          retryAt: isRetried ? new Date(now.getTime() + delay * 60_000) : undefined,
        });
        if (isRetried) run.retried += 1;
        else run.failed += 1;
        opts.log?.warn({ notificationId: row.id, channel: row.channel, attempt }, 'notification not delivered');
      }
      return rows.length;
    });
    if (claimed < batch) break;
  }
  return run;
}
