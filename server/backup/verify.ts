import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import * as tar from 'tar';
import { BackupError, MANIFEST_ENTRY, parseManifest, type Manifest } from './manifest';

type Seen = { bytes: number; sha256: string };

/** Compares what an archive (or its extracted copy) holds with its manifest; names the first bad entry. */
export function checkEntries(manifest: Manifest, seen: Map<string, Seen>): void {
  for (const entry of manifest.entries) {
    const found = seen.get(entry.path);
    if (!found) throw new BackupError(`the archive is incomplete: entry ${entry.path} is missing`);
    if (found.bytes !== entry.bytes || found.sha256 !== entry.sha256) {
      throw new BackupError(
        `checksum mismatch in entry ${entry.path}: the manifest says ${entry.bytes} bytes, SHA-256 ${entry.sha256}; ` +
          `the archive holds ${found.bytes} bytes, SHA-256 ${found.sha256}. The archive is damaged.`,
      );
    }
  }
  const listed = new Set(manifest.entries.map((e) => e.path));
  for (const path of seen.keys()) {
    if (!listed.has(path)) throw new BackupError(`the archive holds ${path}, which its manifest does not list`);
  }
  for (const table of manifest.tables) {
    if (!listed.has(table.entry)) throw new BackupError(`the manifest lists table ${table.name} without its entry`);
  }
  for (const name of manifest.files) {
    if (!listed.has(`files/${name}`)) throw new BackupError(`the manifest lists file ${name} without its entry`);
  }
}

/**
 * Reads the whole archive once, writing nothing: the manifest (the first entry) and the SHA-256 of
 * every other entry, which must all match it. Throws a BackupError naming what is wrong.
 */
export async function verifyArchive(file: string): Promise<Manifest> {
  const stat = await fs.stat(file).catch(() => undefined);
  if (!stat?.isFile()) throw new BackupError(`no archive at ${file}`);
  let manifestText: string | undefined;
  let isFirst = true;
  let misplaced: string | undefined;
  const seen = new Map<string, Seen>();
  try {
    await tar.t({
      file,
      strict: true,
      onReadEntry: (entry) => {
        const wasFirst = isFirst;
        isFirst = false;
        if (entry.type !== 'File') return;
        if (entry.path === MANIFEST_ENTRY) {
          if (!wasFirst) misplaced = 'manifest.json is not the first entry';
          const chunks: Buffer[] = [];
          entry.on('data', (chunk: Buffer) => chunks.push(chunk));
          entry.on('end', () => (manifestText = Buffer.concat(chunks).toString('utf8')));
          return;
        }
        const hash = createHash('sha256');
        let bytes = 0;
        entry.on('data', (chunk: Buffer) => {
          hash.update(chunk);
          bytes += chunk.length;
        });
        entry.on('end', () => seen.set(entry.path, { bytes, sha256: hash.digest('hex') }));
      },
    });
  } catch (error) {
    throw new BackupError(`the archive ${file} is damaged or not a .tar.gz: ${(error as Error).message}`);
  }
  if (manifestText === undefined) throw new BackupError(`${file} is not a Yishi backup: it has no manifest.json`);
  if (misplaced) throw new BackupError(`${file} is not a Yishi backup: ${misplaced}`);
  const manifest = parseManifest(manifestText);
  checkEntries(manifest, seen);
  return manifest;
}
