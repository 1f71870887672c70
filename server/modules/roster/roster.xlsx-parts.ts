import type { Readable } from 'node:stream';
import { AppError } from '../../errors';
import { XmlScanner, type XmlHandler } from './roster.xml-scan';
import { entryStream, zipEntriesOf, type ZipEntry, type ZipSource } from './roster.zip-guard';

/*
 * The parts of an .xlsx around its first worksheet: which sheet is first (workbook order, as Excel
 * shows the tabs), the shared strings, which cell styles are dates, and the 1904 date system.
 */

export type XlsxParts = {
  sheet: ZipEntry;
  sharedStrings: SharedStrings;
  /** By cell style index (`s`): whether the style's number format shows a date. */
  isDateStyle: boolean[];
  isDate1904: boolean;
};

/** Shared strings stay as UTF-8 bytes (a city's file can hold millions); decoded when a cell asks. */
const MAX_SHARED_STRING_BYTES = 256 * 2 ** 20;
/** Excel's built-in number formats that show dates or times. */
const BUILT_IN_DATES = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56,
  57, 58,
]);

export class SharedStrings {
  private bytes = Buffer.alloc(2 ** 16);
  private used = 0;
  private ends = new Uint32Array(2 ** 12);
  private count = 0;

  add(text: string): void {
    if (this.used + text.length * 3 > this.bytes.length) {
      const size = Math.max(this.bytes.length * 2, this.used + text.length * 3);
      if (size > MAX_SHARED_STRING_BYTES * 2) {
        throw new AppError(413, 'roster.file_too_complex', { field: 'file' });
      }
      const grown = Buffer.alloc(size);
      this.bytes.copy(grown, 0, 0, this.used);
      this.bytes = grown;
    }
    if (this.count === this.ends.length) {
      const grown = new Uint32Array(this.ends.length * 2);
      grown.set(this.ends);
      this.ends = grown;
    }
    this.used += this.bytes.write(text, this.used, 'utf8');
    this.ends[this.count++] = this.used;
  }

  get(index: number): string | undefined {
    if (!(index >= 0 && index < this.count)) return undefined;
    return this.bytes.toString('utf8', index === 0 ? 0 : this.ends[index - 1], this.ends[index]);
  }
}

/** As exceljs decides: a number format with y m d h s b outside quotes and brackets shows a date. */
export function isDateFormat(code: string): boolean {
  return /[ymdhMsb]+/.test(code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

const noText = { close: () => undefined, wantsText: () => false, text: () => undefined };
const unreadable = () => new AppError(400, 'roster.file_unreadable', { field: 'file', params: { detail: 'xlsx' } });

export async function readXlsxParts(zip: ZipSource): Promise<XlsxParts> {
  const entries = await zipEntriesOf(zip);
  const byName = new Map(entries.map((e) => [e.name.toLowerCase(), e]));
  const entry = (name: string) => byName.get(name.toLowerCase());
  const scan = async (part: ZipEntry | undefined, handler: XmlHandler) => {
    if (part) await scanXml(await entryStream(zip, part), handler);
  };

  let firstSheetId: string | undefined;
  let isDate1904 = false;
  await scan(entry('xl/workbook.xml'), {
    open: (name, tag) => {
      if (name === 'sheet' && firstSheetId === undefined) firstSheetId = tag.get('id');
      if (name === 'workbookPr') isDate1904 = ['1', 'true'].includes(tag.get('date1904') ?? '');
    },
    ...noText,
  });
  let target: string | undefined;
  await scan(entry('xl/_rels/workbook.xml.rels'), {
    open: (name, tag) => {
      if (name === 'Relationship' && firstSheetId !== undefined && tag.get('Id') === firstSheetId) {
        target = tag.get('Target');
      }
    },
    ...noText,
  });
  const sheet =
    (target !== undefined
      ? entry(target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`)
      : undefined) ?? entries.find((e) => /^xl\/worksheets\/[^/]+\.xml$/i.test(e.name));
  if (!sheet) throw unreadable();

  const sharedStrings = new SharedStrings();
  let text: string | null = null;
  let depthInPhonetic = 0;
  let isInText = false;
  await scan(entry('xl/sharedStrings.xml'), {
    open: (name, _tag, isEmpty) => {
      if (name === 'si') text = '';
      else if (name === 'rPh') depthInPhonetic += isEmpty ? 0 : 1;
      else if (name === 't') isInText = depthInPhonetic === 0;
    },
    close: (name) => {
      if (name === 't') isInText = false;
      else if (name === 'rPh') depthInPhonetic = Math.max(0, depthInPhonetic - 1);
      else if (name === 'si' && text !== null) {
        sharedStrings.add(text);
        text = null;
      }
    },
    wantsText: () => isInText && text !== null,
    text: (value) => {
      text += value;
    },
  });

  return { sheet, sharedStrings, isDateStyle: await dateStyles(zip, entry('xl/styles.xml')), isDate1904 };
}

async function dateStyles(zip: ZipSource, styles: ZipEntry | undefined): Promise<boolean[]> {
  if (!styles) return [];
  const formats = new Map<number, string>();
  const numberFormatIds: number[] = [];
  let isInCellXfs = false;
  await scanXml(await entryStream(zip, styles), {
    open: (name, tag) => {
      if (name === 'numFmt') formats.set(Number(tag.get('numFmtId')), tag.get('formatCode') ?? '');
      else if (name === 'cellXfs') isInCellXfs = true;
      else if (name === 'xf' && isInCellXfs) numberFormatIds.push(Number(tag.get('numFmtId') ?? 0));
    },
    close: (name) => {
      if (name === 'cellXfs') isInCellXfs = false;
    },
    wantsText: () => false,
    text: () => undefined,
  });
  return numberFormatIds.map((id) => {
    const custom = formats.get(id);
    return custom !== undefined ? isDateFormat(custom) : BUILT_IN_DATES.has(id);
  });
}

/** Scans a whole part through `handler`. */
export async function scanXml(stream: Readable, handler: XmlHandler): Promise<void> {
  const scanner = new XmlScanner(handler);
  for await (const chunk of stream) scanner.write(chunk as Buffer);
  scanner.end();
}
