import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrateDatabase, openDatabase, type Database } from '../server/db/client';
import { portForDataDir, startEmbeddedPostgres } from '../server/db/embedded';

export type BenchFigure = {
  name: string;
  value: number;
  unit: string;
  target?: string;
  isMet?: boolean;
  /** Said beside the ratio to the baseline (e.g. a ratio to a slower way measured in the same run). */
  note?: string;
};
export type BenchResult = { title: string; figures: BenchFigure[]; notes?: string[] };
/** Each bench/*.bench.ts default-exports one of these. */
export type Bench = { name: string; run: (database: Database) => Promise<BenchResult> };

/**
 * A fresh migrated database for one benchmark: on DATABASE_URL's server when set, else on a private
 * embedded cluster under ./data/bench. Dropped by `close`.
 */
export async function openBenchDatabase(): Promise<Database & { release: () => Promise<void> }> {
  const embedded = process.env.DATABASE_URL
    ? undefined
    : await startEmbeddedPostgres('./data/bench', portForDataDir('./data/bench', 55000), () => undefined);
  const adminUrl = process.env.DATABASE_URL ?? embedded!.url;
  const name = `yishi_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = openDatabase(url.toString(), 16);
  await migrateDatabase(database);
  return {
    ...database,
    release: async () => {
      await database.close();
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
      await embedded?.release();
    },
  };
}

/** p-th percentile (0–100) of a sample, by nearest rank. */
export function percentile(sample: number[], p: number): number {
  const sorted = [...sample].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}
