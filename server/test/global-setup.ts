import type { TestProject } from 'vitest/node';
import pg from 'pg';
import { migrateDatabase, openDatabase } from '../db/client';
import { portForDataDir, startEmbeddedPostgres, type EmbeddedServer } from '../db/embedded';

const TEMPLATE = `yishi_template_${process.pid}`;
const RUN_PREFIX = `yishi_t${process.pid}_`;

declare module 'vitest' {
  export interface ProvidedContext {
    adminUrl: string;
    templateDatabase: string;
    /** Prefix of this run's per-file databases, so concurrent runs never drop each other's. */
    runPrefix: string;
  }
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/**
 * One PostgreSQL for the whole run: DATABASE_URL when set (CI's external server), else a private
 * embedded cluster under ./data/test. A migrated template database is cloned per test file.
 */
export default async function setup(project: TestProject) {
  let embedded: EmbeddedServer | undefined;
  const adminUrl =
    process.env.DATABASE_URL ??
    (embedded = await startEmbeddedPostgres('./data/test', portForDataDir('./data/test', 55000), () => undefined)).url;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${TEMPLATE}`);
  await admin.query(`create database ${TEMPLATE}`);
  const template = openDatabase(withDatabase(adminUrl, TEMPLATE), 2);
  await migrateDatabase(template);
  await template.close();
  project.provide('adminUrl', adminUrl);
  project.provide('templateDatabase', TEMPLATE);
  project.provide('runPrefix', RUN_PREFIX);
  return async () => {
    const leftovers = await admin.query<{ datname: string }>(
      `select datname from pg_database where datname = $1 or starts_with(datname, $2)`,
      [TEMPLATE, RUN_PREFIX],
    );
    for (const { datname } of leftovers.rows) await admin.query(`drop database if exists ${datname} with (force)`);
    await admin.end();
    await embedded?.release();
  };
}
