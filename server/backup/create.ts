import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import * as tar from 'tar';
import { dumpDatabase } from './dump';
import { appVersion, BACKUP_FORMAT, BackupError, MANIFEST_ENTRY, type ArchiveEntry, type Manifest } from './manifest';
import { listStoredFiles, type BackupTarget } from './target';

export type BackupResult = {
  file: string;
  manifest: Manifest;
  bytes: number;
  /** Of the whole archive, also written beside it as `<file>.sha256`. */
  sha256: string;
  ms: number;
};

/** `yishi-backup-20261205T152137Z.tar.gz` for a moment in UTC. */
export function defaultArchiveName(now = new Date()): string {
  const stamp = now
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replaceAll('-', '')
    .replaceAll(':', '');
  return `yishi-backup-${stamp}.tar.gz`;
}

/**
 * Where to write: `out` as a file name, or inside `out` when it is a folder (or ends with `/`);
 * by default `<dataDir>/backups/`. An existing file is never overwritten.
 */
export async function resolveArchivePath(out: string | undefined, dataDir: string, now = new Date()) {
  const target = out ?? path.join(dataDir, 'backups') + path.sep;
  const isFolder =
    target.endsWith('/') ||
    (await fs.stat(target).then(
      (s) => s.isDirectory(),
      () => false,
    ));
  const file = path.resolve(isFolder ? path.join(target, defaultArchiveName(now)) : target);
  if (
    await fs.stat(file).then(
      () => true,
      () => false,
    )
  ) {
    throw new BackupError(`${file} already exists; choose another --out`);
  }
  return file;
}

/** Byte count and SHA-256 of a file, read as a stream. */
export async function sha256Of(file: string): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    bytes += chunk.length;
  }
  return { bytes, sha256: hash.digest('hex') };
}

/**
 * Writes one archive (.tar.gz, mode 0600: it holds personal data) of the target's database and
 * uploaded files: manifest.json first, then database/<table>.ndjson, then files/<sha256>. The
 * database is dumped from one snapshot BEFORE the files are listed: files are immutable and named
 * by content, and a file is stored before the row naming it commits, so every file a dumped row
 * names is there. The archive appears under its name only when complete.
 */
export async function createBackup(
  target: BackupTarget,
  file: string,
  warn: (m: string) => void = () => undefined,
): Promise<BackupResult> {
  const started = performance.now();
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const staging = await fs.mkdtemp(path.join(path.dirname(file), '.yishi-backup-'));
  // Inside the private staging folder until complete, so nobody copies half an archive.
  const partial = path.join(staging, 'archive.tar.gz.partial');
  const filesLink = path.join(staging, 'files');
  try {
    await fs.mkdir(path.join(staging, 'database'));
    const dump = await dumpDatabase(target.url, staging);
    const files = await listStoredFiles(target.filesDir);
    const fileEntries: ArchiveEntry[] = [];
    if (files.length > 0) await fs.symlink(path.resolve(target.filesDir), filesLink, 'dir');
    for (const name of files) {
      const entry = { path: `files/${name}`, ...(await sha256Of(path.join(target.filesDir, name))) };
      if (entry.sha256 !== name)
        warn(`stored file ${name} does not match its SHA-256 name (damaged on disk); archived as it is`);
      fileEntries.push(entry);
    }
    const manifest: Manifest = {
      format: BACKUP_FORMAT,
      app: { name: 'yishi', version: appVersion() },
      createdAt: new Date().toISOString(),
      source: { kind: target.kind, serverVersion: dump.serverVersion },
      migrationHead: dump.migrationHead,
      tables: dump.tables,
      sequences: dump.sequences,
      files,
      entries: [...dump.entries, ...fileEntries],
    };
    await fs.writeFile(path.join(staging, MANIFEST_ENTRY), JSON.stringify(manifest, null, 2), { mode: 0o600 });
    await tar.c({ file: partial, cwd: staging, gzip: true, portable: true, mode: 0o600 }, [
      MANIFEST_ENTRY,
      ...manifest.entries.map((e) => e.path),
    ]);
    await fs.chmod(partial, 0o600);
    const whole = await sha256Of(partial);
    await fs.rename(partial, file);
    // For `sha256sum -c` wherever the archive is copied to, without Yishi installed there.
    await fs.writeFile(`${file}.sha256`, `${whole.sha256}  ${path.basename(file)}\n`, { mode: 0o600 });
    return { file, manifest, bytes: whole.bytes, sha256: whole.sha256, ms: Math.round(performance.now() - started) };
  } finally {
    // The link first, by itself: the uploaded files it points to must never be touched.
    await fs.unlink(filesLink).catch(() => undefined);
    await fs.rm(staging, { recursive: true, force: true });
  }
}
