import pino from 'pino';
import { buildApp } from './app';
import { systemClock } from './clock';
import { loadConfig } from './config';
import { migrateDatabase, openDatabase } from './db/client';
import { startEmbeddedPostgres, type EmbeddedServer } from './db/embedded';
import { ReadRouter } from './db/replica';
import { holdsDemoData, seedDemoIfEmpty } from './seed';
import { startJobs } from './jobs';
import { createSmsProvider } from './modules/sms';
import { anchorDaily, loadAnchorKey } from './modules/chain';
import { hasEnabledAdmin } from './modules/accounts';
import { serializeError } from './plugins/db-errors';
import { AppRuntime, jobQueueNotStarted, probeJobQueue } from './plugins/runtime';

/** config → database (embedded or DATABASE_URL) → migrate → demo seed → listen → jobs; clean shutdown. */
async function main() {
  const config = loadConfig();
  const log = pino({ level: config.logLevel, serializers: { err: serializeError } });
  if (config.demoRefusal) log.warn(config.demoRefusal);
  if (config.env === 'production' && !config.sms.provider) {
    throw new Error(
      'YISHI_SMS_PROVIDER is not set: choose aliyun or tencent (see docs/deploy.md), or none to let staff log in by password only',
    );
  }
  // Refuses to start without the anchor key in production (YISHI_ANCHOR_KEY_FILE), as without SMS.
  const anchorKey = loadAnchorKey(config.anchorKey);
  log.info({ keyId: anchorKey.keyId }, 'chain anchor key loaded');
  let embedded: EmbeddedServer | undefined;
  let url = config.databaseUrl;
  if (!url) {
    embedded = await startEmbeddedPostgres(config.dataDir, config.pgPort, (m) => log.info(m));
    url = embedded.url;
  }
  const database = openDatabase(url, 10, 'yishi');
  await migrateDatabase(database);
  // Lag-tolerant reads go to the replica while it is within its bound (server/db/replica.ts).
  const replica = config.replica && openDatabase(config.replica.url, 10, 'yishi-replica-reads');
  const reads =
    config.replica && replica
      ? new ReadRouter(database.db, replica.db, {
          maxLagMs: config.replica.maxLagMs,
          onChange: (now, before) =>
            log.warn({ replica: now.state, was: before.state, readsFrom: now.readsFrom }, 'read replica state changed'),
        })
      : undefined;
  await reads?.start();
  if (config.isDemo) {
    const seeded = await seedDemoIfEmpty(database.db, { seed: config.seed, dataDir: config.dataDir });
    if (seeded) log.info(seeded, 'seeded demo data');
    log.warn(`demo mode: demo accounts log in and login codes show on the page (listening on ${config.host})`);
  } else if (await holdsDemoData(database.db)) {
    log.warn('this database holds the demo city; its accounts cannot log in outside demo mode');
  }
  if (!config.isDemo && !(await hasEnabledAdmin(database.db))) {
    log.warn(
      'no enabled administrator: create one with `npm run admin -- create --phone <11 digits> --name <name> --place <place code>` (a new city first: `npm run admin -- create-city --code <code> --name <name>`; see docs/deploy.md)',
    );
  }
  const runtime = new AppRuntime({ expectsJobQueue: true });
  runtime.replica = reads;
  const sms = createSmsProvider(config.sms, log);
  const clock = systemClock;
  const app = await buildApp({ config, db: database.db, readDb: reads?.readDb, runtime, sms, anchorKey, clock });
  await app.listen({ host: config.host, port: config.port });
  // After listening, so the job queue's first start (it creates its schema) never delays the app.
  // Without it the app still serves: a ballot past its deadline refuses votes and reads as closed.
  const jobs = await startJobs({ url, db: database.db, sms, anchorKey, clock, log }).catch((error: unknown) => {
    log.error({ err: error }, 'the job queue did not start');
    return undefined;
  });
  // Today's anchor, if the daily job has not taken it (first start, or the service was down at 00:20).
  await anchorDaily(database.db, anchorKey, clock.now()).then(
    (anchor) => anchor && log.info({ day: anchor.day, matters: anchor.matterCount }, 'chains anchored'),
    (error: unknown) => log.error({ err: error }, 'chain anchor failed'),
  );
  runtime.jobQueue = jobs ? probeJobQueue(jobs.boss) : jobQueueNotStarted;

  let isStopping = false;
  const stop = async (signal: string) => {
    if (isStopping) return;
    isStopping = true;
    log.info(`${signal}: shutting down`);
    await jobs?.stop();
    await app.close();
    reads?.stop();
    await replica?.close();
    await database.close();
    await embedded?.release();
    process.exit(0);
  };
  // The embedded PostgreSQL died under us (killed, out of memory): start it again; the pools
  // reconnect by themselves. If it will not come back, exit non-zero so systemd restarts the service.
  embedded?.watch({
    onDown: () => log.error('PostgreSQL stopped unexpectedly; restarting it'),
    onRestarted: () => log.warn('PostgreSQL restarted'),
    giveUpAfterMs: config.pgRestartSeconds * 1000,
    onGiveUp: () => {
      log.fatal('PostgreSQL could not be restarted; exiting for the supervisor to restart the service');
      process.exit(70); // EX_SOFTWARE
    },
  });
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
