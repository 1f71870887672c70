import { createInflateRaw } from 'node:zlib';
import { AppError } from '../../errors';

/*
 * An .xlsx is a zip. A few MB of zip can unpack to gigabytes ("zip bomb"): its entries' sizes are
 * checked from the central directory before anything is inflated, then each entry is inflated once
 * into nothing, counting bytes, so a directory that lies about its sizes is caught too.
 */

type ZipEntry = { name: string; method: number; compressedSize: number; uncompressedSize: number; offset: number };

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const ZIP64_MARK = 0xffffffff;

const unreadable = () => new AppError(400, 'roster.file_unreadable', { field: 'file', params: { detail: 'xlsx' } });

/** The entries listed in the zip's central directory (zip64 is refused: no roster file needs 4 GB). */
export function zipEntries(zip: Buffer): ZipEntry[] {
  let end = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i -= 1) {
    if (zip.readUInt32LE(i) === EOCD) {
      end = i;
      break;
    }
  }
  if (end < 0) throw unreadable();
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let n = 0; n < count; n += 1) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== CENTRAL) throw unreadable();
    const nameLength = zip.readUInt16LE(at + 28);
    const entry: ZipEntry = {
      method: zip.readUInt16LE(at + 10),
      compressedSize: zip.readUInt32LE(at + 20),
      uncompressedSize: zip.readUInt32LE(at + 24),
      offset: zip.readUInt32LE(at + 42),
      name: zip.toString('utf8', at + 46, at + 46 + nameLength),
    };
    if ([entry.compressedSize, entry.uncompressedSize, entry.offset].includes(ZIP64_MARK)) throw unreadable();
    entries.push(entry);
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return entries;
}

/** Inflates one entry into nothing; resolves to its true size, rejects once it passes `limit` bytes. */
function inflatedSize(data: Buffer, limit: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const inflate = createInflateRaw();
    let size = 0;
    inflate.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        inflate.destroy();
        reject(new RangeError('over limit'));
      }
    });
    inflate.on('error', reject);
    inflate.on('end', () => resolve(size));
    inflate.end(data);
  });
}

/**
 * Refuses (413 `roster.file_too_large_unzipped`) an .xlsx whose entries unpack to more than
 * `maxBytes` in all, by their declared sizes first and then by their real ones.
 */
export async function guardZip(zip: Buffer, maxBytes: number): Promise<void> {
  const tooLarge = () =>
    new AppError(413, 'roster.file_too_large_unzipped', {
      field: 'file',
      params: { maxMb: Math.round(maxBytes / 2 ** 20) },
    });
  const entries = zipEntries(zip);
  const declared = entries.reduce((sum, e) => sum + e.uncompressedSize, 0);
  if (declared > maxBytes) throw tooLarge();
  let actual = 0;
  for (const entry of entries) {
    if (entry.offset + 30 > zip.length || zip.readUInt32LE(entry.offset) !== LOCAL) throw unreadable();
    const start = entry.offset + 30 + zip.readUInt16LE(entry.offset + 26) + zip.readUInt16LE(entry.offset + 28);
    const data = zip.subarray(start, start + entry.compressedSize);
    if (entry.method === 0) {
      actual += data.length;
    } else if (entry.method === 8) {
      // The declared size is what the reader will trust: more than that is a lie, refused as too large.
      const size = await inflatedSize(data, Math.min(entry.uncompressedSize, maxBytes - actual)).catch(
        (error: unknown) => {
          if (error instanceof RangeError) throw tooLarge();
          throw unreadable();
        },
      );
      actual += size;
    } else throw unreadable();
    if (actual > maxBytes) throw tooLarge();
  }
}
