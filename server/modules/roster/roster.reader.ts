// First: ExcelJS's streaming reader needs its UTF-8 fix in place before exceljs loads.
import { isExcelStreamFixed } from './roster.exceljs-utf8';
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import { Readable } from 'node:stream';
import type { Cell } from '../../../domain/roster/cells';
import { AppError, invalid } from '../../errors';
import { guardZip, zipInMemory, zipOnDisk } from './roster.zip-guard';
import { csvRecords, sniffCsv, unguardFormula } from './roster.csv';

/** One line of a sheet: its spreadsheet row number (header = 1) and its cells by column. */
export type SheetLine = { row: number; cells: Cell[] };
/** A sheet as read from a file: the header row and the data rows with their spreadsheet row numbers. */
export type SheetData = { headerCells: Cell[]; rows: SheetLine[] };
/** A sheet read as a stream: the header first, then the data rows one at a time. */
export type SheetStream = { headerCells: Cell[]; rows: AsyncIterable<SheetLine> };

/** What one import file may hold (config.roster): rows, and the bytes an .xlsx unpacks to. */
export type ReadCaps = { maxRows: number; maxUnzippedBytes: number };
/** An uploaded file: on disk (the import route streams uploads there) or in memory. */
export type SheetSource = { filePath: string } | { buffer: Buffer };

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

function xlsxCell(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object' || value instanceof Date) return value;
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('hyperlink' in value) return value.text;
  if ('formula' in value || 'sharedFormula' in value) {
    const result = value.result;
    return result !== null && typeof result === 'object' && !(result instanceof Date) ? null : result;
  }
  return null;
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
  if (!isExcelStreamFixed()) throw new Error('roster: exceljs was loaded before its streaming UTF-8 fix');
  await guard(source, caps);
  const input = 'buffer' in source ? Readable.from([source.buffer]) : fs.createReadStream(source.filePath);
  // Styles are read so date-formatted numbers come back as dates; hyperlinks and other parts are skipped.
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const lines = xlsxLines(workbook, caps)[Symbol.asyncIterator]();
  // xlsxLines yields the header (row 1, blank when the sheet has none) first.
  const first = await lines.next();
  if (first.done) throw unreadable('xlsx');
  async function* rows(): AsyncGenerator<SheetLine> {
    for (let next = await lines.next(); !next.done; next = await lines.next()) yield next.value;
  }
  return { headerCells: first.value.cells, rows: rows() };
}

/** The first worksheet's header (row 1) and then its non-empty rows; the row cap counts data rows. */
async function* xlsxLines(workbook: ExcelJS.stream.xlsx.WorkbookReader, caps: ReadCaps): AsyncGenerator<SheetLine> {
  let hasSheet = false;
  let dataRows = 0;
  try {
    for await (const sheet of workbook) {
      hasSheet = true;
      // A sheet with no rows at all still has a (blank) header.
      let isEmpty = true;
      for await (const row of sheet) {
        // exceljs numbers columns from 1.
        const cells: Cell[] = [];
        row.eachCell({ includeEmpty: false }, (cell, column) => {
          cells[column - 1] = xlsxCell(cell.value);
        });
        if (row.number !== 1 && cells.length === 0) continue;
        if (row.number !== 1 && (dataRows += 1) > caps.maxRows) throw tooManyRows(caps.maxRows);
        if (isEmpty && row.number !== 1) yield { row: 1, cells: [] };
        isEmpty = false;
        yield { row: row.number, cells };
      }
      if (isEmpty) yield { row: 1, cells: [] };
      break; // only the first worksheet is read
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw unreadable('xlsx');
  }
  if (!hasSheet) throw unreadable('xlsx');
}
