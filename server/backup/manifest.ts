import fs from 'node:fs';
import path from 'node:path';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { z } from 'zod';

/** The archive layout this code writes and reads; a newer one is refused rather than half-read. */
export const BACKUP_FORMAT = 1;
export const MANIFEST_ENTRY = 'manifest.json';

import { migrationsFolder, projectRoot as root } from '../paths';

/** A refusal the operator can act on (missing or damaged archive, target not empty, newer format): exit 2. */
export class BackupError extends Error {
  override readonly name = 'BackupError';
}

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);

/** One stored entry of the archive with the bytes and SHA-256 the restore checks before it writes anything. */
export const entrySchema = z.object({ path: z.string().min(1), bytes: z.number().int().min(0), sha256: sha256Hex });
export type ArchiveEntry = z.infer<typeof entrySchema>;

export const manifestSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  app: z.object({ name: z.literal('yishi'), version: z.string() }),
  createdAt: z.iso.datetime(),
  source: z.object({ kind: z.enum(['embedded', 'external']), serverVersion: z.string() }),
  /** The last migration applied to the database when it was dumped (drizzle's journal tag, `when`, hash). */
  migrationHead: z.object({ tag: z.string(), when: z.number().int(), hash: sha256Hex }),
  /** Every table of the public schema, its entry (one JSON object per line) and its row count. */
  tables: z.array(z.object({ name: z.string(), entry: z.string(), rows: z.number().int().min(0) })),
  /** Sequence positions as pg_dump records them (`setval(name, lastValue, isCalled)`). */
  sequences: z.array(z.object({ name: z.string(), lastValue: z.string().regex(/^-?\d+$/), isCalled: z.boolean() })),
  /** Uploaded files, named by their SHA-256 as in `<dataDir>/files`. */
  files: z.array(z.string()),
  entries: z.array(entrySchema),
});
export type Manifest = z.infer<typeof manifestSchema>;

/** Reads manifest.json's text: a newer format is named as such, anything else malformed as damaged. */
export function parseManifest(text: string): Manifest {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new BackupError('the archive is damaged: manifest.json is not valid JSON');
  }
  const format = (raw as { format?: unknown } | null)?.format;
  if (typeof format === 'number' && format > BACKUP_FORMAT) {
    throw new BackupError(
      `the archive has backup format ${format}, made by a newer Yishi; this version reads format ${BACKUP_FORMAT}. Restore it with that newer version.`,
    );
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new BackupError(`the archive is damaged: manifest.json ${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data;
}

/** The app's version (package.json), recorded in every manifest. */
export function appVersion(): string {
  return (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;
}

export type JournalMigration = { tag: string; when: number; hash: string; statements: string[] };

/** The committed migrations in order, read by drizzle's own reader (same hash, same statement split). */
export function readJournal(): JournalMigration[] {
  const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
    entries: { tag: string; when: number }[];
  };
  const tags = new Map(journal.entries.map((e) => [e.when, e.tag]));
  return readMigrationFiles({ migrationsFolder }).map((m) => ({
    tag: tags.get(m.folderMillis) ?? String(m.folderMillis),
    when: m.folderMillis,
    hash: m.hash,
    statements: m.sql,
  }));
}

/**
 * Runs a backup/restore command line: exit 0 on success, 2 when refused (a BackupError: bad
 * arguments, damaged archive, non-empty target), 1 on anything unexpected.
 */
export function runBackupCommand(verb: 'Backup' | 'Restore', main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      if (error instanceof BackupError) {
        console.error(`${verb} refused: ${error.message}`);
        process.exit(2);
      }
      console.error(`${verb} failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
