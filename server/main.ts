import cluster from 'node:cluster';
import pino, { type Logger } from 'pino';
import { buildApp } from './app';
import { systemClock, type Clock } from './clock';
import { loadConfig, type Config } from './config';
import type { SmsProvider } from './deps';
import { createSmsProvider } from './modules/sms';
import { loadAnchorKey, type AnchorKey } from './modules/chain';
import { serializeError } from './plugins/db-errors';
import { AppRuntime, jobQueueNotStarted, probeJobQueue } from './plugins/runtime';
import { prepareDatabase, startBackground, watchEmbedded } from './start/once';
import { openServingReads } from './start/reads';
import { runPrimary } from './start/primary';
import { runWorker } from './start/worker';

type StartDeps = { config: Config; log: Logger; sms: SmsProvider; anchorKey: AnchorKey; clock: Clock };

/**
 * config → database (embedded or DATABASE_URL) → migrate → demo seed → listen → jobs; clean shutdown.
 * With YISHI_WORKERS > 1 the primary does the once-only steps and forks workers that listen on the
 * shared port (server/start/primary.ts, worker.ts); with 1, all of it runs in this process.
 */
async function main() {
  const config = loadConfig();
  const log = pino({ level: config.logLevel, serializers: { err: serializeError } });
  const isWorker = cluster.isWorker;
  if (config.demoRefusal && !isWorker) log.warn(config.demoRefusal);
  if (config.env === 'production' && !config.sms.provider) {
    throw new Error(
      'YISHI_SMS_PROVIDER is not set: choose aliyun or tencent (see docs/deploy.md), or none to let staff log in by password only',
    );
  }
  // Refuses to start without the anchor key in production (YISHI_ANCHOR_KEY_FILE), as without SMS.
  const anchorKey = loadAnchorKey(config.anchorKey);
  if (!isWorker) log.info({ keyId: anchorKey.keyId }, 'chain anchor key loaded');
  const deps = { config, log, sms: createSmsProvider(config.sms, log), anchorKey, clock: systemClock };
  if (isWorker) return runWorker(deps);
  if (config.workers > 1) return runPrimary(deps);
  return runSingle(deps);
}

/** The whole service in this one process. */
async function runSingle({ config, log, sms, anchorKey, clock }: StartDeps) {
  const { embedded, database, url } = await prepareDatabase(config, log);
  const reads = await openServingReads(config, database.db, log);
  const runtime = new AppRuntime({ expectsJobQueue: true });
  runtime.replica = reads.router;
  const app = await buildApp({ config, db: database.db, readDb: reads.readDb, runtime, sms, anchorKey, clock });
  await app.listen({ host: config.host, port: config.port });
  // After listening, so the job queue's first start (it creates its schema) never delays the app.
  const jobs = await startBackground({ url, database, sms, anchorKey, clock, log });
  runtime.jobQueue = jobs ? probeJobQueue(jobs.boss) : jobQueueNotStarted;

  let isStopping = false;
  const stop = async (signal: string) => {
    if (isStopping) return;
    isStopping = true;
    log.info(`${signal}: shutting down`);
    await jobs?.stop();
    await app.close();
    await reads.close();
    await database.close();
    await embedded?.release();
    process.exit(0);
  };
  watchEmbedded(embedded, config, log);
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
