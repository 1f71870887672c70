import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Where the server reads "now": every deadline, window and stamp asks the clock the app was built
 * with (`deps.clock`), so tests move time with a fake clock (server/test/fake-clock.ts) instead of
 * waiting for it.
 */
export type Clock = {
  /** The current instant. */
  now(): Date;
};

/** The machine's clock. Reads the global `Date` on every call (the demo seed's story clock swaps it). */
export const systemClock: Clock = { now: () => new Date() };

const bound = new AsyncLocalStorage<Clock>();

/**
 * Runs `fn` with `clock` as the one `clockNow()` reads, through everything `fn` awaits: buildApp
 * binds `deps.clock` for each request, startJobs for each job run.
 */
export const withClock = <T>(clock: Clock, fn: () => T): T =>
  // Unbound already reads the system clock: skipping the store keeps async context tracking off in
  // production (it taxes every promise once on).
  clock === systemClock && bound.getStore() === undefined ? fn() : bound.run(clock, fn);

/** Now, on the clock of the request or job under way (the system clock outside both). */
export const clockNow = (): Date => (bound.getStore() ?? systemClock).now();
