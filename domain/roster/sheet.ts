import { cellText, type Cell } from './cells';
import { placeKindLabels, rosterColumns, type RosterKind } from './columns';
import type { RosterRecordOf } from './records';

/** One data row as read from a file, cells keyed by column key. `row` is the spreadsheet row number. */
export type RowInput = { row: number; cells: Readonly<Record<string, Cell>> };

/** Tolerates what spreadsheet editing does to headers: spaces, full-width brackets, a required-mark `*`. */
export function normaliseHeader(text: string): string {
  return text
    .replace(/\s+/g, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .replace(/^\*+|\*+$/g, '')
    .replace(/m²|m2|平方米/gi, '㎡');
}

export type HeaderMap = { indexByKey: ReadonlyMap<string, number>; missing: string[] };

/**
 * Finds each column by its Chinese header. Every header is required, including optional columns:
 * a missing 产权房屋编码 column must not read as "owns nothing" and wipe ownerships.
 */
export function mapHeaders(kind: RosterKind, headerCells: readonly Cell[]): HeaderMap {
  const positions = new Map<string, number>();
  headerCells.forEach((cell, index) => {
    const header = normaliseHeader(cellText(cell));
    if (header && !positions.has(header)) positions.set(header, index);
  });
  const indexByKey = new Map<string, number>();
  const missing: string[] = [];
  for (const column of rosterColumns[kind]) {
    const index = positions.get(normaliseHeader(column.header));
    if (index === undefined) missing.push(column.header);
    else indexByKey.set(column.key, index);
  }
  return { indexByKey, missing };
}

/** Keys the cells of each row by column; rows with no content at all are dropped (Excel leaves them). */
export function toRowInputs(headers: HeaderMap, rows: readonly { row: number; cells: readonly Cell[] }[]): RowInput[] {
  const inputs: RowInput[] = [];
  for (const { row, cells } of rows) {
    const keyed: Record<string, Cell> = {};
    let isBlank = true;
    for (const [key, index] of headers.indexByKey) {
      const cell = cells[index];
      keyed[key] = cell;
      if (cellText(cell) !== '') isBlank = false;
    }
    if (!isBlank) inputs.push({ row, cells: keyed });
  }
  return inputs;
}

const labelOf = (labels: Readonly<Record<string, string>>, value: string): string =>
  Object.entries(labels).find(([, v]) => v === value)?.[0] ?? '';

/** 8950 → "89.50". */
export function formatAreaCenti(centi: number): string {
  return `${Math.trunc(centi / 100)}.${String(centi % 100).padStart(2, '0')}`;
}

/** A record as the cells of its row, in column order: the exact inverse of validation. */
export function formatRecord<K extends RosterKind>(kind: K, record: RosterRecordOf[K]): string[] {
  const values = record as Record<string, unknown>;
  return rosterColumns[kind].map((column) => {
    const value = values[column.key];
    if (value === null || value === undefined) return '';
    if (column.key === 'isRural') return value ? '乡' : '城';
    if (column.key === 'isDeveloperHeld') return value ? '是' : '否';
    if (column.key === 'kind') return labelOf(placeKindLabels, String(value));
    if (column.type === 'area') return formatAreaCenti(Number(value));
    if (column.type === 'codeList') return (value as string[]).join('；');
    if (column.type === 'enum' && column.labels) return labelOf(column.labels, String(value));
    return String(value);
  });
}

/** The template's example row, in column order. */
export function exampleRow(kind: RosterKind): string[] {
  return rosterColumns[kind].map((column) => column.example);
}
