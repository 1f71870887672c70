// First: ExcelJS's streaming reader needs its UTF-8 fix in place before exceljs loads.
import './roster.exceljs-utf8';
import ExcelJS from 'exceljs';
import { once } from 'node:events';
import fs from 'node:fs';
import { exampleRow, rosterColumns, rosterKindLabels, type RosterKind, type SheetFormat } from '../../../domain/roster';
import { csvField } from './roster.csv';

export { readSheet, openSheet, type ReadCaps, type SheetData, type SheetSource } from './roster.reader';
export type { SheetFormat };

export const contentTypes: Record<SheetFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

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
