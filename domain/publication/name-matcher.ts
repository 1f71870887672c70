/**
 * Aho–Corasick over many names at once: built once (≈100k residents of a city), then each text is
 * scanned in one pass whatever the number of names. Works on UTF-16 code units (Chinese names are BMP).
 * Pure.
 */

/** One occurrence of a name in a text: [start, end) in code units and the index of the name. */
export type NameHit = { start: number; end: number; name: number };

/** Names shorter than this are not matched: one character is a word, not a name. */
export const MIN_NAME_LENGTH = 2;

export class NameMatcher {
  /** The names, by index, as given (trimmed). */
  readonly names: readonly string[];
  /** Child of a node by code unit: key node * 65536 + code. One map for the whole trie. */
  private readonly next = new Map<number, number>();
  private readonly fail: Int32Array;
  /** Index of the name ending at a node, or −1. */
  private readonly terminal: Int32Array;
  /** The nearest node on the failure chain that ends a name (or 0: none). */
  private readonly output: Int32Array;
  private readonly depth: Int32Array;

  private constructor(names: readonly string[]) {
    this.names = names;
    let capacity = 1;
    for (const name of names) capacity += name.length;
    this.fail = new Int32Array(capacity);
    this.terminal = new Int32Array(capacity).fill(-1);
    this.output = new Int32Array(capacity);
    this.depth = new Int32Array(capacity);
    let nodes = 1;
    names.forEach((name, index) => {
      let node = 0;
      for (let i = 0; i < name.length; i += 1) {
        const key = node * 65536 + name.charCodeAt(i);
        let child = this.next.get(key);
        if (child === undefined) {
          child = nodes++;
          this.next.set(key, child);
          this.depth[child] = i + 1;
        }
        node = child;
      }
      if (this.terminal[node] === -1) this.terminal[node] = index;
    });
    this.link(nodes);
  }

  /** Builds the matcher; duplicates and names under MIN_NAME_LENGTH are dropped. */
  static build(names: Iterable<string>): NameMatcher {
    const unique = new Set<string>();
    for (const raw of names) {
      const name = raw.trim();
      if (name.length >= MIN_NAME_LENGTH) unique.add(name);
    }
    return new NameMatcher([...unique]);
  }

  /** Breadth-first failure links (the children of each node, grouped from the one map). */
  private link(nodeCount: number): void {
    const children: number[][] = Array.from({ length: nodeCount }, () => []);
    for (const [key, child] of this.next) children[Math.floor(key / 65536)]!.push(key % 65536, child);
    const queue: number[] = [];
    const root = children[0]!;
    for (let i = 0; i < root.length; i += 2) queue.push(root[i + 1]!);
    for (let head = 0; head < queue.length; head += 1) {
      const node = queue[head]!;
      const own = children[node]!;
      for (let i = 0; i < own.length; i += 2) {
        const code = own[i]!;
        const child = own[i + 1]!;
        let f = this.fail[node]!;
        let target = this.next.get(f * 65536 + code);
        while (target === undefined && f !== 0) {
          f = this.fail[f]!;
          target = this.next.get(f * 65536 + code);
        }
        this.fail[child] = target !== undefined && target !== child ? target : 0;
        const viaFail = this.fail[child]!;
        this.output[child] = this.terminal[viaFail] !== -1 ? viaFail : this.output[viaFail]!;
        queue.push(child);
      }
    }
  }

  /** Every occurrence of every name in `text`, overlapping ones included, in order of their end. */
  findAll(text: string): NameHit[] {
    const hits: NameHit[] = [];
    let node = 0;
    for (let i = 0; i < text.length; i += 1) {
      const code = text.charCodeAt(i);
      let target = this.next.get(node * 65536 + code);
      while (target === undefined && node !== 0) {
        node = this.fail[node]!;
        target = this.next.get(node * 65536 + code);
      }
      node = target ?? 0;
      for (let out = this.terminal[node] !== -1 ? node : this.output[node]!; out !== 0; out = this.output[out]!) {
        hits.push({ start: i + 1 - this.depth[out]!, end: i + 1, name: this.terminal[out]! });
      }
    }
    return hits;
  }

  /** Leftmost-longest occurrences that do not overlap (张桂芳 wins over 张桂 and 桂芳). */
  find(text: string): NameHit[] {
    const hits = this.findAll(text).sort((a, b) => a.start - b.start || b.end - a.end);
    const chosen: NameHit[] = [];
    let until = 0;
    for (const hit of hits) {
      if (hit.start < until) continue;
      chosen.push(hit);
      until = hit.end;
    }
    return chosen;
  }

  get size(): number {
    return this.names.length;
  }
}
