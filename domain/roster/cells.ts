import { PHONE_PATTERN, normalisePhone } from '../people/phone';
import { MAX_CODE_LENGTH } from './columns';
import type { RosterProblemCode } from './problems';

/** One spreadsheet cell as a reader hands it over: text from CSV, typed values from .xlsx. */
export type Cell = string | number | boolean | Date | null | undefined;

export type Parse<T> =
  { ok: true; value: T } | { ok: false; code: RosterProblemCode; params?: Record<string, string | number> };

const ok = <T>(value: T): Parse<T> => ({ ok: true, value });
const fail = <T>(code: RosterProblemCode, params?: Record<string, string | number>): Parse<T> => ({
  ok: false,
  code,
  params,
});

/** A cell as trimmed text; dates become YYYY-MM-DD (their UTC calendar day, as exceljs stores them). */
export function cellText(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : cell.toISOString().slice(0, 10);
  return String(cell).trim();
}

/** Length in characters as people count them (code points, so 𠮷 is one). */
export function charLength(text: string): number {
  return [...text].length;
}

const CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Roster codes: letters, digits, `-`, `_`, `.`; they key every upsert, so no spaces or separators. */
export function parseCode(text: string): Parse<string> {
  if (charLength(text) > MAX_CODE_LENGTH) return fail('validation.too_long', { max: MAX_CODE_LENGTH });
  return CODE_PATTERN.test(text) ? ok(text) : fail('roster.code_format');
}

/** Several codes separated by `；` `;` `,` `，` or `、`: deduplicated and sorted, so comparisons are stable. */
export function parseCodeList(text: string): Parse<string[]> {
  const codes = text
    .split(/[;；,，、]+/)
    .map((c) => c.trim())
    .filter(Boolean);
  for (const code of codes) {
    const parsed = parseCode(code);
    if (!parsed.ok) return parsed.code === 'validation.too_long' ? parsed : fail('roster.code_list_format');
  }
  return ok([...new Set(codes)].sort());
}

export function parseText(text: string, maxLength: number): Parse<string> {
  return charLength(text) > maxLength ? fail('validation.too_long', { max: maxLength }) : ok(text);
}

export function parseEnum(text: string, labels: Readonly<Record<string, string>>): Parse<string> {
  const value = Object.hasOwn(labels, text) ? labels[text] : undefined;
  return value === undefined ? fail('roster.enum', { allowed: Object.keys(labels).join('、') }) : ok(value);
}

export function parsePhone(text: string): Parse<string> {
  const phone = normalisePhone(text);
  return PHONE_PATTERN.test(phone) ? ok(phone) : fail('validation.phone');
}

/** Whole numbers of up to four digits (floors run from basements to towers). */
export function parseInteger(cell: Cell): Parse<number> {
  const text = cellText(cell);
  if (!/^[+-]?\d{1,4}$/.test(text)) return fail('roster.integer');
  const value = Number(text);
  return ok(value === 0 ? 0 : value);
}

/**
 * A decimal area in m² → integer hundredths, exactly: the digits are read as text, never through a float
 * multiply (89.55 × 100 is 8954.999… in binary). More than two non-zero decimals, zero or negative fail.
 */
export function parseAreaCenti(cell: Cell): Parse<number> {
  const text = cellText(cell);
  const match = /^\+?(\d{1,9})(?:\.(\d{0,2})0*)?$/.exec(text);
  if (!match) return fail('roster.area');
  const whole = Number(match[1]);
  const hundredths = Number((match[2] ?? '').padEnd(2, '0'));
  const centi = whole * 100 + hundredths;
  return centi > 0 ? ok(centi) : fail('roster.area');
}

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
const twoDigits = (n: number) => (n < 10 ? `0${n}` : String(n));

/** The day as YYYY-MM-DD if it exists (Gregorian; years 100–9999), without a Date: a city's file has a million. */
function isoDay(year: number, month: number, day: number): string | undefined {
  if (year < 100 || month < 1 || month > 12 || day < 1) return undefined;
  if (day > (month === 2 && isLeap(year) ? 29 : DAYS_IN_MONTH[month - 1]!)) return undefined;
  return `${year < 1000 ? `0${year}` : year}-${twoDigits(month)}-${twoDigits(day)}`;
}

/**
 * A calendar day as YYYY-MM-DD from: ISO text, `1990/1/2`, `1990.1.2`, `1990年1月2日`, an .xlsx date cell,
 * or an Excel serial day number (what a date becomes when its cell lost the date format).
 */
export function parseDate(cell: Cell): Parse<string> {
  if (cell instanceof Date) {
    return Number.isNaN(cell.getTime()) ? fail('validation.date') : ok(cell.toISOString().slice(0, 10));
  }
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell) || cell < 1 || cell > 2_958_465) return fail('validation.date');
    return ok(new Date(EXCEL_EPOCH_MS + Math.floor(cell) * DAY_MS).toISOString().slice(0, 10));
  }
  const text = cellText(cell);
  const match = /^(\d{4})(?:[-/.]|年)(\d{1,2})(?:[-/.]|月)(\d{1,2})日?$/.exec(text);
  if (!match) return fail('validation.date');
  // Written the right way but no such day (1990-02-30, month 13): say so, not "wrong format".
  const iso = isoDay(Number(match[1]), Number(match[2]), Number(match[3]));
  return iso ? ok(iso) : fail('roster.date_nonexistent');
}
