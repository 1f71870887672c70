import { defineConfig } from 'vitest/config';

/**
 * `npm run test:scale`: the app as several real processes behind HAProxy, and on a primary with a
 * streaming replica — each file sets up its own servers (DATABASE_URL's server for the processes'
 * database, Debian's PostgreSQL binaries for the replica pair). One file at a time: they start
 * processes and servers of their own.
 */
export default defineConfig({
  test: {
    name: 'scale',
    root: '.',
    include: ['scale/**/*.scale.ts'],
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
