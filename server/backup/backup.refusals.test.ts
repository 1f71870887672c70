import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import * as tar from 'tar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import type { Database } from '../db/client';
import { LocalFolderStorage } from '../storage';
import { runCli } from '../test/backup-drill';
import { createTestDatabase } from '../test/database';
import { buildResident, buildTerritory } from '../test/factories';
import { createBackup } from './create';
import { MANIFEST_ENTRY, type Manifest } from './manifest';
import { restoreBackup } from './restore';
import { describeContents, type BackupTarget } from './target';
import { sha256 } from '../hash';

describe('restore refuses what it cannot bring back whole', () => {
  let work: string;
  let source: Database;
  let sourceTarget: BackupTarget;
  let archive: string;
  let admin: pg.Client;
  let emptyCount = 0;

  /** A target with a newly created, empty database and an empty files folder. */
  async function emptyTarget(): Promise<BackupTarget> {
    const name = `${inject('runPrefix')}restore_${randomBytes(4).toString('hex')}`;
    await admin.query(`create database ${name}`);
    const url = new URL(inject('adminUrl'));
    url.pathname = `/${name}`;
    emptyCount += 1;
    const filesDir = path.join(work, `target-${emptyCount}`, 'files');
    return { kind: 'external', url: url.toString(), filesDir, release: async () => undefined };
  }

  /** A copy of the archive with `edit` applied to its extracted entries, manifest first as always. */
  async function repack(name: string, edit: (dir: string, manifest: Manifest) => Promise<Manifest | void>) {
    const dir = await mkdtemp(path.join(work, 'repack-'));
    await tar.x({ file: archive, cwd: dir });
    const manifest = JSON.parse(await readFile(path.join(dir, MANIFEST_ENTRY), 'utf8')) as Manifest;
    const edited = (await edit(dir, manifest)) ?? manifest;
    await writeFile(path.join(dir, MANIFEST_ENTRY), JSON.stringify(edited));
    const file = path.join(work, name);
    await tar.c({ file, cwd: dir, gzip: true }, [MANIFEST_ENTRY, ...manifest.entries.map((e) => e.path)]);
    return file;
  }

  beforeAll(async () => {
    work = await mkdtemp(path.resolve('data', 'test-backup-refusals-'));
    admin = new pg.Client({ connectionString: inject('adminUrl') });
    await admin.connect();
    source = await createTestDatabase();
    const territory = await buildTerritory(source.db);
    await buildResident(source.db, { placeId: territory.unit2.id, name: '张阿姨', phone: '13812345678' });
    sourceTarget = {
      kind: 'external',
      url: source.url,
      filesDir: path.join(work, 'source', 'files'),
      release: async () => undefined,
    };
    await new LocalFolderStorage(sourceTarget.filesDir).put(Buffer.from('照片的字节'));
    archive = (await createBackup(sourceTarget, path.join(work, 'source.tar.gz'))).file;
  });
  afterAll(async () => {
    await source.close();
    await admin.end();
    await rm(work, { recursive: true, force: true });
  });

  it('leaves the uploaded files in place and only the archive and its .sha256 beside it', async () => {
    expect(await readdir(sourceTarget.filesDir)).toHaveLength(1);
    expect((await readdir(work)).filter((n) => n.startsWith('source'))).toEqual([
      'source',
      'source.tar.gz',
      'source.tar.gz.sha256',
    ]);
  });

  it('restores into an empty database and files folder, and then refuses to restore over them', async () => {
    const target = await emptyTarget();
    const result = await restoreBackup(target, archive);
    expect(result.files).toBe(1);
    const [name] = await readdir(target.filesDir);
    expect(sha256(await readFile(path.join(target.filesDir, name!)))).toBe(name);
    await expect(restoreBackup(target, archive)).rejects.toThrow(/refusing to restore over existing data/);
  });

  it('refuses a database that is not empty (the source itself) and leaves it untouched', async () => {
    await expect(restoreBackup(sourceTarget, archive)).rejects.toThrow(
      /refusing to restore over existing data: the database has \d+ tables/,
    );
  });

  it('refuses a files folder that is not empty', async () => {
    const target = await emptyTarget();
    await mkdir(target.filesDir, { recursive: true });
    await writeFile(path.join(target.filesDir, 'left-over'), 'x');
    await expect(restoreBackup(target, archive)).rejects.toThrow(/holds 1 entries/);
  });

  it('names the entry whose checksum does not match, exits 2 and writes nothing', async () => {
    const damaged = await repack('damaged.tar.gz', async (dir, manifest) => {
      const file = manifest.entries.find((e) => e.path.startsWith('files/'))!;
      await writeFile(path.join(dir, file.path), 'other bytes');
    });
    const target = await emptyTarget();
    const run = await runCli('restore', [damaged], {
      DATABASE_URL: target.url,
      YISHI_DATA_DIR: path.dirname(target.filesDir),
    });
    expect(run.code, run.output).toBe(2);
    expect(run.output).toMatch(/checksum mismatch in entry files\/[0-9a-f]{64}/);
    expect(await describeContents(admin, target.filesDir)).toBeUndefined();
    await expect(stat(path.dirname(target.filesDir))).rejects.toThrow();
  });

  it('refuses a missing archive and a truncated one with exit 2', async () => {
    const missing = await runCli('restore', [path.join(work, 'nowhere.tar.gz')], { YISHI_DATA_DIR: work });
    expect(missing.code).toBe(2);
    expect(missing.output).toContain('no archive at');
    const truncated = path.join(work, 'truncated.tar.gz');
    await writeFile(truncated, await readFile(archive));
    await truncate(truncated, Math.floor((await stat(archive)).size / 2));
    await expect(restoreBackup(await emptyTarget(), truncated)).rejects.toThrow(/damaged/);
  });

  it('refuses an archive of a newer format, naming it', async () => {
    const newer = await repack(
      'newer.tar.gz',
      async (_dir, manifest) => ({ ...manifest, format: 2 }) as unknown as Manifest,
    );
    await expect(restoreBackup(await emptyTarget(), newer)).rejects.toThrow(/backup format 2, made by a newer Yishi/);
  });

  it('leaves the target empty when the rows cannot go in (a consistent archive with a dangling reference)', async () => {
    const dangling = await repack('dangling.tar.gz', async (dir, manifest) => {
      const entry = manifest.tables.find((t) => t.name === 'residents')!.entry;
      const file = path.join(dir, entry);
      const text = (await readFile(file, 'utf8')).replace(/"place_id":\d+/, '"place_id":999999');
      await writeFile(file, text);
      const bytes = Buffer.from(text);
      return {
        ...manifest,
        entries: manifest.entries.map((e) =>
          e.path === entry ? { ...e, bytes: bytes.length, sha256: sha256(bytes) } : e,
        ),
      };
    });
    const target = await emptyTarget();
    await expect(restoreBackup(target, dangling)).rejects.toThrow(/foreign key/);
    const client = new pg.Client({ connectionString: target.url });
    await client.connect();
    try {
      expect(await describeContents(client, target.filesDir)).toBeUndefined();
    } finally {
      await client.end();
    }
  });

  it('explains itself with --help', async () => {
    const help = await runCli('backup', ['--help'], {});
    expect(help.code).toBe(0);
    expect(help.output).toContain('Usage: npm run backup');
  });
});
