/**
 * A few seconds of memory for public, redacted replies (the showcase list): fifty phones opening the
 * same link from a group chat cost one database read. Replies carry no personal data and shared caches
 * may already keep them a minute (cache-control), so a reader never sees anything older than that.
 */
import { clockNow } from '../../clock';
export class ReplyCache<T> {
  private readonly entries = new Map<string, { at: number; value: Promise<T> }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 500,
  ) {}

  /** The cached reply for `key`, or `load()`'s (shared by concurrent callers; failures are not kept). */
  get(key: string, load: () => Promise<T>, now = clockNow().getTime()): Promise<T> {
    const hit = this.entries.get(key);
    if (hit && now - hit.at < this.ttlMs) return hit.value;
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    const value = load();
    this.entries.set(key, { at: now, value });
    value.catch(() => this.entries.delete(key));
    return value;
  }
}
