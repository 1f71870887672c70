// First: ExcelJS's streaming reader needs its UTF-8 fix in place before exceljs loads.
import { isExcelStreamFixed } from './roster.exceljs-utf8';
import ExcelJS from 'exceljs';
import type { FastifyRequest } from 'fastify';
import { once } from 'node:events';
import fs from 'node:fs';
import { Readable } from 'node:stream';
import type { Cell } from '../../../domain/roster/cells';
import { exampleRow, rosterColumns, rosterKindLabels, type RosterKind, type SheetFormat } from '../../../domain/roster';
import { AppError, invalid } from '../../errors';
import { guardZip } from './roster.zip-guard';
import { assertReadableText } from '../../plugins/text-input';

/** A sheet as read from a file: the header row and the data rows with their spreadsheet row numbers. */
export type SheetData = { headerCells: Cell[]; rows: { row: number; cells: Cell[] }[] };
export type { SheetFormat };

export const contentTypes: Record<SheetFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};
export const MAX_FILE_MB = 30;

const unreadable = (detail: string) =>
  new AppError(400, 'roster.file_unreadable', { field: 'file', params: { detail } });

/** What one import file may hold (config.roster): rows, and the bytes an .xlsx unpacks to. */
export type ReadCaps = { maxRows: number; maxUnzippedBytes: number };

const tooManyRows = (max: number) => new AppError(413, 'roster.too_many_rows', { field: 'file', params: { max } });

/**
 * Reads an uploaded .xlsx (first worksheet) or .csv; the format comes from the content, the name only
 * helps. An .xlsx is checked for its unpacked size first and then read as a stream, row by row.
 */
export async function readSheet(fileName: string, buffer: Buffer, caps: ReadCaps): Promise<SheetData> {
  const isZip = buffer.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
  const extension = fileName.toLowerCase().split('.').pop();
  if (isZip && extension !== 'csv') return readXlsx(buffer, caps);
  if (extension === 'csv' && !isZip && !buffer.includes(0)) {
    const sheet = splitCsv(decodeCsv(buffer));
    if (sheet.rows.filter((r) => r.cells.some((c) => c !== '')).length > caps.maxRows) throw tooManyRows(caps.maxRows);
    return sheet;
  }
  throw invalid('file', 'roster.file_type');
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

async function readXlsx(buffer: Buffer, caps: ReadCaps): Promise<SheetData> {
  if (!isExcelStreamFixed()) throw new Error('roster: exceljs was loaded before its streaming UTF-8 fix');
  await guardZip(buffer, caps.maxUnzippedBytes);
  // Styles are read so date-formatted numbers come back as dates; hyperlinks and other parts are skipped.
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([buffer]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const data: SheetData = { headerCells: [], rows: [] };
  let hasSheet = false;
  try {
    for await (const sheet of workbook) {
      hasSheet = true;
      for await (const row of sheet) {
        // exceljs numbers columns from 1.
        const cells: Cell[] = [];
        row.eachCell({ includeEmpty: false }, (cell, column) => {
          cells[column - 1] = xlsxCell(cell.value);
        });
        if (row.number === 1) data.headerCells = cells;
        else if (cells.length > 0) {
          if (data.rows.length >= caps.maxRows) throw tooManyRows(caps.maxRows);
          data.rows.push({ row: row.number, cells });
        }
      }
      break; // only the first worksheet is read
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw unreadable('xlsx');
  }
  if (!hasSheet) throw unreadable('xlsx');
  return data;
}

/** UTF-8 (with or without BOM) unless the bytes are not valid UTF-8: then GB18030, as Chinese Excel saves CSV. */
export function decodeCsv(buffer: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(buffer);
  } catch {
    return new TextDecoder('gb18030').decode(buffer);
  }
}

/** RFC 4180: quoted fields may hold commas, doubled quotes and line breaks; rows end in CRLF or LF. */
export function splitCsv(text: string): SheetData {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let isQuoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (isQuoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') isQuoted = false;
      else field += char;
    } else if (char === '"' && field === '') isQuoted = true;
    else if (char === ',') {
      record.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += char;
  }
  if (field !== '' || record.length > 0) records.push([...record, field]);
  const [header = [], ...rest] = records;
  return {
    headerCells: header,
    rows: rest.map((cells, index) => ({ row: index + 2, cells: cells.map(unguardFormula) })),
  };
}

/** Spreadsheet apps run a CSV cell starting with = + - @ as a formula: exports guard such text with a quote. */
const formulaStart = /^[=+@]|^-(?!\d)/;
const guardFormula = (text: string) => (formulaStart.test(text) ? `'${text}` : text);
const unguardFormula = (text: string) => (/^'[=+@-]/.test(text) ? text.slice(1) : text);

function csvField(text: string): string {
  const guarded = guardFormula(text);
  return /[",\r\n]/.test(guarded) ? `"${guarded.replaceAll('"', '""')}"` : guarded;
}

/** CSV with a UTF-8 BOM (so Excel opens Chinese correctly) and CRLF line ends. */
export function writeCsv(kind: RosterKind, rows: readonly string[][]): Buffer {
  const lines = [rosterColumns[kind].map((c) => c.header), ...rows].map((cells) => cells.map(csvField).join(','));
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

/**
 * An .xlsx with the kind's columns: codes, phones and dates as text (Excel must not turn 001 into 1),
 * floors and areas as numbers. Templates add the 说明 sheet with the rules and an example row.
 */
export async function writeXlsx(kind: RosterKind, rows: readonly string[][], withGuide: boolean): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(rosterKindLabels[kind], { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columnsOf(kind);
  sheet.getRow(1).font = { bold: true };
  for (const cells of rows) sheet.addRow(typedCells(kind, cells));
  if (withGuide) addGuide(workbook, kind);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const columnsOf = (kind: RosterKind) =>
  rosterColumns[kind].map((c) => ({
    header: c.header,
    key: c.key,
    width: Math.max(12, c.header.length * 2 + 4, c.type === 'codeList' ? 28 : 0),
    style: { numFmt: c.type === 'area' ? '0.00' : c.type === 'integer' ? '0' : '@' },
  }));

const typedCells = (kind: RosterKind, cells: readonly string[]) =>
  cells.map((text, i) => {
    const type = rosterColumns[kind][i]?.type;
    return text !== '' && (type === 'area' || type === 'integer') ? Number(text) : text;
  });

/**
 * Writes an export to `filePath` as batches of rows arrive, without holding the workbook in memory:
 * the streaming .xlsx writer commits each row as it goes; CSV lines go straight to the file.
 */
export async function writeRosterFile(
  filePath: string,
  kind: RosterKind,
  format: SheetFormat,
  batches: AsyncIterable<readonly string[][]>,
): Promise<void> {
  if (format === 'csv') {
    const out = fs.createWriteStream(filePath);
    const write = async (text: string) => {
      if (!out.write(text)) await once(out, 'drain');
    };
    await write(`\uFEFF${rosterColumns[kind].map((c) => csvField(c.header)).join(',')}\r\n`);
    for await (const rows of batches) {
      await write(rows.map((cells) => `${cells.map(csvField).join(',')}\r\n`).join(''));
    }
    out.end();
    await once(out, 'close');
    return;
  }
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: filePath,
    useStyles: true,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet(rosterKindLabels[kind], { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columnsOf(kind);
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  for await (const rows of batches) {
    for (const cells of rows) sheet.addRow(typedCells(kind, cells)).commit();
  }
  sheet.commit();
  await workbook.commit();
}

function addGuide(workbook: ExcelJS.Workbook, kind: RosterKind): void {
  const guide = workbook.addWorksheet('说明');
  guide.columns = [
    { header: '列名', width: 18 },
    { header: '必填', width: 8 },
    { header: '规则', width: 60 },
    { header: '示例', width: 26 },
  ];
  guide.getRow(1).font = { bold: true };
  for (const c of rosterColumns[kind]) guide.addRow([c.header, c.isRequired ? '是' : '否', c.rule, c.example]);
  guide.addRow([]);
  guide.addRow(['示例行（复制到第一个工作表的第 2 行起）']).font = { bold: true };
  guide.addRow(rosterColumns[kind].map((c) => c.header));
  guide.addRow(exampleRow(kind));
  guide.addRow([]);
  guide.addRow(['第 1 行是表头，请勿修改；只读取第一个工作表。同一编码再次导入即更新，内容相同则不变。']);
}

/** `attachment` with an ASCII fallback and the RFC 5987 UTF-8 name for Chinese file names. */
export function contentDisposition(fileName: string, asciiFallback: string): string {
  const ascii = asciiFallback.replace(/[^A-Za-z0-9._-]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export type ImportForm = { fields: Record<string, string>; file: { fileName: string; buffer: Buffer } | null };

/** Collects the multipart form: the one file (buffered, ≤ 30 MB) and the text fields, in any order. */
export async function readImportForm(request: FastifyRequest): Promise<ImportForm> {
  if (!request.isMultipart()) throw invalid('file', 'roster.file_missing');
  const form: ImportForm = { fields: {}, file: null };
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file' && part.filename) assertReadableText(part.filename, 'file');
      if (part.type === 'file') {
        const buffer = await part.toBuffer();
        if (part.fieldname === 'file') form.file = { fileName: part.filename || 'upload', buffer };
      } else form.fields[part.fieldname] = String(part.value);
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new AppError(413, 'roster.file_too_large', { field: 'file', params: { maxMb: MAX_FILE_MB } });
    }
    throw unreadable('multipart');
  }
  return form;
}
