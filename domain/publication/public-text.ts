import { redactUnlistedPeople } from '../matters/unlisted-people';
import { RESIDENT_PREFIX, STAFF_LABEL } from '../people/public-name';
import { NameMatcher } from './name-matcher';
import { applySpans, chooseSpans, findPersonalNumbers, type Span, type SpanKind } from './personal-numbers';

/** The kinds of a matter's text that become public only as a confirmed, redacted version. */
export const publicTextKinds = ['minutes', 'resolution', 'notice_title', 'notice_body'] as const;
/** A public version's state (已确认 / 原文已改，待重新确认 / 未确认): confirmed for the current source, stale, or none. */
export const publicTextStates = ['confirmed', 'stale', 'unconfirmed'] as const;
export type PublicTextState = (typeof publicTextStates)[number];

/**
 * The public version of a text (PIPL): every name of the city's residents and accounts becomes a label,
 * phones, ID numbers, long digit runs and flats disappear. Pure; the server builds the directory once
 * per city and keeps it until a name changes.
 *
 * Labels, one rule everywhere: a staff account's name → 社区工作人员 (STAFF_LABEL, as pages show staff); an outside party invited by name →
 * 受邀方; any other name → 居民A, 居民B, … in the order the matter's texts first name them. The label
 * book belongs to the matter, so one person carries one label in its minutes, resolution and notices.
 * Someone on no list but addressed by surname (老陈, 张阿姨) → 某居民.
 */

export type PersonKind = 'staff' | 'outside' | 'resident';
export type DirectoryEntry = { name: string; kind: PersonKind };

export { STAFF_LABEL };
export const OUTSIDE_LABEL = '受邀方';
export const UNLISTED_LABEL = '某居民';

/** Which kind wins when one name belongs to several people: staff, then outside parties, then residents. */
const PRIORITY: Record<PersonKind, number> = { staff: 0, outside: 1, resident: 2 };

/** Every name the city knows, with the kind its label follows; matched in one pass over a text. */
export class NameDirectory {
  readonly matcher = new NameMatcher();
  private readonly kinds: PersonKind[] = [];

  constructor(entries: Iterable<DirectoryEntry> = []) {
    this.add(entries);
  }

  /** Adds names, so a city's directory is built in parts; a name given twice keeps the kind that wins. */
  add(entries: Iterable<DirectoryEntry>): void {
    for (const { name, kind } of entries) {
      const index = this.matcher.add(name);
      if (index === undefined) continue;
      const known = this.kinds[index];
      if (known === undefined || PRIORITY[kind] < PRIORITY[known]) this.kinds[index] = kind;
    }
  }

  kindOf(nameIndex: number): PersonKind {
    return this.kinds[nameIndex]!;
  }

  get size(): number {
    return this.matcher.size;
  }
}

/** A matter's labels: name → label, in the order they were given. */
export type LabelBook = ReadonlyMap<string, string>;

/** 居民A … 居民Z, 居民AA, 居民AB …: the n-th resident label (0-based). */
export function residentLabel(n: number): string {
  let letters = '';
  for (let k = n; k >= 0; k = Math.floor(k / 26) - 1) letters = String.fromCharCode(65 + (k % 26)) + letters;
  return RESIDENT_PREFIX + letters;
}

/** The result: the public text, the matter's book with any labels this text added, and what was hidden. */
export type PublicText = { text: string; labels: Map<string, string>; hidden: Record<SpanKind, number> };

function labelFor(name: string, kind: PersonKind, book: Map<string, string>, isBookFixed: boolean): string {
  const known = book.get(name);
  if (known !== undefined) return known;
  let label: string;
  if (kind === 'staff') label = STAFF_LABEL;
  else if (kind === 'outside') label = OUTSIDE_LABEL;
  else if (isBookFixed) return UNLISTED_LABEL;
  else {
    const used = new Set(book.values());
    let n = 0;
    while (used.has(residentLabel(n))) n += 1;
    label = residentLabel(n);
  }
  book.set(name, label);
  return label;
}

/**
 * The public version of `text`. Names first (leftmost-longest: 张桂芳 before 张桂), then numbers and
 * flats, then people on no list addressed by surname. Idempotent for texts it wrote: labels and the
 * placeholders contain no name, digit or flat. With `isBookFixed` (texts redacted as they are read,
 * which must not hand out labels) a resident the book does not know becomes 某居民.
 */
export function redactPublicText(
  text: string,
  directory: NameDirectory,
  book: LabelBook = new Map(),
  { isBookFixed = false }: { isBookFixed?: boolean } = {},
): PublicText {
  const labels = new Map(book);
  const hidden: Record<SpanKind, number> = { name: 0, phone: 0, idCard: 0, idCardLike: 0, digits: 0, flat: 0 };
  const nameSpans: Span[] = directory.matcher.find(text).map((hit) => ({
    start: hit.start,
    end: hit.end,
    kind: 'name',
    replacement: labelFor(directory.matcher.names[hit.name]!, directory.kindOf(hit.name), labels, isBookFixed),
  }));
  // Numbers win over a name found inside them (none can be), names over flats that overlap them.
  const spans = chooseSpans([...findPersonalNumbers(text), ...nameSpans]);
  for (const span of spans) hidden[span.kind] += 1;
  const named = applySpans(text, spans);
  let unlisted = 0;
  const out = redactUnlistedPeople(named, () => {
    unlisted += 1;
    return UNLISTED_LABEL;
  });
  hidden.name += unlisted;
  return { text: out, labels, hidden };
}
