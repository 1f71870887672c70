import type { Database } from './client';

/** Connections kept back for the primary's pool, the job queue's two, and operators' tools (backup, psql). */
export const RESERVED_CONNECTIONS = 20;
/** The pool of a lone process (openDatabase's default): the most a worker is given. */
const MAX_WORKER_POOL = 10;
/** The live plugin holds one connection for LISTEN; a worker needs at least two more for requests. */
const MIN_WORKER_POOL = 3;

/** The server's `max_connections` setting. */
export async function maxConnections(database: Database): Promise<number> {
  const { rows } = await database.pool.query<{ n: number }>(
    "select current_setting('max_connections')::int - current_setting('superuser_reserved_connections')::int as n",
  );
  return rows[0]!.n;
}

/** Each worker's pool, so that `workers` pools and the reserve fit within the server's connections. */
export function workerPoolSize(available: number, workers: number): number {
  const share = Math.floor((available - RESERVED_CONNECTIONS) / workers);
  return Math.max(MIN_WORKER_POOL, Math.min(MAX_WORKER_POOL, share));
}
