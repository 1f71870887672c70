/*
 * A small streaming XML scanner for the parts of an .xlsx the roster reads (sheet, shared strings,
 * styles, workbook). It works on the bytes: markup is never decoded, only the names it is asked about
 * are recognised and only the text a handler wants is turned into strings, so a million-row sheet (half
 * a gigabyte of XML) is scanned in seconds. A text or a tag cut between two chunks is kept for the next
 * one, so a Chinese character is never split. Namespace prefixes are dropped (`x:c` is `c`).
 */

/** The tag being opened: its attributes by local name (values decoded), or undefined when absent. */
export type XmlTag = {
  get: (name: string) => string | undefined;
  /** A cell reference's column (`AB12` → 28), 0 when it starts with no letter. */
  column: (name: string) => number | undefined;
  /** A non-negative decimal integer; NaN when it is not one. */
  integer: (name: string) => number | undefined;
};

export type XmlHandler = {
  /** `name` is one of the scanner's known names, or '' for any other element. */
  open: (name: string, tag: XmlTag, isEmpty: boolean) => void;
  close: (name: string) => void;
  /** Whether the text at this point is wanted: only then is it decoded and handed to `text`. */
  wantsText: () => boolean;
  text: (text: string) => void;
};

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const QUOTE = 0x22;
const APOSTROPHE = 0x27;
const AMPERSAND = 0x26;
const COLON = 0x3a;
const EQUALS = 0x3d;
/** A tag or text longer than this without an end is not a spreadsheet part: refused, not buffered. */
const MAX_PENDING_BYTES = 4 * 2 ** 20;

/** The element names the roster's readers look at. */
const KNOWN = [
  'c',
  'v',
  'f',
  't',
  'is',
  'r',
  'rPh',
  'row',
  'sheetData',
  'si',
  'sheet',
  'workbookPr',
  'Relationship',
  'numFmt',
  'cellXfs',
  'xf',
];
const isSpace = (b: number) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;
const hashOf = (bytes: Uint8Array, start: number, end: number) => {
  let hash = end - start;
  for (let i = start; i < end; i += 1) hash = (hash * 31 + bytes[i]!) | 0;
  return hash;
};
const known = new Map<number, { name: string; bytes: Buffer }>();
for (const name of KNOWN) {
  const bytes = Buffer.from(name, 'latin1');
  known.set(hashOf(bytes, 0, bytes.length), { name, bytes });
}
if (known.size !== KNOWN.length) throw new Error('xml-scan: two known names share a hash');

const ENTITY = /&(?:#x([0-9a-fA-F]+)|#([0-9]+)|(lt|gt|amp|quot|apos));/g;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function decodeXml(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(ENTITY, (entity, hex?: string, decimal?: string, name?: string) => {
    if (name) return NAMED[name]!;
    const code = hex ? parseInt(hex, 16) : Number(decimal);
    return code <= 0x10ffff ? String.fromCodePoint(code) : entity;
  });
}

/** Bytes as text: ASCII without entities (nearly every cell reference, number and code) the fast way. */
function textOf(bytes: Buffer, start: number, end: number): string {
  for (let i = start; i < end; i += 1) {
    const b = bytes[i]!;
    if (b >= 0x80 || b === AMPERSAND) return decodeXml(bytes.toString('utf8', start, end));
  }
  return bytes.toString('latin1', start, end);
}

/**
 * Feeds chunks of an XML part through a handler. `write` returns once the chunk's complete tags are
 * handled; an unfinished tag or text is kept for the next chunk. `end` checks nothing is left open.
 */
export class XmlScanner implements XmlTag {
  private pending: Buffer = Buffer.alloc(0);
  private bytes: Buffer = this.pending;
  // The open tag's attributes: [name start, name end, value start, value end] for each.
  private spans = new Int32Array(64);
  private spanCount = 0;

  constructor(private readonly handler: XmlHandler) {}

  write(chunk: Buffer): void {
    const bytes = this.pending.length > 0 ? Buffer.concat([this.pending, chunk]) : chunk;
    const rest = this.scan(bytes);
    // A copy: the rest must not hold the whole chunk in memory.
    this.pending = Buffer.from(bytes.subarray(rest));
    if (this.pending.length > MAX_PENDING_BYTES) throw new Error('xml: a tag or text without an end');
  }

  end(): void {
    const bytes = this.pending;
    const rest = bytes.subarray(this.scan(bytes));
    if (rest.some((b) => !isSpace(b))) throw new Error('xml: the part ends inside a tag');
  }

  get(name: string): string | undefined {
    const at = this.find(name);
    return at < 0 ? undefined : textOf(this.bytes, this.spans[at + 2]!, this.spans[at + 3]!);
  }

  column(name: string): number | undefined {
    const at = this.find(name);
    if (at < 0) return undefined;
    let column = 0;
    for (let i = this.spans[at + 2]!; i < this.spans[at + 3]!; i += 1) {
      const letter = this.bytes[i]! | 0x20; // lower case
      if (letter < 0x61 || letter > 0x7a) break;
      column = column * 26 + (letter - 0x60);
    }
    return column;
  }

  integer(name: string): number | undefined {
    const at = this.find(name);
    if (at < 0) return undefined;
    let value = 0;
    const end = this.spans[at + 3]!;
    for (let i = this.spans[at + 2]!; i < end; i += 1) {
      const digit = this.bytes[i]! - 0x30;
      if (digit < 0 || digit > 9) return NaN;
      value = value * 10 + digit;
    }
    return end > this.spans[at + 2]! ? value : NaN;
  }

  /** Where the attribute's span starts in `spans`, or -1. */
  private find(name: string): number {
    const { bytes, spans } = this;
    for (let i = 0; i < this.spanCount * 4; i += 4) {
      const start = spans[i]!;
      if (spans[i + 1]! - start !== name.length) continue;
      let isSame = true;
      for (let k = 0; k < name.length && isSame; k += 1) isSame = bytes[start + k] === name.charCodeAt(k);
      if (isSame) return i;
    }
    return -1;
  }

  /** Handles every complete tag and text of `bytes`; returns where the unfinished rest starts. */
  private scan(bytes: Buffer): number {
    const { handler } = this;
    this.bytes = bytes;
    let at = 0;
    for (;;) {
      const lt = bytes.indexOf(LT, at);
      if (lt < 0) return at; // text without its closing tag yet
      if (lt > at && handler.wantsText()) handler.text(textOf(bytes, at, lt));
      const next = bytes[lt + 1];
      if (next === undefined) return lt;
      if (next === 0x21 /* ! */ || next === 0x3f /* ? */) {
        const end = this.special(bytes, lt);
        if (end < 0) return lt;
        at = end;
        continue;
      }
      const end = this.tag(bytes, lt);
      if (end < 0) return lt;
      at = end;
    }
  }

  /** One tag from `lt`: reads its name and attributes, calls the handler; where it ends, or -1. */
  private tag(bytes: Buffer, lt: number): number {
    const isClose = bytes[lt + 1] === SLASH;
    let i = isClose ? lt + 2 : lt + 1;
    let nameStart = i;
    for (; i < bytes.length; i += 1) {
      const b = bytes[i]!;
      if (b === COLON) nameStart = i + 1;
      else if (isSpace(b) || b === SLASH || b === GT) break;
    }
    const nameEnd = i;
    this.spanCount = 0;
    let isEmpty = false;
    for (;;) {
      while (i < bytes.length && isSpace(bytes[i]!)) i += 1;
      if (i >= bytes.length) return -1;
      const b = bytes[i]!;
      if (b === GT) break;
      if (b === SLASH) {
        isEmpty = true;
        i += 1;
        continue;
      }
      // An attribute: name = "value" (or 'value'); a value may hold `>`.
      let attributeStart = i;
      while (i < bytes.length && bytes[i] !== EQUALS && bytes[i] !== GT && !isSpace(bytes[i]!)) {
        if (bytes[i] === COLON) attributeStart = i + 1;
        i += 1;
      }
      const attributeEnd = i;
      while (i < bytes.length && (isSpace(bytes[i]!) || bytes[i] === EQUALS)) i += 1;
      const quote = bytes[i];
      if (quote === undefined) return -1;
      if (quote !== QUOTE && quote !== APOSTROPHE) throw new Error('xml: a malformed attribute');
      const valueEnd = bytes.indexOf(quote, i + 1);
      if (valueEnd < 0) return -1;
      this.addSpan(attributeStart, attributeEnd, i + 1, valueEnd);
      i = valueEnd + 1;
    }
    const name = this.nameOf(bytes, nameStart, nameEnd);
    if (isClose) this.handler.close(name);
    else {
      this.handler.open(name, this, isEmpty);
      if (isEmpty) this.handler.close(name);
    }
    return i + 1;
  }

  private addSpan(nameStart: number, nameEnd: number, valueStart: number, valueEnd: number): void {
    if ((this.spanCount + 1) * 4 > this.spans.length) {
      const grown = new Int32Array(this.spans.length * 2);
      grown.set(this.spans);
      this.spans = grown;
    }
    const at = this.spanCount * 4;
    this.spans[at] = nameStart;
    this.spans[at + 1] = nameEnd;
    this.spans[at + 2] = valueStart;
    this.spans[at + 3] = valueEnd;
    this.spanCount += 1;
  }

  private nameOf(bytes: Buffer, start: number, end: number): string {
    const entry = known.get(hashOf(bytes, start, end));
    if (!entry || entry.bytes.length !== end - start) return '';
    for (let k = 0; k < entry.bytes.length; k += 1) if (bytes[start + k] !== entry.bytes[k]) return '';
    return entry.name;
  }

  /** `<?…?>`, `<!--…-->`, `<![CDATA[…]]>` (its text handed over as is), `<!DOCTYPE …>`: where it ends, or -1. */
  private special(bytes: Buffer, lt: number): number {
    if (bytes.length - lt < 9 && bytes.indexOf(GT, lt) < 0) return -1;
    const startsWith = (text: string) => bytes.toString('latin1', lt, lt + text.length) === text;
    if (startsWith('<![CDATA[')) {
      const end = bytes.indexOf(']]>', lt + 9, 'latin1');
      if (end < 0) return -1;
      if (this.handler.wantsText()) this.handler.text(bytes.toString('utf8', lt + 9, end));
      return end + 3;
    }
    const close = startsWith('<!--') ? '-->' : bytes[lt + 1] === 0x3f ? '?>' : '>';
    const end = bytes.indexOf(close, lt + 2, 'latin1');
    return end < 0 ? -1 : end + close.length;
  }
}
