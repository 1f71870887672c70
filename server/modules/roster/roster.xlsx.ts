import type { Cell } from '../../../domain/roster/cells';
import { AppError } from '../../errors';
import type { ReadCaps, SheetLine } from './roster.sheet';
import { readXlsxParts, type XlsxParts } from './roster.xlsx-parts';
import { XmlScanner, type XmlHandler } from './roster.xml-scan';
import { entryStream, type ZipSource } from './roster.zip-guard';

/*
 * The first worksheet of an .xlsx, streamed row by row with a small XML scanner (ExcelJS's streaming
 * reader managed a few thousand rows a second; a city's million residents need far more). Cells come
 * out as ExcelJS gave them: shared and inline strings as text, numbers, booleans, and numbers in a date
 * format as Dates; a formula gives its cached result; error cells are blank.
 */

const unreadable = () => new AppError(400, 'roster.file_unreadable', { field: 'file', params: { detail: 'xlsx' } });
const tooManyRows = (max: number) => new AppError(413, 'roster.too_many_rows', { field: 'file', params: { max } });

/** Days since 1900 (or 1904) as Excel counts them, as a Date at that UTC instant (as exceljs does). */
const excelDate = (days: number, isDate1904: boolean) =>
  new Date(Math.round((days - 25569 + (isDate1904 ? 1462 : 0)) * 86_400_000));

/**
 * The first worksheet's header (row 1, blank when the sheet has none) and then its non-empty rows; the
 * row cap counts data rows. Anything unreadable is a 400 `roster.file_unreadable`.
 */
export async function* xlsxLines(zip: ZipSource, caps: ReadCaps): AsyncGenerator<SheetLine> {
  try {
    const parts = await readXlsxParts(zip);
    const lines: SheetLine[] = [];
    const scanner = new XmlScanner(sheetHandler(parts, caps, (line) => lines.push(line)));
    let isEmpty = true;
    const drain = function* () {
      for (const line of lines) {
        if (isEmpty && line.row !== 1) yield { row: 1, cells: [] };
        isEmpty = false;
        yield line;
      }
      lines.length = 0;
    };
    for await (const chunk of await entryStream(zip, parts.sheet)) {
      scanner.write(chunk as Buffer);
      yield* drain();
    }
    scanner.end();
    yield* drain();
    if (isEmpty) yield { row: 1, cells: [] };
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw unreadable();
  }
}

/** The sheet's tags as rows of cells; each finished row goes to `emit` (blank data rows are dropped). */
function sheetHandler(parts: XlsxParts, caps: ReadCaps, emit: (line: SheetLine) => void): XmlHandler {
  const { sharedStrings, isDateStyle, isDate1904 } = parts;
  let isInRows = false;
  let dataRows = 0;
  let row = 0;
  let cells: Cell[] | null = null;
  let column = 0;
  // The open cell: its column, style and type; its value and formula text (undefined: not given).
  let isInCell = false;
  let style = 0;
  let type = '';
  let value: string | undefined;
  let formula: string | undefined;
  let target: 'value' | 'formula' | null = null;
  let isInInline = false;
  let depthInPhonetic = 0;

  const finishCell = () => {
    isInCell = false;
    target = null;
    if (formula !== undefined) cells![column - 1] = formulaResult();
    else if (value !== undefined) {
      const cell = cellValue(value);
      if (cell !== undefined) cells![column - 1] = cell;
    }
  };
  const formulaResult = (): Cell => {
    if (value === undefined) return undefined;
    if (type === 'str') return value;
    if (type === 'b') return parseInt(value, 10) !== 0;
    return type === 'e' ? null : parseFloat(value);
  };
  const cellValue = (text: string): Cell => {
    switch (type) {
      case 's':
        return sharedStrings.get(parseInt(text, 10));
      case 'str':
      case 'inlineStr':
        return text;
      case 'e':
        return null;
      case 'b':
        return parseInt(text, 10) !== 0;
      case 'd':
        return new Date(text);
      default: {
        const number = parseFloat(text);
        return isDateStyle[style] === true ? excelDate(number, isDate1904) : number;
      }
    }
  };
  const finishRow = () => {
    const line = { row, cells: cells! };
    cells = null;
    if (row !== 1 && line.cells.length === 0) return;
    if (row !== 1 && (dataRows += 1) > caps.maxRows) throw tooManyRows(caps.maxRows);
    emit(line);
  };

  return {
    open(name, tag, isEmpty) {
      if (name === 'c') {
        if (!cells) return;
        column = tag.column('r') || column + 1;
        style = tag.integer('s') ?? 0;
        type = tag.get('t') ?? 'n';
        value = undefined;
        formula = undefined;
        isInCell = true;
        isInInline = false;
        depthInPhonetic = 0;
      } else if (name === 'v' && isInCell) {
        value = '';
        target = 'value';
      } else if (name === 'f' && isInCell) {
        formula = '';
        target = 'formula';
      } else if (name === 'is' && isInCell) {
        value = '';
        isInInline = true;
      } else if (name === 't' && isInCell && isInInline && depthInPhonetic === 0) {
        target = 'value';
      } else if (name === 'rPh' && !isEmpty) depthInPhonetic += 1;
      else if (name === 'row' && isInRows) {
        row = tag.integer('r') ?? row + 1;
        cells = [];
        column = 0;
      } else if (name === 'sheetData') isInRows = !isEmpty;
    },
    close(name) {
      if (name === 'v' || name === 'f' || name === 't') target = null;
      else if (name === 'c') {
        if (isInCell) finishCell();
      } else if (name === 'rPh') depthInPhonetic = Math.max(0, depthInPhonetic - 1);
      else if (name === 'is') isInInline = false;
      else if (name === 'row') {
        if (cells) finishRow();
      } else if (name === 'sheetData') isInRows = false;
    },
    wantsText: () => target !== null,
    text(text) {
      if (target === 'value') value += text;
      else if (target === 'formula') formula += text;
    },
  };
}
