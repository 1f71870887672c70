import { createReadStream } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type pg from 'pg';
import { PORTABLE_SETTINGS } from './dump';
import { BackupError, readJournal, type JournalMigration, type Manifest } from './manifest';

/** Rows per INSERT, and the most JSON text one INSERT carries. */
const BATCH_ROWS = 1000;
const BATCH_CHARS = 4 * 1024 * 1024;
/** server/db/client.ts's migration lock: an app starting meanwhile waits instead of migrating under us. */
const MIGRATION_LOCK = 727001;

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * The migrations to replay before the rows go in: exactly those up to the archive's head, so the
 * rows meet the schema they were dumped from. Newer ones run after the restore (the app's migrator).
 */
export function migrationsUpTo(head: Manifest['migrationHead']): JournalMigration[] {
  const journal = readJournal();
  const index = journal.findIndex((m) => m.when === head.when);
  if (index < 0) {
    throw new BackupError(
      `the archive's database is at migration ${head.tag}, which this version of Yishi does not have: restore it with the version that made it (or newer)`,
    );
  }
  if (journal[index]!.hash !== head.hash) {
    throw new BackupError(`the archive's migration ${head.tag} differs from this version's file of that name`);
  }
  return journal.slice(0, index + 1);
}

/**
 * Loads a dump into an empty database inside the caller's open transaction (the caller commits,
 * so a failure anywhere leaves the database as empty as it was):
 * schema by the committed migrations up to the archive's head (recorded as drizzle's migrator
 * would), then the rows with the foreign keys dropped and user triggers off (the statistics
 * triggers would otherwise add rows of their own), then sequences, triggers and foreign keys
 * back (re-adding a foreign key checks every row once). Needs no superuser: the tables are
 * created, and so owned, by this same connection.
 */
export async function loadDatabase(
  client: pg.ClientBase,
  dir: string,
  manifest: Manifest,
  migrations: JournalMigration[],
): Promise<{ rows: number }> {
  await client.query(`select pg_advisory_xact_lock(${MIGRATION_LOCK})`);
  for (const setting of PORTABLE_SETTINGS) await client.query(setting);
  await client.query('create schema if not exists drizzle');
  await client.query(
    'create table if not exists drizzle.__drizzle_migrations (id serial primary key, hash text not null, created_at bigint)',
  );
  for (const migration of migrations) {
    for (const statement of migration.statements) await client.query(statement);
    await client.query('insert into drizzle.__drizzle_migrations (hash, created_at) values ($1, $2)', [
      migration.hash,
      migration.when,
    ]);
  }

  const { rows: foreignKeys } = await client.query<{ table: string; name: string; definition: string }>(
    `select conrelid::regclass::text as table, conname as name, pg_get_constraintdef(oid) as definition
       from pg_constraint where contype = 'f' and connamespace = 'public'::regnamespace order by conrelid, conname`,
  );
  for (const fk of foreignKeys) await client.query(`alter table ${fk.table} drop constraint ${quoteIdent(fk.name)}`);

  let total = 0;
  for (const table of manifest.tables) {
    const target = `public.${quoteIdent(table.name)}`;
    const { rows: found } = await client.query<{ t: string | null }>('select to_regclass($1)::text as t', [target]);
    if (!found[0]?.t) throw new BackupError(`the archive has table ${table.name}, which its migrations do not create`);
    const { rows: columnRows } = await client.query<{ name: string }>(
      `select attname as name from pg_attribute
        where attrelid = $1::regclass and attnum > 0 and not attisdropped and attgenerated = '' order by attnum`,
      [target],
    );
    const columns = columnRows.map((c) => quoteIdent(c.name)).join(', ');
    const insert = `insert into ${target} (${columns}) overriding system value
      select ${columns} from json_populate_recordset(null::${target}, $1::json)`;
    await client.query(`alter table ${target} disable trigger user`);
    // Rows a migration wrote itself (e.g. statistics_version's one row) give way to the archive's.
    await client.query(`delete from ${target}`);
    let loaded = 0;
    let batch: string[] = [];
    let chars = 0;
    const flush = async () => {
      if (batch.length === 0) return;
      const result = await client.query(insert, [`[${batch.join(',')}]`]);
      loaded += result.rowCount ?? 0;
      batch = [];
      chars = 0;
    };
    const lines = createInterface({ input: createReadStream(path.join(dir, table.entry)), crlfDelay: Infinity });
    for await (const line of lines) {
      if (line.length === 0) continue;
      batch.push(line);
      chars += line.length;
      if (batch.length >= BATCH_ROWS || chars >= BATCH_CHARS) await flush();
    }
    await flush();
    await client.query(`alter table ${target} enable trigger user`);
    if (loaded !== table.rows) {
      throw new BackupError(`table ${table.name}: loaded ${loaded} rows, the manifest says ${table.rows}`);
    }
    total += loaded;
  }

  for (const sequence of manifest.sequences) {
    await client.query('select setval($1::regclass, $2::bigint, $3)', [
      `public.${quoteIdent(sequence.name)}`,
      sequence.lastValue,
      sequence.isCalled,
    ]);
  }
  for (const fk of foreignKeys) {
    await client.query(`alter table ${fk.table} add constraint ${quoteIdent(fk.name)} ${fk.definition}`);
  }
  return { rows: total };
}
