/**
 * `npm run restore <archive>`: brings a backup back into an EMPTY data folder (embedded server under
 * YISHI_DATA_DIR) or an EMPTY database (DATABASE_URL) and its empty `<YISHI_DATA_DIR>/files`. Every
 * entry's SHA-256 is checked before anything is written. Exit 0 restored, 2 refused (missing or
 * damaged archive, target not empty, newer format), 1 failed. See docs/backup.md.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../server/config';
import { runBackupCommand, openTarget, restoreBackup, verifyArchive } from '../server/backup';

const usage = `Usage: npm run restore <archive.tar.gz>
  Restores a backup made by \`npm run backup\` into an EMPTY target and refuses anything else:
  - embedded (default): a new, empty YISHI_DATA_DIR;
  - DATABASE_URL set: a newly created, empty database, and an empty <YISHI_DATA_DIR>/files.
  The archive is verified (every entry's SHA-256) before anything is written; the rows load in one
  transaction. Stop the app first; start it afterwards with the same settings.
  --check        only verify the archive (writes nothing)`;

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: { check: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } },
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(usage);
    return 0;
  }
  if (positionals.length !== 1) {
    console.error(`Name one archive.\n${usage}`);
    return 2;
  }
  const file = positionals[0]!;
  if (values.check) {
    const manifest = await verifyArchive(file);
    console.log(
      `${file}: intact (${manifest.entries.length} entries checked), made ${manifest.createdAt} by Yishi ${manifest.app.version}`,
    );
    return 0;
  }
  const config = loadConfig();
  // Checked before the embedded server is started (which would create a cluster in the data folder).
  const manifest = await verifyArchive(file);
  const target = await openTarget(config, () => undefined);
  try {
    const result = await restoreBackup(target, file, manifest);
    const into = target.kind === 'embedded' ? `the embedded database under ${config.dataDir}` : 'DATABASE_URL';
    console.log(
      `Restored ${file} (made ${manifest.createdAt} from the ${manifest.source.kind} database, migration ${manifest.migrationHead.tag}) into ${into}:\n` +
        `  ${manifest.tables.length} tables, ${result.rows} rows; ${result.files} files into ${target.filesDir}; ` +
        `${(result.ms / 1000).toFixed(1)} s. Start the app with the same settings.`,
    );
    return 0;
  } finally {
    await target.release();
  }
}

runBackupCommand('Restore', main);
