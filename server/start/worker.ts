import cluster from 'node:cluster';
import type { Logger } from 'pino';
import { buildApp } from '../app';
import type { Clock } from '../clock';
import type { Config } from '../config';
import { openDatabase } from '../db/client';
import type { SmsProvider } from '../deps';
import { queueDepthsFromTables } from '../jobs/jobs.repository';
import type { AnchorKey } from '../modules/chain';
import { AppRuntime } from '../plugins/runtime';
import { openServingReads } from './reads';
import { isToWorker, type ToPrimary, type ToWorker } from './messages';

/**
 * A worker of the cluster: waits for the primary's `start` (database URL, pool size), opens its own
 * pool, builds the app and listens on the shared port. The job queue runs in the primary: readiness
 * follows the primary's word, queue depths are read from pg-boss's tables. Exits when told to stop,
 * on SIGTERM/SIGINT, and at once when the primary is gone (its IPC channel closes).
 */
export async function runWorker(deps: {
  config: Config;
  log: Logger;
  sms: SmsProvider;
  anchorKey: AnchorKey;
  clock: Clock;
}): Promise<void> {
  const { config, log } = deps;
  const start = await new Promise<Extract<ToWorker, { kind: 'start' }>>((resolve) => {
    const onMessage = (message: unknown) => {
      if (isToWorker(message) && message.kind === 'start') {
        process.off('message', onMessage);
        resolve(message);
      }
    };
    process.on('message', onMessage);
    process.send?.({ kind: 'waiting' } satisfies ToPrimary);
  });
  const database = openDatabase(start.databaseUrl, start.poolSize, 'yishi');
  let isJobQueueRunning = start.isJobQueueRunning;
  const reads = await openServingReads(config, database.db, log, start.poolSize);
  const runtime = new AppRuntime({ expectsJobQueue: true });
  runtime.jobQueue = { isRunning: () => isJobQueueRunning, queueDepths: () => queueDepthsFromTables(database.db) };
  runtime.replica = reads.router;
  const app = await buildApp({ ...deps, db: database.db, readDb: reads.readDb, runtime });
  await app.listen({ host: config.host, port: config.port });
  process.send?.({ kind: 'listening' } satisfies ToPrimary);

  let isStopping = false;
  const stop = async (why: string) => {
    if (isStopping) return;
    isStopping = true;
    log.debug(`worker ${cluster.worker?.id}: ${why}, stopping`);
    await app.close().catch((error: unknown) => log.error({ err: error }, 'closing the app failed'));
    await reads.close().catch(() => undefined);
    await database.close().catch(() => undefined);
    process.exit(0);
  };
  process.on('message', (message: unknown) => {
    if (!isToWorker(message)) return;
    if (message.kind === 'job-queue') isJobQueueRunning = message.isRunning;
    if (message.kind === 'stop') void stop('told to stop');
  });
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
  // The primary died (SIGKILL, crash): nobody would restart or stop this worker; exit like it.
  process.on('disconnect', () => {
    if (!isStopping) process.exit(1);
  });
}
