/**
 * The story clock of the demo matters. The services stamp what they write with `new Date()` (audit
 * entries, objection windows, sealing, `todayInChina()`), and a matter's objection window must have
 * passed before it may be implemented. So while the demo matters are written, `Date` — and only
 * `new Date()` / `Date.now()` without arguments — reads a settable instant in the past: each step
 * happens on its own day, every chain is hashed with the time it carries, and nothing is edited
 * afterwards. Columns filled by PostgreSQL's `now()` (created_at) keep the real time of seeding.
 *
 * Nothing else runs in the process while the seed does (it precedes `listen`), and `run` always
 * puts the real `Date` back.
 */
const RealDate = Date;
const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

export class StoryClock {
  private at = RealDate.now();
  /** The latest instant a story may reach: a little before the real now. */
  readonly limit = RealDate.now() - HOUR_MS;

  now(): number {
    return this.at;
  }
  /** Sets the clock, moved into office hours (08:30–21:00 in China) and never past `limit`. */
  set(at: number): void {
    const hour = ((((at + 8 * HOUR_MS) % DAY_MS) + DAY_MS) % DAY_MS) / HOUR_MS;
    const shift = hour < 8.5 ? 8.5 - hour : hour >= 21 ? 24 - hour + 8.5 : 0;
    this.at = Math.min(at + shift * HOUR_MS, this.limit);
  }
  /** Moves the clock on by `days` (fractions allowed), never past `limit`. */
  advance(days: number): void {
    this.set(this.at + days * DAY_MS);
  }
  /** YYYY-MM-DD of the clock `days` later, in China (UTC+8). */
  day(days = 0): string {
    return new RealDate(this.at + days * DAY_MS + 8 * HOUR_MS).toISOString().slice(0, 10);
  }
  iso(days = 0): string {
    return new RealDate(this.at + days * DAY_MS).toISOString();
  }

  /** Runs `fn` with the global `Date` reading this clock when asked for "now". */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    const read = () => this.at;
    const story = new Proxy(RealDate, {
      construct: (target, args: unknown[]) =>
        args.length === 0 ? new target(read()) : (Reflect.construct(target, args) as object),
      apply: (target, _this, args: unknown[]) => (args.length === 0 ? new target(read()).toString() : target()),
      get: (target, prop, receiver) =>
        prop === 'now' ? () => read() : (Reflect.get(target, prop, receiver) as unknown),
    });
    globalThis.Date = story;
    try {
      return await fn();
    } finally {
      globalThis.Date = RealDate;
    }
  }
}
