/**
 * Views computed from the facts, kept per database handle under the facts' version they were
 * computed at (statistics_version, bumped by every rebuild of facts in its transaction, and read in
 * the same snapshot as the facts). A reader first rebuilds the facts of the matters changed before
 * it began, then reads the version: while no
 * rebuild has committed since, the facts are the same and so is every view computed from them; a
 * change anywhere a figure reads marks its matter dirty, the next reader's rebuild bumps the version
 * and each view is computed again on its next read. So 16 different views cost at most 16
 * computations per version and process, and repeated reads none. Readers asking for a view while it
 * is being computed wait for that computation.
 *
 * Kept per handle (the pool's, or one transaction's): what a transaction computed from its own
 * uncommitted changes is never served outside it.
 */
/** A view and the facts' version it was computed at (read in the same snapshot as the facts). */
export type Versioned<T> = { version: number; value: T };

export class ViewCache<T> {
  private readonly byHandle = new WeakMap<object, Map<string, { atLeast: number; value: Promise<Versioned<T>> }>>();

  /** `limit`: views kept per handle, the least recently read dropped first. */
  constructor(private readonly limit = 512) {}

  /**
   * The view `key` at `version` or later: kept, or computed by `compute`, which reads the version in
   * the same snapshot as the facts it computes from. A view that turns out older than `version` (a
   * computation begun on a replica further behind) is computed again.
   */
  async read(handle: object, key: string, version: number, compute: () => Promise<Versioned<T>>): Promise<T> {
    let views = this.byHandle.get(handle);
    if (!views) this.byHandle.set(handle, (views = new Map()));
    const kept = views.get(key);
    if (kept && kept.atLeast >= version) {
      // Most recently read last: Map keeps insertion order.
      views.delete(key);
      views.set(key, kept);
      const got = await kept.value;
      if (got.version >= version) return got.value;
    }
    const entry = { atLeast: version, value: compute() };
    views.delete(key);
    views.set(key, entry);
    while (views.size > this.limit) views.delete(views.keys().next().value!);
    try {
      const got = await entry.value;
      entry.atLeast = got.version;
      return got.value;
    } catch (error) {
      // A failure is passed to whoever waits for it and forgotten.
      if (views.get(key) === entry) views.delete(key);
      throw error;
    }
  }
}
