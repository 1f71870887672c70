import type { Cell } from '../../../domain/roster/cells';

/** UTF-8 (with or without BOM) unless the bytes are not valid UTF-8: then GB18030, as Chinese Excel saves CSV. */
export function decodeCsv(buffer: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(buffer);
  } catch {
    return new TextDecoder('gb18030').decode(buffer);
  }
}

/** RFC 4180: quoted fields may hold commas, doubled quotes and line breaks; rows end in CRLF or LF. */
export function splitCsv(text: string): { headerCells: Cell[]; rows: { row: number; cells: Cell[] }[] } {
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
export const guardFormula = (text: string) => (formulaStart.test(text) ? `'${text}` : text);
const unguardFormula = (text: string) => (/^'[=+@-]/.test(text) ? text.slice(1) : text);

export function csvField(text: string): string {
  const guarded = guardFormula(text);
  return /[",\r\n]/.test(guarded) ? `"${guarded.replaceAll('"', '""')}"` : guarded;
}
