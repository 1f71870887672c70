import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import { PREVIEW_ID_PATTERN } from '../../../contracts/roster';
import type { Cell } from '../../../domain/roster/cells';
import type { RosterKind } from '../../../domain/roster';
import type { SheetLine, SheetStream } from './roster.sheet';

/*
 * A preview's rows, kept for its commit. The preview (mode `validate`) reads the uploaded file once and
 * keeps the lines it read, serialised, in the data folder; the commit that names the preview reads them
 * back instead of a second upload and a second parse of the .xlsx (a city's file: 62 MB to send again and
 * ~15 s of a worker's CPU). Every check runs again on commit, against the database as it is then.
 *
 * A kept preview belongs to one account, place and kind (all in its file name), lives PREVIEW_TTL_MS and
 * is removed by the commit that writes it; an account keeps one (a new preview removes the older ones),
 * so a staff member cannot fill the disk with previews. The file: a sequence of records, each a 4-byte
 * length and a v8-serialised value; the first is the header ({ version, fileName, headerCells }), the rest
 * are batches of lines.
 */

/** How long a preview can be committed after it was made. */
export const PREVIEW_TTL_MS = 60 * 60 * 1000;
/** How often expired previews are looked for. */
export const PREVIEW_SWEEP_MS = 5 * 60 * 1000;
const PREFIX = 'roster-preview-';
const VERSION = 1;
const BATCH_LINES = 2_500;

export type PreviewKey = { accountId: number; placeId: number; kind: RosterKind; previewId: string };
type Header = { version: number; fileName: string; headerCells: Cell[] };

/** Where a preview is kept: the owner, place and kind are part of the name, so no one else's can be named. */
export function previewPath(dir: string, key: PreviewKey): string {
  if (!PREVIEW_ID_PATTERN.test(key.previewId)) throw new Error('roster preview: not a preview id');
  return path.join(dir, `${PREFIX}${key.accountId}-${key.placeId}-${key.kind}-${key.previewId}.v8`);
}

/** Whether a kept preview exists and is young enough to commit. */
export async function isPreviewKept(filePath: string, now = Date.now()): Promise<boolean> {
  const stat = await fs.promises.stat(filePath).catch(() => null);
  return stat !== null && now - stat.mtimeMs < PREVIEW_TTL_MS;
}

/**
 * Removes expired previews (and pieces a stopped worker left) and, when `accountId` is given, that
 * account's kept previews: the route calls it before each new preview, and a timer every few minutes,
 * so a preview's personal data does not outlive its hour on disk.
 */
export async function sweepPreviews(dir: string, accountId: number | null, now = Date.now()): Promise<void> {
  const names = await fs.promises.readdir(dir).catch(() => [] as string[]);
  const own = accountId === null ? null : `${PREFIX}${accountId}-`;
  await Promise.all(
    names
      .filter((name) => name.startsWith(PREFIX))
      .map(async (name) => {
        const file = path.join(dir, name);
        const stat = await fs.promises.stat(file).catch(() => null);
        if (stat && ((own !== null && name.startsWith(own)) || now - stat.mtimeMs >= PREVIEW_TTL_MS)) {
          await fs.promises.rm(file, { force: true });
        }
      }),
  );
}

/**
 * The sheet as it is read, with every line also written to `filePath` (as `<filePath>.part` until the
 * last line, then renamed). Nothing is written when the rows are never read; a read that fails midway
 * removes the piece.
 */
export function keepPreview(sheet: SheetStream, fileName: string, filePath: string): SheetStream {
  const partPath = `${filePath}.part`;
  async function* rows(): AsyncGenerator<SheetLine> {
    const fd = fs.openSync(partPath, 'w', 0o600);
    let isDone = false;
    try {
      const header: Header = { version: VERSION, fileName, headerCells: sheet.headerCells };
      writeRecord(fd, header);
      let batch: SheetLine[] = [];
      for await (const line of sheet.rows) {
        batch.push(line);
        if (batch.length >= BATCH_LINES) {
          writeRecord(fd, batch);
          batch = [];
        }
        yield line;
      }
      if (batch.length > 0) writeRecord(fd, batch);
      isDone = true;
    } finally {
      fs.closeSync(fd);
      if (isDone) fs.renameSync(partPath, filePath);
      else fs.rmSync(partPath, { force: true });
    }
  }
  return { headerCells: sheet.headerCells, rows: rows() };
}

function writeRecord(fd: number, value: unknown): void {
  const body = v8.serialize(value);
  const length = Buffer.alloc(4);
  length.writeUInt32LE(body.length);
  fs.writeSync(fd, length);
  fs.writeSync(fd, body);
}

/** A kept preview read back as a sheet, with the name of the file it was read from. */
export async function openPreview(filePath: string): Promise<{ fileName: string; sheet: SheetStream }> {
  const handle = await fs.promises.open(filePath, 'r');
  // One buffer for every record, grown as needed: deserialising copies the lines out of it.
  let buffer = Buffer.allocUnsafe(2 ** 20);
  const readRecord = async (): Promise<unknown> => {
    const { bytesRead } = await handle.read(buffer, 0, 4, null);
    if (bytesRead === 0) return null;
    if (bytesRead < 4) throw new Error('roster preview: cut short');
    const length = buffer.readUInt32LE(0);
    if (length > buffer.length) buffer = Buffer.allocUnsafe(length);
    const read = await handle.read(buffer, 0, length, null);
    if (read.bytesRead < length) throw new Error('roster preview: cut short');
    return v8.deserialize(buffer.subarray(0, length));
  };
  try {
    const header = (await readRecord()) as Header | null;
    if (!header || header.version !== VERSION) throw new Error('roster preview: unknown format');
    async function* rows(): AsyncGenerator<SheetLine> {
      try {
        for (let batch = await readRecord(); batch !== null; batch = await readRecord()) {
          yield* batch as SheetLine[];
        }
      } finally {
        await handle.close();
      }
    }
    return { fileName: header.fileName, sheet: { headerCells: header.headerCells, rows: rows() } };
  } catch (error) {
    await handle.close();
    throw error;
  }
}
