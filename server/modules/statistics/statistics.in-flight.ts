/**
 * Identical reads asked for while one is being computed (officers opening the city dashboard
 * together) wait for that computation instead of starting another. Nothing is kept once it ends, so
 * a reader never gets figures older than one computation: ones read from the moment the computation
 * it joined began (a change committed in between shows on the next read).
 */
export class InFlight<T> {
  private readonly running = new WeakMap<object, Map<string, Promise<T>>>();

  /** `compute()`'s result, shared with every caller asking for the same `key` of the same `scope` meanwhile. */
  run(scope: object, key: string, compute: () => Promise<T>): Promise<T> {
    let byKey = this.running.get(scope);
    if (!byKey) this.running.set(scope, (byKey = new Map()));
    const pending = byKey.get(key);
    if (pending) return pending;
    const started = compute().finally(() => byKey.delete(key));
    byKey.set(key, started);
    return started;
  }
}
