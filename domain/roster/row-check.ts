import {
  cellText,
  parseAreaCenti,
  parseCode,
  parseCodeList,
  parseDate,
  parseEnum,
  parseInteger,
  parsePhone,
  parseText,
  type Parse,
} from './cells';
import { rosterColumns, type ColumnDefinition, type RosterKind } from './columns';
import type { RosterProblem, RosterProblemCode, RosterWarning, RosterWarningCode } from './problems';
import type { RowInput } from './sheet';

/** A cell's parsed value: text, number, code list, or null when blank or unreadable. */
export type ParsedValue = string | number | string[] | null;

/** One row on its way through validation: parsed values and the problems found so far. */
export class RowCheck {
  readonly parsed: Record<string, ParsedValue> = {};
  readonly problems: RosterProblem[] = [];
  /** Doubts about a valid row: the row is written only when the worker acknowledges them. */
  readonly warnings: RosterWarning[] = [];
  /** Columns that already failed; later checks skip them so each cell reports one reason. */
  readonly failed = new Set<string>();

  constructor(
    readonly kind: RosterKind,
    readonly input: RowInput,
  ) {}

  get row(): number {
    return this.input.row;
  }

  /** Text of a parsed column, or null when blank or unreadable. */
  text(key: string): string | null {
    const value = this.parsed[key];
    return typeof value === 'string' ? value : null;
  }

  /** True when the cell was empty (as opposed to unreadable). */
  isBlank(key: string): boolean {
    return cellText(this.input.cells[key]) === '';
  }

  add(key: string, code: RosterProblemCode, params: Record<string, string | number> = {}): void {
    this.failed.add(key);
    this.problems.push({ ...this.at(key), code, params });
  }

  warn(key: string, code: RosterWarningCode, params: Record<string, string | number> = {}): void {
    this.warnings.push({ ...this.at(key), code, params });
  }

  private at(key: string): { row: number; column: string; value: string } {
    const column = rosterColumns[this.kind].find((c) => c.key === key);
    return { row: this.input.row, column: column?.header ?? key, value: cellText(this.input.cells[key]) };
  }

  get isValid(): boolean {
    return this.problems.length === 0;
  }
}

function parseColumn(column: ColumnDefinition, check: RowCheck): Parse<ParsedValue> {
  const cell = check.input.cells[column.key];
  const text = cellText(cell);
  switch (column.type) {
    case 'code':
      return parseCode(text);
    case 'text':
      return parseText(text, column.maxLength ?? Number.POSITIVE_INFINITY);
    case 'enum':
      return parseEnum(text, column.labels ?? {});
    case 'date':
      return parseDate(typeof cell === 'string' ? text : cell);
    case 'phone':
      return parsePhone(text);
    case 'integer':
      return parseInteger(cell);
    case 'area':
      return parseAreaCenti(cell);
    case 'codeList':
      return parseCodeList(text);
  }
}

/** Reads every cell of a row by its column definition: required, type, length, enum. */
export function parseRow(kind: RosterKind, input: RowInput): RowCheck {
  const check = new RowCheck(kind, input);
  for (const column of rosterColumns[kind]) {
    if (check.isBlank(column.key)) {
      check.parsed[column.key] = column.type === 'codeList' ? [] : null;
      if (column.isRequired) check.add(column.key, 'validation.required');
      continue;
    }
    const result = parseColumn(column, check);
    if (result.ok) check.parsed[column.key] = result.value;
    else {
      check.parsed[column.key] = null;
      check.add(column.key, result.code, result.params ?? {});
    }
  }
  return check;
}

/**
 * Flags later rows that repeat an earlier row's `key`; returns the first row in `checks` for each value.
 * `seen` (value → row number) carries the values of earlier parts of the same file, when a large file
 * is validated a part at a time: it is read and extended.
 */
export function flagDuplicates(
  checks: readonly RowCheck[],
  valueOf: (check: RowCheck) => string | null,
  column: string,
  code: 'roster.duplicate' | 'roster.duplicate_room',
  seen: Map<string, number> = new Map(),
): Map<string, RowCheck> {
  const first = new Map<string, RowCheck>();
  for (const check of checks) {
    const value = valueOf(check);
    if (value === null) continue;
    const earlier = seen.get(value);
    if (earlier !== undefined) check.add(column, code, { row: earlier });
    else {
      seen.set(value, check.row);
      first.set(value, check);
    }
  }
  return first;
}
