/**
 * `npm run backup [-- --out <file or folder>]`: one archive of the configured database (DATABASE_URL,
 * else the embedded server under YISHI_DATA_DIR — the same choice as server/main.ts) and the
 * uploaded files, while the app keeps running. Default: `<dataDir>/backups/yishi-backup-<UTC>.tar.gz`.
 * Exit 0 written, 2 refused (the message says why), 1 failed. See docs/backup.md.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../server/config';
import { runBackupCommand, createBackup, openTarget, resolveArchivePath } from '../server/backup';

const usage = `Usage: npm run backup [-- --out <file or folder>]
  Writes one .tar.gz (mode 0600) of the database and the uploaded files, with a manifest and
  SHA-256 checksums. The app may keep running.
  --out <path>   the archive's file name, or a folder for it (default: <YISHI_DATA_DIR>/backups/)
  The database is DATABASE_URL when set, else the embedded server under YISHI_DATA_DIR.`;

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: { out: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } },
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`);
    return 2;
  }
  if (values.help) {
    console.log(usage);
    return 0;
  }
  const config = loadConfig();
  const file = await resolveArchivePath(values.out, config.dataDir);
  const target = await openTarget(config, () => undefined);
  try {
    const result = await createBackup(target, file, (m) => console.warn(`warning: ${m}`));
    const { manifest } = result;
    const rows = manifest.tables.reduce((sum, t) => sum + t.rows, 0);
    console.log(
      `Backup written: ${result.file} (SHA-256 in ${path.basename(result.file)}.sha256)\n` +
        `  ${manifest.source.kind} database (PostgreSQL ${manifest.source.serverVersion}) at migration ${manifest.migrationHead.tag}: ` +
        `${manifest.tables.length} tables, ${rows} rows; ${manifest.files.length} uploaded files; ` +
        `${(result.bytes / 1_048_576).toFixed(1)} MB in ${(result.ms / 1000).toFixed(1)} s`,
    );
    return 0;
  } finally {
    await target.release();
  }
}

runBackupCommand('Backup', main);
