import fs from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import type { Config } from '../config';
import { startEmbeddedPostgres } from '../db/embedded';

/** The configured database, as server/main.ts chooses it: DATABASE_URL, else the embedded server. */
export type BackupTarget = {
  kind: 'embedded' | 'external';
  url: string;
  /** `<dataDir>/files`, where uploaded files live (also with DATABASE_URL). */
  filesDir: string;
  /** Stops the embedded server if this process started it and no app process uses it. */
  release: () => Promise<void>;
};

/**
 * Opens the database the app would use. An embedded server already running for the data folder
 * (a running app) is shared, not restarted, so a backup works while the app serves.
 */
export async function openTarget(
  config: Pick<Config, 'databaseUrl' | 'dataDir' | 'pgPort'>,
  log: (m: string) => void,
): Promise<BackupTarget> {
  const filesDir = path.join(config.dataDir, 'files');
  if (config.databaseUrl) {
    return { kind: 'external', url: config.databaseUrl, filesDir, release: async () => undefined };
  }
  await fs.mkdir(config.dataDir, { recursive: true });
  const embedded = await startEmbeddedPostgres(config.dataDir, config.pgPort, log);
  return { kind: 'embedded', url: embedded.url, filesDir, release: embedded.release };
}

/** Stored files in `filesDir` (names are SHA-256 keys; half-written `.tmp` files are left out). */
export async function listStoredFiles(filesDir: string): Promise<string[]> {
  const names = await fs.readdir(filesDir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  return names.filter((n) => /^[0-9a-f]{64}$/.test(n)).sort();
}

/** What makes a target not empty, in words for the refusal, or undefined when it is empty. */
export async function describeContents(client: pg.ClientBase, filesDir: string): Promise<string | undefined> {
  const { rows } = await client.query<{ n: number }>(
    `select count(*)::int as n from pg_class c join pg_namespace ns on ns.oid = c.relnamespace
      where ns.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm', 'S', 'f')`,
  );
  const relations = rows[0]!.n;
  const { rows: head } = await client.query<{ table: string | null }>(
    `select to_regclass('drizzle.__drizzle_migrations')::text as table`,
  );
  let migrations = 0;
  if (head[0]?.table) {
    const counted = await client.query<{ n: number }>('select count(*)::int as n from drizzle.__drizzle_migrations');
    migrations = counted.rows[0]!.n;
  }
  const files = await fs.readdir(filesDir).catch(() => [] as string[]);
  const parts = [
    relations > 0 ? `the database has ${relations} tables, sequences or views in schema public` : undefined,
    migrations > 0 ? `the database has ${migrations} migrations applied` : undefined,
    files.length > 0 ? `${filesDir} holds ${files.length} entries` : undefined,
  ].filter(Boolean);
  return parts.length > 0 ? parts.join('; ') : undefined;
}
