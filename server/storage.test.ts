import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalFolderStorage, sniffImage } from './storage';

describe('file storage', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('tells images by their first bytes, whatever their name claims', () => {
    expect(sniffImage(Buffer.from([0xff, 0xd8, 0xff, 0xdb]))).toBe('image/jpeg');
    expect(sniffImage(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe('image/png');
    expect(sniffImage(Buffer.from('RIFF\u0000\u0000\u0000\u0000WEBPVP8 ', 'latin1'))).toBe('image/webp');
    expect(sniffImage(Buffer.from('RIFF\u0000\u0000\u0000\u0000WAVEfmt ', 'latin1'))).toBeUndefined();
    expect(sniffImage(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeUndefined();
    expect(sniffImage(Buffer.alloc(0))).toBeUndefined();
  });

  it('stores the same bytes once under their SHA-256 and reads them back', async () => {
    const root = path.join(await mkdtemp(path.join(tmpdir(), 'yishi-storage-')), 'files');
    dirs.push(path.dirname(root));
    const storage = new LocalFolderStorage(root);
    const bytes = Buffer.from('照片内容');
    const [a, b] = await Promise.all([storage.put(bytes), storage.put(bytes)]);
    expect(a).toEqual(b);
    expect(a.key).toMatch(/^[0-9a-f]{64}$/);
    expect(await readdir(root)).toEqual([a.key]);
    expect(await storage.read(a.key)).toEqual(bytes);
    await expect(storage.read('../secret')).rejects.toThrow();
  });
});
