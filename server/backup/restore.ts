import fs from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import * as tar from 'tar';
import { migrateDatabase, openDatabase } from '../db/client';
import { sha256Of } from './create';
import { loadDatabase, migrationsUpTo } from './load';
import { BackupError, MANIFEST_ENTRY, type Manifest } from './manifest';
import { describeContents, type BackupTarget } from './target';
import { checkEntries, verifyArchive } from './verify';

export type RestoreResult = { manifest: Manifest; rows: number; files: number; ms: number };

function refuseNonEmpty(target: BackupTarget, contents: string): never {
  const where =
    target.kind === 'embedded'
      ? `a new, empty YISHI_DATA_DIR (the app's data folder ${path.dirname(target.filesDir)})`
      : `a newly created, empty database (createdb) and an empty ${target.filesDir}`;
  throw new BackupError(`refusing to restore over existing data: ${contents}. Restore into ${where}.`);
}

/**
 * Brings an archive back into an EMPTY target: the whole archive is verified against its manifest
 * before anything is written, the target is checked empty (database and files folder), then the
 * rows load in one transaction and the files move into place before it commits; on any failure
 * the transaction rolls back and the moved files are removed, leaving the target empty again.
 * Migrations newer than the archive's run afterwards, as at an app start.
 */
export async function restoreBackup(
  target: BackupTarget,
  file: string,
  /** The manifest `verifyArchive` returned for this file just now, to spare a second full read. */
  verified?: Manifest,
): Promise<RestoreResult> {
  const started = performance.now();
  const manifest = verified ?? (await verifyArchive(file));
  const migrations = migrationsUpTo(manifest.migrationHead);
  const client = new pg.Client({ connectionString: target.url, application_name: 'yishi-restore' });
  await client.connect();
  const dataDir = path.dirname(target.filesDir);
  let staging: string | undefined;
  const moved: string[] = [];
  try {
    const contents = await describeContents(client, target.filesDir);
    if (contents) refuseNonEmpty(target, contents);

    await fs.mkdir(dataDir, { recursive: true });
    staging = await fs.mkdtemp(path.join(dataDir, '.restore-'));
    const expected = new Set([MANIFEST_ENTRY, ...manifest.entries.map((e) => e.path)]);
    await tar.x({ file, cwd: staging, strict: true, filter: (p) => expected.has(p) || p.endsWith('/') });
    // Checked again as extracted: the archive may have changed since the first read.
    const seen = new Map<string, { bytes: number; sha256: string }>();
    for (const entry of manifest.entries) seen.set(entry.path, await sha256Of(path.join(staging, entry.path)));
    checkEntries(manifest, seen);

    await client.query('begin');
    await client.query('select pg_advisory_xact_lock(727001)');
    const raced = await describeContents(client, target.filesDir);
    if (raced) refuseNonEmpty(target, raced);
    const { rows } = await loadDatabase(client, staging, manifest, migrations);
    await fs.mkdir(target.filesDir, { recursive: true });
    for (const name of manifest.files) {
      const destination = path.join(target.filesDir, name);
      await fs.rename(path.join(staging, 'files', name), destination);
      moved.push(destination);
    }
    await client.query('commit');
    moved.length = 0;

    const database = openDatabase(target.url, 1);
    try {
      await migrateDatabase(database);
    } finally {
      await database.close();
    }
    return { manifest, rows, files: manifest.files.length, ms: Math.round(performance.now() - started) };
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    for (const file of moved) await fs.rm(file, { force: true });
    throw error;
  } finally {
    await client.end();
    if (staging) await fs.rm(staging, { recursive: true, force: true });
  }
}
