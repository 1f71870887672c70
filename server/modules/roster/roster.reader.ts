import fs from 'node:fs';
import type { ReadCaps, SheetData, SheetLine, SheetSource, SheetStream } from './roster.sheet';
import { AppError, invalid } from '../../errors';
import { guardZip, zipInMemory, zipOnDisk } from './roster.zip-guard';
import { csvRecords, sniffCsv, unguardFormula } from './roster.csv';
import { xlsxLines } from './roster.xlsx';

export type { ReadCaps, SheetData, SheetLine, SheetSource, SheetStream } from './roster.sheet';

const unreadable = (detail: string) =>
  new AppError(400, 'roster.file_unreadable', { field: 'file', params: { detail } });
const tooManyRows = (max: number) => new AppError(413, 'roster.too_many_rows', { field: 'file', params: { max } });
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/**
 * Opens an uploaded .xlsx (first worksheet) or .csv; the format comes from the content, the name only
 * helps. An .xlsx is checked for its unpacked size first and then read as a stream, row by row, so a
 * file of a million rows never sits in memory whole; a .csv is read twice as a stream, for its encoding
 * and then for its rows.
 */
export async function openSheet(fileName: string, source: SheetSource, caps: ReadCaps): Promise<SheetStream> {
  const extension = fileName.toLowerCase().split('.').pop();
  const head = 'buffer' in source ? source.buffer.subarray(0, 4) : await readHead(source.filePath);
  const isZip = head.equals(ZIP_MAGIC);
  if (isZip && extension !== 'csv') return openXlsx(source, caps);
  if (extension === 'csv' && !isZip) return openCsv(source, caps);
  throw invalid('file', 'roster.file_type');
}

/** Reads a whole sheet into memory (small files, tests). */
export async function readSheet(fileName: string, buffer: Buffer, caps: ReadCaps): Promise<SheetData> {
  const sheet = await openSheet(fileName, { buffer }, caps);
  const rows: SheetLine[] = [];
  for await (const line of sheet.rows) rows.push(line);
  return { headerCells: sheet.headerCells, rows };
}

async function openCsv(source: SheetSource, caps: ReadCaps): Promise<SheetStream> {
  const { encoding, hasNul } = await sniffCsv(source);
  if (hasNul) throw invalid('file', 'roster.file_type');
  const records = csvRecords(source, encoding);
  const header = await records.next();
  async function* rows(): AsyncGenerator<SheetLine> {
    let row = 1;
    let dataRows = 0;
    for await (const cells of records) {
      row += 1;
      if (cells.some((c) => c !== '') && (dataRows += 1) > caps.maxRows) throw tooManyRows(caps.maxRows);
      yield { row, cells: cells.map(unguardFormula) };
    }
  }
  return { headerCells: header.done ? [] : header.value, rows: rows() };
}

async function readHead(filePath: string): Promise<Buffer> {
  const handle = await fs.promises.open(filePath, 'r');
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await handle.read(head, 0, 4, 0);
    return head.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

async function guard(source: SheetSource, caps: ReadCaps): Promise<void> {
  if ('buffer' in source) return guardZip(zipInMemory(source.buffer), caps.maxUnzippedBytes);
  const handle = await fs.promises.open(source.filePath, 'r');
  try {
    const { size } = await handle.stat();
    await guardZip(zipOnDisk(source.filePath, handle, size), caps.maxUnzippedBytes);
  } finally {
    await handle.close();
  }
}

async function openXlsx(source: SheetSource, caps: ReadCaps): Promise<SheetStream> {
  await guard(source, caps);
  const handle = 'buffer' in source ? null : await fs.promises.open(source.filePath, 'r');
  const zip = handle
    ? zipOnDisk((source as { filePath: string }).filePath, handle, (await handle.stat()).size)
    : zipInMemory((source as { buffer: Buffer }).buffer);
  const lines = xlsxLines(zip, caps)[Symbol.asyncIterator]();
  try {
    // xlsxLines yields the header (row 1, blank when the sheet has none) first.
    const first = await lines.next();
    if (first.done) throw unreadable('xlsx');
    async function* rows(): AsyncGenerator<SheetLine> {
      try {
        for (let next = await lines.next(); !next.done; next = await lines.next()) yield next.value;
      } finally {
        await lines.return(undefined);
        await handle?.close();
      }
    }
    return { headerCells: first.value.cells, rows: rows() };
  } catch (error) {
    await handle?.close();
    throw error;
  }
}
