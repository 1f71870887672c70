import type { Logger } from 'pino';
import type { Clock } from '../clock';
import type { Config } from '../config';
import { migrateDatabase, openDatabase, type Database } from '../db/client';
import { startEmbeddedPostgres, type EmbeddedServer } from '../db/embedded';
import type { SmsProvider } from '../deps';
import { startJobs, type Jobs } from '../jobs';
import { hasEnabledAdmin } from '../modules/accounts';
import { anchorDaily, type AnchorKey } from '../modules/chain';
import { holdsDemoData, seedDemoIfEmpty } from '../seed';

/** The database as the whole service sees it: the embedded server (if any), a pool, the URL. */
export type PreparedDatabase = { embedded: EmbeddedServer | undefined; database: Database; url: string };

/**
 * What happens once per service, before any request: the embedded PostgreSQL (or DATABASE_URL),
 * migrations, the demo seed, and the warnings about demo data and a missing administrator.
 */
export async function prepareDatabase(config: Config, log: Logger, poolSize?: number): Promise<PreparedDatabase> {
  let embedded: EmbeddedServer | undefined;
  let url = config.databaseUrl;
  if (!url) {
    embedded = await startEmbeddedPostgres(config.dataDir, config.pgPort, (m) => log.info(m));
    url = embedded.url;
  }
  const database = openDatabase(url, poolSize, 'yishi');
  await migrateDatabase(database);
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
  return { embedded, database, url };
}

/**
 * The job queue (pg-boss: schedules and workers) and today's chain anchor, started in one process
 * of the service. Without the queue the app still serves: a ballot past its deadline refuses votes
 * and reads as closed.
 */
export async function startBackground(opts: {
  url: string;
  database: Database;
  sms: SmsProvider;
  anchorKey: AnchorKey;
  clock: Clock;
  log: Logger;
}): Promise<Jobs | undefined> {
  const { database, log } = opts;
  const jobs = await startJobs({ ...opts, db: database.db }).catch((error: unknown) => {
    log.error({ err: error }, 'the job queue did not start');
    return undefined;
  });
  // Today's anchor, if the daily job has not taken it (first start, or the service was down at 00:20).
  await anchorDaily(database.db, opts.anchorKey, opts.clock.now()).then(
    (anchor) => anchor && log.info({ day: anchor.day, matters: anchor.matterCount }, 'chains anchored'),
    (error: unknown) => log.error({ err: error }, 'chain anchor failed'),
  );
  return jobs;
}

/** Watches the embedded PostgreSQL: started again when it dies; exit 70 when it will not come back. */
export function watchEmbedded(embedded: EmbeddedServer | undefined, config: Config, log: Logger): void {
  // The pools reconnect by themselves. If it will not come back, exit non-zero so systemd restarts the service.
  embedded?.watch({
    onDown: () => log.error('PostgreSQL stopped unexpectedly; restarting it'),
    onRestarted: () => log.warn('PostgreSQL restarted'),
    giveUpAfterMs: config.pgRestartSeconds * 1000,
    onGiveUp: () => {
      log.fatal('PostgreSQL could not be restarted; exiting for the supervisor to restart the service');
      process.exit(70); // EX_SOFTWARE
    },
  });
}
