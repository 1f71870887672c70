import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { buildApp } from '../../server/app';
import { loadConfig } from '../../server/config';
import { migrateDatabase, openDatabase } from '../../server/db/client';
import { portForDataDir, startEmbeddedPostgres, type EmbeddedServer } from '../../server/db/embedded';
import { seedDemoIfEmpty } from '../../server/seed';
import type { SmsMessage, SmsProvider } from '../../server/deps';
import { scanLogForPersonalData } from '../../server/test/log-scan';
// The journeys' server runs here: it, too, may send one query at a time on a pg client.
import '../../server/test/one-query-per-client';

/**
 * The journeys' server log, scanned for phones and codes when the run ends; one per shard
 * (scripts/test-e2e.ts runs shards side by side, each with its own app and database).
 */
const shard = process.env.YISHI_E2E_SHARD ?? '';
export const appLogFile = path.resolve(`data/e2e/app${shard ? `-${shard}` : ''}.log`);

/**
 * Keeps text messages in memory. The journeys read the code demo mode shows on the page; the demo
 * `log` provider would write every code to the log, and this run's log must hold none.
 */
class MemorySms implements SmsProvider {
  readonly name = 'memory';
  readonly sent: SmsMessage[] = [];
  async send(message: SmsMessage) {
    this.sent.push(message);
    return {};
  }
}

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
  // Every journey logs in from 127.0.0.1: the per-address code and login limits would stop a full run.
  const config = loadConfig({
    NODE_ENV: 'test',
    YISHI_DEMO: 'true',
    LOG_LEVEL: 'info',
    YISHI_CODE_LIMIT_PER_IP: '100000',
    YISHI_CODE_LIMIT_GLOBAL: '100000',
    YISHI_LOGIN_LIMIT_PER_MINUTE: '100000',
  });
  await seedDemoIfEmpty(database.db, { seed: config.seed, dataDir: config.dataDir });
  fs.mkdirSync(path.dirname(appLogFile), { recursive: true });
  const logStream = fs.createWriteStream(appLogFile, { flags: 'w' });
  const app = await buildApp({ config, db: database.db, sms: new MemorySms(), logStream });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  project.provide('baseUrl', address);
  project.provide('databaseUrl', url.toString());
  return async () => {
    await app.close();
    await database.close();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
    await embedded?.release();
    await new Promise((resolve) => logStream.end(resolve));
    // Every request of every journey went through this log: no phone in clear, no login code.
    const findings = scanLogForPersonalData(fs.readFileSync(appLogFile, 'utf8'));
    if (findings.length > 0) {
      const list = findings.slice(0, 20).map((f) => `  line ${f.line}: ${f.kind} ${f.excerpt}`);
      // vitest reports an error thrown here but still exits 0: set the exit code as well.
      process.exitCode = 1;
      throw new Error(`${appLogFile} holds personal data (${findings.length} findings):\n${list.join('\n')}`);
    }
  };
}
