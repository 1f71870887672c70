import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { sha256 } from './hash';

/** Where uploaded files live, by content: the key is the SHA-256 of the bytes. */
export interface FileStorage {
  put(bytes: Buffer): Promise<{ key: string; sha256: string; sizeBytes: number }>;
  read(key: string): Promise<Buffer>;
}

const KEY = /^[0-9a-f]{64}$/;

/**
 * Files in a local folder (`<dataDir>/files/<sha256>`). The same bytes land once; a write goes to a
 * temporary name first so a reader never sees half a file.
 */
export class LocalFolderStorage implements FileStorage {
  constructor(private readonly root: string) {}

  async put(bytes: Buffer) {
    const digest = sha256(bytes);
    const target = path.join(this.root, digest);
    const exists = await stat(target).then(
      () => true,
      () => false,
    );
    if (!exists) {
      await mkdir(this.root, { recursive: true });
      const temporary = `${target}.${randomUUID()}.tmp`;
      await writeFile(temporary, bytes);
      await rename(temporary, target);
    }
    return { key: digest, sha256: digest, sizeBytes: bytes.length };
  }

  async read(key: string) {
    if (!KEY.test(key)) throw new Error('invalid storage key');
    return readFile(path.join(this.root, key));
  }
}

export type ImageType = 'image/jpeg' | 'image/png' | 'image/webp';

/** The image type its first bytes prove (not what the upload claims), or undefined. */
export function sniffImage(bytes: Buffer): ImageType | undefined {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length >= 8 && png.every((b, i) => bytes[i] === b)) return 'image/png';
  if (bytes.length >= 12 && bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP') {
    return 'image/webp';
  }
  return undefined;
}
