import { spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { normalisePhone } from '../../domain/people/phone';
import { buildApp } from '../app';
import { loadConfig } from '../config';
import type { Db } from '../db/client';
import { verifyMatterChain } from '../modules/matters';
import { RecordingSms, TestClient } from './build-test-app';
import { sha256 } from '../hash';
import { matters } from '../db/schema';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Runs `npm run backup|restore` as an operator would (its own process, settings from the
 * environment given, never the test run's DATABASE_URL unless passed).
 */
export async function runCli(
  script: 'backup' | 'restore',
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; output: string }> {
  const inherited = { ...process.env };
  delete inherited.DATABASE_URL;
  const child = spawn(process.execPath, ['--import', 'tsx', `scripts/${script}.ts`, ...args], {
    cwd: root,
    env: { ...inherited, LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { code, output };
}

/**
 * What a restore must bring back: per table its row count and an MD5 of all its rows as text
 * (sorted, in UTC, so every value is compared), each matter's chain verdict, each file's SHA-256.
 */
export type Inventory = {
  rows: Record<string, number>;
  digests: Record<string, string>;
  chains: Record<number, string>;
  files: Record<string, string>;
};

export async function takeInventory(db: Db, filesDir: string): Promise<Inventory> {
  const tables = await db.execute<{ name: string }>(
    sql`select tablename as name from pg_tables where schemaname = 'public' order by tablename`,
  );
  const rows: Record<string, number> = {};
  const digests: Record<string, string> = {};
  await db.transaction(async (tx) => {
    await tx.execute(sql`set local timezone = 'UTC'`);
    for (const { name } of tables.rows) {
      const counted = await tx.execute<{ n: number; digest: string | null }>(
        sql.raw(
          `select count(*)::int as n, md5(string_agg(t::text, E'\\n' order by t::text)) as digest from public."${name}" t`,
        ),
      );
      rows[name] = counted.rows[0]!.n;
      digests[name] = counted.rows[0]!.digest ?? 'empty';
    }
  });
  const matterIds = await db.execute<{ id: number }>(sql`select id from ${matters} order by id`);
  const chains: Record<number, string> = {};
  for (const { id } of matterIds.rows) {
    const verdict = await verifyMatterChain(db, id);
    chains[id] = verdict.isIntact ? `intact ${verdict.length} ${verdict.head}` : `broken at ${verdict.brokenAt}`;
  }
  const files: Record<string, string> = {};
  for (const name of await readdir(filesDir).catch(() => [] as string[])) {
    files[name] = sha256(await readFile(path.join(filesDir, name)));
  }
  return { rows, digests, chains, files };
}

/** The real app in demo mode on `db` (files under `dataDir`), with clients that log in by code. */
export async function demoApp(db: Db, dataDir: string) {
  const config = loadConfig({ NODE_ENV: 'test', YISHI_DEMO: 'true', YISHI_DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
  const sms = new RecordingSms();
  const app = await buildApp({ config, db, sms, logger: false });
  await app.ready();
  const loginByCode = async (phone: string) => {
    const client = new TestClient(app);
    const sent = await client.post('/api/auth/code', { phone });
    if (sent.statusCode !== 200) throw new Error(`code request failed: ${sent.body}`);
    const code = (sent.json() as { devCode?: string }).devCode ?? sms.lastCodeFor(normalisePhone(phone));
    const login = await client.post('/api/auth/login/code', { phone, code });
    if (login.statusCode !== 200) throw new Error(`login failed: ${login.body}`);
    return client;
  };
  return { app, loginByCode, close: () => app.close() };
}
