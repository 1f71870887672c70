import pino from 'pino';
import { buildApp } from './app';
import { loadConfig } from './config';
import { migrateDatabase, openDatabase } from './db/client';
import { startEmbeddedPostgres, type EmbeddedServer } from './db/embedded';
import { seedDemoIfEmpty } from './db/seed';
import { startJobs } from './jobs';

/** config → database (embedded or DATABASE_URL) → migrate → demo seed → listen → jobs; clean shutdown. */
async function main() {
  const config = loadConfig();
  const log = pino({ level: config.logLevel });
  let embedded: EmbeddedServer | undefined;
  let url = config.databaseUrl;
  if (!url) {
    embedded = await startEmbeddedPostgres(config.dataDir, config.pgPort, (m) => log.info(m));
    url = embedded.url;
  }
  const database = openDatabase(url);
  await migrateDatabase(database);
  if (config.isDemo) {
    const seeded = await seedDemoIfEmpty(database.db, { seed: config.seed, dataDir: config.dataDir });
    if (seeded) log.info(seeded, 'seeded demo data');
  }
  const app = await buildApp({ config, db: database.db });
  await app.listen({ host: config.host, port: config.port });
  // After listening, so the job queue's first start (it creates its schema) never delays the app.
  // Without it the app still serves: a ballot past its deadline refuses votes and reads as closed.
  const jobs = await startJobs({ url, db: database.db, log }).catch((error: unknown) => {
    log.error({ err: error }, 'the job queue did not start');
    return undefined;
  });

  let isStopping = false;
  const stop = async (signal: string) => {
    if (isStopping) return;
    isStopping = true;
    log.info(`${signal}: shutting down`);
    await jobs?.stop();
    await app.close();
    await database.close();
    await embedded?.release();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
