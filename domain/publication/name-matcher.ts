/**
 * Finds names in a text: every name by its exact text in one map, and a text is scanned position by
 * position, trying the lengths names have, longest first. The names are those the server found in the
 * texts at hand (the city's names stay in the database), so the map is small; a scan costs a few
 * look-ups per character, and only where a name can start (its first character is some name's first).
 * Works on UTF-16 code units; a name is matched as its exact text, whatever its characters. Pure.
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

/**
 * Every distinct substring of these texts with one of these lengths, counted in characters (code
 * points, as PostgreSQL counts them): the strings a text's names are among. None starts or ends with
 * white space, which no (trimmed) name does.
 */
export function substringsOfLengths(texts: Iterable<string>, lengths: readonly number[]): string[] {
  const found = new Set<string>();
  for (const text of texts) {
    const chars = Array.from(text);
    for (const n of lengths) {
      for (let i = 0; i + n <= chars.length; i += 1) {
        if (/\s/.test(chars[i]!) || /\s/.test(chars[i + n - 1]!)) continue;
        found.add(chars.slice(i, i + n).join(''));
      }
    }
  }
  return [...found];
}
