/**
 * Phone numbers, ID-card numbers, long digit runs and flats in a text (PIPL: none of them may be
 * published). Pure. Each finder returns spans of the ORIGINAL text: the text is first folded to ASCII
 * digits and separators code unit for code unit (full-width １３８, ＋８６, ideographic space), so the
 * positions found in the folded copy are the original's.
 */

/** What a span hides, and the text the public version shows instead. */
export const spanKinds = ['name', 'phone', 'idCard', 'idCardLike', 'digits', 'flat'] as const;
export type SpanKind = (typeof spanKinds)[number];
export type Span = { start: number; end: number; kind: SpanKind; replacement: string };

export const REPLACEMENT = {
  phone: '（电话略）',
  idCard: '（证件号略）',
  digits: '（号码略）',
  unit: '某单元',
  room: '某室',
} as const;

/** Full-width digits, plus, hyphens, dots, brackets and dashes → ASCII; one code unit each. */
export function foldForScan(text: string): string {
  return text.replace(/[\uFF10-\uFF19\uFF0B\uFF0D\uFF0E\uFF08\uFF09\u2010-\u2015\u2212\u30FC\uFE63]/g, (c) => {
    const code = c.charCodeAt(0);
    if (code >= 0xff10 && code <= 0xff19) return String.fromCharCode(code - 0xff10 + 48);
    if (c === '\uFF0B') return '+';
    if (c === '\uFF0E') return '.';
    if (c === '\uFF08') return '(';
    if (c === '\uFF09') return ')';
    return '-';
  });
}

/** Weights of GB 11643-1999 (ISO 7064 MOD 11-2) for the first 17 digits. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** The check character (0–9 or X) of a citizen ID number's first 17 digits (GB 11643). */
export function idCardCheckDigit(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
}

/** Whether an 18-character ID number (digits, last may be X) carries a correct check digit. */
export function isValidIdCard(id: string): boolean {
  return /^\d{17}[\dXx]$/.test(id) && idCardCheckDigit(id) === id[17]!.toUpperCase();
}

/** Separators people put inside numbers: spaces (also ideographic), hyphens, dots, middle dots, slashes. */
const SEP = '[\\s\\-.·/_]';

/**
 * Mobile numbers (1[3-9]x + 8 digits) with any separators between digits and an optional +86 / 0086 /
 * (86) prefix; landlines with an area code (0xx-xxxxxxxx).
 */
const MOBILE = new RegExp(
  `(?<![0-9])(?:(?:\\+|00)${SEP}*86${SEP}*|\\(\\+?86\\)${SEP}*)?1${SEP}*[3-9](?:${SEP}*[0-9]){9}(?![0-9])`,
  'g',
);
const LANDLINE = /(?<![0-9])\(?0[1-9][0-9]{1,2}\)?[\s\-.]*[2-9][0-9]{2,3}[\s\-.]?[0-9]{4}(?![0-9])/g;
/** 18-character ID numbers, also written in groups 6-8-4 with spaces or hyphens. */
const ID_CARD = /(?<![0-9A-Za-z])([0-9]{6})[\s-]?([0-9]{8})[\s-]?([0-9]{3}[0-9Xx])(?![0-9A-Za-z])/g;
/** Any other run of 15+ digits: first-generation ID numbers, bank cards, social security cards. */
const LONG_DIGITS = /(?<![0-9])[0-9]{15,}(?![0-9])/g;

const CN_NUMBER = '[一二三四五六七八九十百零〇两]{1,3}';
/** 2单元 / 三单元, with the floor and flat that may follow (2单元5楼502室, 2单元0502). */
const UNIT = new RegExp(
  `(?:[0-9]{1,3}|${CN_NUMBER})\\s*单元(?:\\s*[0-9]{1,2}\\s*(?:楼|层))?(?:\\s*[0-9]{3,4}(?:\\s*(?:室|号房|号))?(?![0-9]))?`,
  'g',
);
/** 0301室, 502号房, 502号 (not 12号楼, not 第502号). */
const ROOM = /(?<![第0-9])[0-9]{3,4}\s*(?:室|号房|号(?![楼院线路街巷道]))/g;
/** 5-2-301 (building-unit-flat) → the building stays: 5幢. */
const DASHED_FLAT = /(?<![0-9-])([0-9]{1,3})-([0-9]{1,2})-([0-9]{3,4})(?![0-9-])/g;

function spansOf(pattern: RegExp, text: string, make: (match: RegExpExecArray) => Omit<Span, 'start' | 'end'>) {
  const spans: Span[] = [];
  for (const match of text.matchAll(pattern)) {
    spans.push({ start: match.index, end: match.index + match[0].length, ...make(match) });
  }
  return spans;
}

/**
 * Every phone, ID number, long digit run and flat in `text`. An 18-digit run whose check digit fails is
 * still hidden (kind idCardLike): a mistyped ID number is still someone's ID number.
 */
export function findPersonalNumbers(text: string): Span[] {
  const folded = foldForScan(text);
  return [
    ...spansOf(ID_CARD, folded, (m) => ({
      kind: isValidIdCard(m[1]! + m[2]! + m[3]!) ? 'idCard' : 'idCardLike',
      replacement: REPLACEMENT.idCard,
    })),
    ...spansOf(LONG_DIGITS, folded, () => ({ kind: 'digits', replacement: REPLACEMENT.digits })),
    ...spansOf(MOBILE, folded, () => ({ kind: 'phone', replacement: REPLACEMENT.phone })),
    ...spansOf(LANDLINE, folded, () => ({ kind: 'phone', replacement: REPLACEMENT.phone })),
    ...spansOf(DASHED_FLAT, folded, (m) => ({ kind: 'flat', replacement: `${m[1]}幢${REPLACEMENT.unit}` })),
    ...spansOf(UNIT, folded, () => ({ kind: 'flat', replacement: REPLACEMENT.unit })),
    ...spansOf(ROOM, folded, () => ({ kind: 'flat', replacement: REPLACEMENT.room })),
  ];
}

/** Non-overlapping spans, leftmost first and the longest where two start together. */
export function chooseSpans(spans: readonly Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const chosen: Span[] = [];
  let until = 0;
  for (const span of sorted) {
    if (span.start < until) continue;
    chosen.push(span);
    until = span.end;
  }
  return chosen;
}

/** `text` with each span replaced (spans sorted and disjoint). */
export function applySpans(text: string, spans: readonly Span[]): string {
  let out = '';
  let at = 0;
  for (const span of spans) {
    out += text.slice(at, span.start) + span.replacement;
    at = span.end;
  }
  return out + text.slice(at);
}
