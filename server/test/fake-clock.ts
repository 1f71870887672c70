import type { Clock } from '../clock';

/**
 * The test clock: runs with real time, shifted by what a test sets or advances, so a deadline is
 * passed at once instead of waited for. `freeze()` stops it, for tests that compare exact instants.
 */
export class FakeClock implements Clock {
  private offsetMs = 0;
  private frozenAt: number | undefined;

  now(): Date {
    return new Date(this.frozenAt ?? Date.now() + this.offsetMs);
  }
  /** Moves the clock to `at` (it runs on from there unless frozen). */
  set(at: Date | number | string): void {
    const target = new Date(at).getTime();
    if (this.frozenAt !== undefined) this.frozenAt = target;
    else this.offsetMs = target - Date.now();
  }
  /** Moves the clock on by `ms` (negative moves it back). */
  advance(ms: number): void {
    this.set(this.now().getTime() + ms);
  }
  /** Moves the clock on by whole or fractional days. */
  advanceDays(days: number): void {
    this.advance(days * 86_400_000);
  }
  /** Back to the real time, running (for an `afterEach` after tests that moved it). */
  reset(): void {
    this.offsetMs = 0;
    this.frozenAt = undefined;
  }
  /** Stops the clock where it is (or at `at`). */
  freeze(at?: Date | number | string): void {
    this.frozenAt = new Date(at ?? this.now()).getTime();
  }
}
