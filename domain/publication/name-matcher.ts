/**
 * Finds a city's names in a text: every name by its exact text in one map, and a text is scanned
 * position by position, trying the lengths names have, longest first. Names are short (two to four
 * characters, a few longer for outside parties), so a scan costs a few map look-ups per character of
 * the text, and only where a name can start (its first character is some name's first). Memory is one
 * map entry a name: a city of 1,000,000 residents' names fits in ~60 MB, where a trie (Aho–Corasick)
 * kept a map entry a character, ten times that, and took seconds to build on the serving thread.
 * Works on UTF-16 code units (Chinese names are BMP). Pure.
 */

/** One occurrence of a name in a text: [start, end) in code units and the index of the name. */
export type NameHit = { start: number; end: number; name: number };

/** Names shorter than this are not matched: one character is a word, not a name. */
export const MIN_NAME_LENGTH = 2;

export class NameMatcher {
  private readonly list: string[] = [];
  private readonly indexOf = new Map<string, number>();
  /** The lengths names have, longest first. */
  private lengths: number[] = [];
  /** The first code unit of some name: elsewhere no name starts. */
  private readonly starts = new Set<number>();

  /** Builds the matcher; duplicates and names under MIN_NAME_LENGTH are dropped. */
  static build(names: Iterable<string>): NameMatcher {
    const matcher = new NameMatcher();
    for (const name of names) matcher.add(name);
    return matcher;
  }

  /**
   * Adds a name (trimmed), so a large directory is built in parts; its index, the known one for a
   * repeat, or undefined when it is under MIN_NAME_LENGTH.
   */
  add(raw: string): number | undefined {
    const name = raw.trim();
    if (name.length < MIN_NAME_LENGTH) return undefined;
    const known = this.indexOf.get(name);
    if (known !== undefined) return known;
    const index = this.list.length;
    this.list.push(name);
    this.indexOf.set(name, index);
    if (!this.lengths.includes(name.length)) this.lengths = [...this.lengths, name.length].sort((a, b) => b - a);
    this.starts.add(name.charCodeAt(0));
    return index;
  }

  /** The names, by index, as given (trimmed). */
  get names(): readonly string[] {
    return this.list;
  }

  /** The names starting at `start`, longest first (all of them, or only the longest with `onlyLongest`). */
  private hitsAt(text: string, start: number, onlyLongest: boolean): NameHit[] {
    const hits: NameHit[] = [];
    if (!this.starts.has(text.charCodeAt(start))) return hits;
    for (const length of this.lengths) {
      const end = start + length;
      if (end > text.length) continue;
      const name = this.indexOf.get(text.slice(start, end));
      if (name === undefined) continue;
      hits.push({ start, end, name });
      if (onlyLongest) break;
    }
    return hits;
  }

  /** Every occurrence of every name in `text`, overlapping ones included, by start (longest first). */
  findAll(text: string): NameHit[] {
    const hits: NameHit[] = [];
    for (let i = 0; i < text.length; i += 1) hits.push(...this.hitsAt(text, i, false));
    return hits;
  }

  /** Leftmost-longest occurrences that do not overlap (张桂芳 wins over 张桂 and 桂芳). */
  find(text: string): NameHit[] {
    const chosen: NameHit[] = [];
    for (let i = 0; i < text.length;) {
      const [hit] = this.hitsAt(text, i, true);
      if (hit) {
        chosen.push(hit);
        i = hit.end;
      } else i += 1;
    }
    return chosen;
  }

  get size(): number {
    return this.list.length;
  }
}
