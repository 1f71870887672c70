import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Db } from '../db/client';
import { migrationsFolder } from '../paths';
import { newestAppliedMigration, pingDatabase } from '../db/health';
import type { ReplicaStatus } from '../db/replica';
import type { AppRuntime } from './runtime';

/** Each readiness check gets this long: /api/ready answers within ~2 s even when PostgreSQL hangs. */
export const CHECK_TIMEOUT_MS = 1500;

/** ok, or why the part is not ready. */
export type CheckResult = 'ok' | 'failing' | 'timeout' | 'behind' | 'starting' | 'stopped' | 'not run here';

/** The work's result, or 'timeout' when it takes longer than `ms` (the work itself goes on). */
export async function within<T>(ms: number, work: Promise<T>): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), ms)));
  work.catch(() => undefined); // a late failure after the timeout must not become an unhandled rejection
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The `when` of the newest committed migration (drizzle stores it as the applied row's created_at). */
function headMigrationMillis(): number {
  const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
    entries: { when: number }[];
  };
  return Math.max(...journal.entries.map((e) => e.when));
}

async function check(work: () => Promise<CheckResult>): Promise<CheckResult> {
  const result = await within(
    CHECK_TIMEOUT_MS,
    work().catch((): CheckResult => 'failing'),
  );
  return result;
}

/** The primary is gone and the replica, in step when last compared, serves the lag-tolerant reads. */
function isServingReadsAlone(replica: ReplicaStatus | undefined): boolean {
  return replica !== undefined && !replica.isPrimaryReachable && replica.readsFrom === 'replica';
}

/**
 * GET /api/health: the process answers (no database), for a liveness probe.
 * GET /api/ready: the database answers `select 1`, its migrations are at this code's head, and the
 * job queue runs (when this process runs one); 200 or 503 with the checks either way, plus the read
 * replica's state, lag and where reads go (when one is set; it never makes the app unready). While the
 * primary is unreachable but the replica serves reads, 200 `read-only` (with what fails): every app
 * process is in the same state, so a load balancer taking them all out would only turn the public
 * pages the replica can still serve into its own 503s; writes answer 503 `service.unavailable`. Both are
 * polled by load balancers: no session, no CSRF (GET), no info line per request.
 */
export const healthPlugin = fp(async (app: FastifyInstance, opts: { db: Db; runtime: AppRuntime }) => {
  const { db, runtime } = opts;
  const head = headMigrationMillis();
  const quiet = { logLevel: 'warn' as const, schema: { hide: true } };

  app.get('/api/health', quiet, async (_request, reply) => {
    return reply.header('cache-control', 'no-store').send({ status: 'ok' });
  });

  app.get('/api/ready', quiet, async (_request, reply) => {
    const [database, migrations] = await Promise.all([
      check(async () => {
        await pingDatabase(db);
        return 'ok';
      }),
      check(async () => {
        const last = await newestAppliedMigration(db);
        return Number(last ?? 0) >= head ? 'ok' : 'behind';
      }),
    ]);
    const jobQueue: CheckResult = !runtime.expectsJobQueue
      ? 'not run here'
      : !runtime.jobQueue
        ? 'starting'
        : runtime.jobQueue.isRunning()
          ? 'ok'
          : 'stopped';
    const checks = { database, migrations, jobQueue };
    const failing = Object.entries(checks)
      .filter(([, result]) => result !== 'ok' && result !== 'not run here')
      .map(([part]) => part);
    // The read replica is reported, never required: while it fails or lags, reads go to the primary.
    const replica = runtime.replica?.status();
    const detail = replica ? { checks, replica } : { checks };
    reply.header('cache-control', 'no-store');
    if (failing.length > 0 && isServingReadsAlone(replica))
      return reply.send({ status: 'read-only', failing, ...detail });
    if (failing.length > 0) return reply.status(503).send({ status: 'unavailable', failing, ...detail });
    return reply.send({ status: 'ready', ...detail });
  });
});
