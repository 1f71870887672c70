import { sql } from 'drizzle-orm';
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
