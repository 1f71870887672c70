/**
 * `npm run seed [-- --reset] [-- --seed <n>]`: writes the demo city into the configured database
 * (DATABASE_URL, else the embedded server under YISHI_DATA_DIR — the same choice as server/main.ts).
 * Refuses when the database already has places, unless --reset, which empties every table first.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../server/config';
import { migrateDatabase, openDatabase } from '../server/db/client';
import { startEmbeddedPostgres, type EmbeddedServer } from '../server/db/embedded';
import { resetAndSeedDemo, seedDemoIfEmpty } from '../server/seed';

const usage = `Usage: npm run seed [-- --reset] [-- --seed <integer>]
  --reset        empty every table (accounts, matters, everything) and seed again
  --seed <n>     the generator's seed (default: YISHI_SEED, else 20261125)`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      reset: { type: 'boolean', default: false },
      seed: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    return 0;
  }
  const config = loadConfig();
  if (!config.isDemo) {
    console.error(`Refusing to write the demo city: ${config.demoRefusal ?? 'YISHI_DEMO=false'}.`);
    return 2;
  }
  const seed = values.seed === undefined ? config.seed : Number(values.seed);
  if (!Number.isInteger(seed)) {
    console.error(`--seed must be an integer, got "${values.seed}"\n${usage}`);
    return 2;
  }

  let embedded: EmbeddedServer | undefined;
  let url = config.databaseUrl;
  if (!url) {
    embedded = await startEmbeddedPostgres(config.dataDir, config.pgPort, (m) => console.log(m));
    url = embedded.url;
  }
  const database = openDatabase(url, 2);
  try {
    await migrateDatabase(database);
    const started = performance.now();
    const summary = values.reset
      ? await resetAndSeedDemo(database.db, { seed, dataDir: config.dataDir })
      : await seedDemoIfEmpty(database.db, { seed, dataDir: config.dataDir });
    if (!summary) {
      console.error(
        'The database already has places, so nothing was seeded.\n' +
          'Run `npm run seed -- --reset` to empty every table (all accounts and matters too) and seed the demo city again.',
      );
      return 1;
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    console.log(
      `Seeded the demo city (seed ${seed}) in ${seconds} s: ${summary.places} places, ${summary.dwellings} dwellings, ` +
        `${summary.households} households, ${summary.residents} residents, ${summary.accounts} accounts, ${summary.matters} matters.`,
    );
    return 0;
  } finally {
    await database.close();
    await embedded?.release();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
