import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { buildApp } from '../../server/app';
import { loadConfig } from '../../server/config';
import { migrateDatabase, openDatabase } from '../../server/db/client';
import { portForDataDir, startEmbeddedPostgres, type EmbeddedServer } from '../../server/db/embedded';
import { seedDemoIfEmpty } from '../../server/db/seed';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    databaseUrl: string;
  }
}

/**
 * Serves the real app (built web/dist, demo data) on a free port, on a fresh database: on
 * DATABASE_URL's server when set, else on a private embedded cluster under ./data/e2e.
 */
export default async function setup(project: TestProject) {
  let embedded: EmbeddedServer | undefined;
  const adminUrl =
    process.env.DATABASE_URL ??
    (embedded = await startEmbeddedPostgres('./data/e2e', portForDataDir('./data/e2e', 55000), () => undefined)).url;
  const name = `yishi_e2e_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = openDatabase(url.toString());
  await migrateDatabase(database);
  // Every journey logs in from 127.0.0.1: the per-address code limit would stop a full run.
  const config = loadConfig({
    NODE_ENV: 'test',
    YISHI_DEMO: 'true',
    LOG_LEVEL: 'warn',
    YISHI_CODE_LIMIT_PER_IP: '100000',
    YISHI_CODE_LIMIT_GLOBAL: '100000',
  });
  await seedDemoIfEmpty(database.db, { seed: config.seed, dataDir: config.dataDir });
  const app = await buildApp({ config, db: database.db, logger: false });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  project.provide('baseUrl', address);
  project.provide('databaseUrl', url.toString());
  return async () => {
    await app.close();
    await database.close();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
    await embedded?.release();
  };
}
