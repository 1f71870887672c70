import fs from 'node:fs';
import { Readable } from 'node:stream';

/*
 * CSV as Chinese spreadsheet apps save it, read as a stream: the encoding is chosen from the whole
 * file first (UTF-8, with or without BOM, unless its bytes are not valid UTF-8: then GB18030), then the
 * text is decoded and split into records chunk by chunk, so a city's file never sits in memory whole.
 */

export type CsvEncoding = 'utf-8' | 'gb18030';
type Bytes = { filePath: string } | { buffer: Buffer };

const chunksOf = (source: Bytes): AsyncIterable<Buffer> =>
  'buffer' in source ? Readable.from([source.buffer]) : fs.createReadStream(source.filePath);

/** The file's encoding, and whether it holds a NUL byte (then it is no text file). */
export async function sniffCsv(source: Bytes): Promise<{ encoding: CsvEncoding; hasNul: boolean }> {
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  let isUtf8 = true;
  let hasNul = false;
  for await (const chunk of chunksOf(source)) {
    if (chunk.includes(0)) hasNul = true;
    if (isUtf8) {
      try {
        utf8.decode(chunk, { stream: true });
      } catch {
        isUtf8 = false;
      }
    }
  }
  if (isUtf8) {
    try {
      utf8.decode();
    } catch {
      isUtf8 = false;
    }
  }
  return { encoding: isUtf8 ? 'utf-8' : 'gb18030', hasNul };
}

/**
 * RFC 4180, fed text a piece at a time: quoted fields may hold commas, doubled quotes and line breaks;
 * records end in CRLF or LF. A doubled quote or a CRLF cut between two pieces is read as one.
 */
export class CsvSplitter {
  private field = '';
  private record: string[] = [];
  private isQuoted = false;
  /** A quote was seen inside a quoted field: the next character tells a doubled quote from the end. */
  private isQuoteOpen = false;
  /** The record ended on CR: an LF right after it belongs to the same line end. */
  private isAfterCr = false;

  /** The records completed by this piece of text. */
  push(text: string): string[][] {
    const records: string[][] = [];
    for (let i = 0; i < text.length; i++) {
      const char = text[i]!;
      if (this.isAfterCr) {
        this.isAfterCr = false;
        if (char === '\n') continue;
      }
      if (this.isQuoteOpen) {
        this.isQuoteOpen = false;
        if (char === '"') {
          this.field += '"';
          continue;
        }
        this.isQuoted = false;
      } else if (this.isQuoted) {
        if (char === '"') this.isQuoteOpen = true;
        else this.field += char;
        continue;
      }
      if (char === '"' && this.field === '') this.isQuoted = true;
      else if (char === ',') {
        this.record.push(this.field);
        this.field = '';
      } else if (char === '\n' || char === '\r') {
        this.isAfterCr = char === '\r';
        this.record.push(this.field);
        records.push(this.record);
        this.record = [];
        this.field = '';
      } else this.field += char;
    }
    return records;
  }

  /** The last record, when the text did not end with a line end. */
  end(): string[][] {
    const last = this.field !== '' || this.record.length > 0 ? [[...this.record, this.field]] : [];
    this.field = '';
    this.record = [];
    return last;
  }
}

/** The records of a CSV file or buffer, decoded as `encoding` (a BOM is dropped), one at a time. */
export async function* csvRecords(source: Bytes, encoding: CsvEncoding): AsyncGenerator<string[]> {
  const decoder = new TextDecoder(encoding);
  const splitter = new CsvSplitter();
  for await (const chunk of chunksOf(source)) yield* splitter.push(decoder.decode(chunk, { stream: true }));
  yield* splitter.push(decoder.decode());
  yield* splitter.end();
}

/** Spreadsheet apps run a CSV cell starting with = + - @ as a formula: exports guard such text with a quote. */
const formulaStart = /^[=+@]|^-(?!\d)/;
export const guardFormula = (text: string) => (formulaStart.test(text) ? `'${text}` : text);
export const unguardFormula = (text: string) => (/^'[=+@-]/.test(text) ? text.slice(1) : text);

export function csvField(text: string): string {
  const guarded = guardFormula(text);
  return /[",\r\n]/.test(guarded) ? `"${guarded.replaceAll('"', '""')}"` : guarded;
}
