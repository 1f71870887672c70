import { sql } from 'drizzle-orm';
import type pg from 'pg';
import type { Db } from '../db/client';

/**
 * Jobs waiting (created or retrying, not yet active) per queue, read from pg-boss's own tables:
 * what `boss.getQueueSize` counts, for a process that does not hold the queue itself (a worker of
 * the cluster; the primary runs pg-boss). Empty before pg-boss has created its schema.
 */
export async function queueDepthsFromTables(db: Db): Promise<Record<string, number>> {
  const { rows } = await db.execute<{ name: string; depth: number }>(sql`
    select q.name, count(j.id) filter (where j.state < 'active')::int as depth
    from pgboss.queue q left join pgboss.job j on j.name = q.name
    group by q.name`);
  return Object.fromEntries(rows.map((r) => [r.name, r.depth]));
}

/**
 * Runs `work` holding a session advisory lock on one pooled connection: app servers starting at the
 * same moment set up pg-boss's queues and schedules one after another (concurrent `createQueue`s on a
 * new database deadlock).
 */
export async function underJobsSetupLock<T>(db: Db, work: () => Promise<T>): Promise<T> {
  const client = await (db as unknown as { $client: pg.Pool }).$client.connect();
  try {
    await client.query('select pg_advisory_lock(727002)');
    return await work();
  } finally {
    await client.query('select pg_advisory_unlock(727002)').catch(() => undefined);
    client.release();
  }
}
