import fs from 'node:fs';
import { pipeline as pipelineOf, Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createInflateRaw } from 'node:zlib';
import { AppError } from '../../errors';

/*
 * An .xlsx is a zip. A few MB of zip can unpack to gigabytes ("zip bomb"): its entries' sizes are
 * checked from the central directory before anything is inflated, then each entry is inflated once
 * into nothing, counting bytes, so a directory that lies about its sizes is caught too. The zip is read
 * in pieces (ZipSource), so an upload streamed to disk is never loaded whole.
 */

export type ZipEntry = {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  offset: number;
};

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const ZIP64_MARK = 0xffffffff;

const unreadable = () => new AppError(400, 'roster.file_unreadable', { field: 'file', params: { detail: 'xlsx' } });

/** A zip's bytes, in memory or in a file, read a piece at a time. */
export type ZipSource = {
  size: number;
  read: (position: number, length: number) => Promise<Buffer>;
  stream: (start: number, length: number) => Readable;
};

export function zipInMemory(zip: Buffer): ZipSource {
  return {
    size: zip.length,
    read: async (position, length) => zip.subarray(position, position + length),
    stream: (start, length) => Readable.from([zip.subarray(start, start + length)]),
  };
}

/** A zip file on disk: `read` through the open handle, `stream` as a file stream over a byte range. */
export function zipOnDisk(filePath: string, handle: fs.promises.FileHandle, size: number): ZipSource {
  return {
    size,
    read: async (position, length) => {
      const start = Math.max(0, position);
      const buffer = Buffer.alloc(Math.max(0, Math.min(length, size - start)));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, start);
      return buffer.subarray(0, bytesRead);
    },
    stream: (start, length) =>
      length > 0
        ? fs.createReadStream(filePath, { start, end: start + length - 1, highWaterMark: 2 ** 20 })
        : Readable.from([]),
  };
}

/** The entries listed in the zip's central directory (zip64 is refused: no roster file needs 4 GB). */
export async function zipEntriesOf(source: ZipSource): Promise<ZipEntry[]> {
  const tailStart = Math.max(0, source.size - 22 - 0xffff);
  const tail = await source.read(tailStart, source.size - tailStart);
  let end = -1;
  for (let i = tail.length - 22; i >= 0; i -= 1) {
    if (tail.readUInt32LE(i) === EOCD) {
      end = i;
      break;
    }
  }
  if (end < 0) throw unreadable();
  const count = tail.readUInt16LE(end + 10);
  const directorySize = tail.readUInt32LE(end + 12);
  const directoryStart = tail.readUInt32LE(end + 16);
  if (directoryStart + directorySize > source.size) throw unreadable();
  const directory = await source.read(directoryStart, directorySize);
  let at = 0;
  const entries: ZipEntry[] = [];
  for (let n = 0; n < count; n += 1) {
    if (at + 46 > directory.length || directory.readUInt32LE(at) !== CENTRAL) throw unreadable();
    const nameLength = directory.readUInt16LE(at + 28);
    const entry: ZipEntry = {
      method: directory.readUInt16LE(at + 10),
      compressedSize: directory.readUInt32LE(at + 20),
      uncompressedSize: directory.readUInt32LE(at + 24),
      offset: directory.readUInt32LE(at + 42),
      name: directory.toString('utf8', at + 46, at + 46 + nameLength),
    };
    if ([entry.compressedSize, entry.uncompressedSize, entry.offset].includes(ZIP64_MARK)) throw unreadable();
    entries.push(entry);
    at += 46 + nameLength + directory.readUInt16LE(at + 30) + directory.readUInt16LE(at + 32);
  }
  return entries;
}

/** The entries of a zip in memory (tests look at what a file declares). */
export const zipEntries = (zip: Buffer): Promise<ZipEntry[]> => zipEntriesOf(zipInMemory(zip));

/** Where an entry's (compressed) data lies in the zip, after its local header. */
async function dataOf(source: ZipSource, entry: ZipEntry): Promise<{ start: number; length: number }> {
  const local = await source.read(entry.offset, 30);
  if (local.length < 30 || local.readUInt32LE(0) !== LOCAL) throw unreadable();
  const start = entry.offset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
  return { start, length: Math.max(0, Math.min(entry.compressedSize, source.size - start)) };
}

/** One entry's unpacked bytes as a stream (stored or deflated; other methods are refused). */
export async function entryStream(source: ZipSource, entry: ZipEntry): Promise<Readable> {
  const { start, length } = await dataOf(source, entry);
  if (entry.method === 0) return source.stream(start, length);
  if (entry.method !== 8) throw unreadable();
  // Callback pipeline: a read error destroys the inflater with it, so the consumer sees it.
  return pipelineOf(source.stream(start, length), createInflateRaw({ chunkSize: 256 * 1024 }), () => undefined);
}

/** Inflates one entry into nothing; resolves to its true size, rejects once it passes `limit` bytes. */
async function inflatedSize(data: Readable, limit: number): Promise<number> {
  let size = 0;
  const count = new Writable({
    write(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      done(size > limit ? new RangeError('over limit') : null);
    },
  });
  await pipeline(data, createInflateRaw(), count);
  return size;
}

/**
 * Refuses (413 `roster.file_too_large_unzipped`) an .xlsx whose entries unpack to more than
 * `maxBytes` in all, by their declared sizes first and then by their real ones.
 */
export async function guardZip(source: ZipSource, maxBytes: number): Promise<void> {
  const tooLarge = () =>
    new AppError(413, 'roster.file_too_large_unzipped', {
      field: 'file',
      params: { maxMb: Math.round(maxBytes / 2 ** 20) },
    });
  const entries = await zipEntriesOf(source);
  const declared = entries.reduce((sum, e) => sum + e.uncompressedSize, 0);
  if (declared > maxBytes) throw tooLarge();
  let actual = 0;
  for (const entry of entries) {
    const { start, length } = await dataOf(source, entry);
    if (entry.method === 0) {
      actual += length;
    } else if (entry.method === 8) {
      // The declared size is what the reader will trust: more than that is a lie, refused as too large.
      const size = await inflatedSize(
        source.stream(start, length),
        Math.min(entry.uncompressedSize, maxBytes - actual),
      ).catch((error: unknown) => {
        if (error instanceof RangeError) throw tooLarge();
        throw unreadable();
      });
      actual += size;
    } else throw unreadable();
    if (actual > maxBytes) throw tooLarge();
  }
}
