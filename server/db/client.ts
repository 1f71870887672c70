import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import * as schema from './schema';

/** drizzle's wrapper of a failed statement (its `cause` is the driver's error), for `instanceof` outside db/. */
export { DrizzleQueryError } from 'drizzle-orm';

export type Db = NodePgDatabase<typeof schema>;
/** A database handle or an open transaction: commands accept either. */
export type DbOrTx = Db | Parameters<Parameters<Db['transaction']>[0]>[0];

export type Database = { db: Db; pool: pg.Pool; url: string; close: () => Promise<void> };

import { migrationsFolder } from '../paths';

/**
 * How long a request waits for a connection (a new one, or a free one from a full pool) before it
 * fails with 503: when PostgreSQL is down or hangs, requests answer at once instead of piling up.
 */
export const CONNECT_TIMEOUT_MS = 3000;

const pools = new WeakMap<object, pg.Pool>();

/** The pool a connection of openDatabase belongs to (undefined for anything else). */
export function poolOf(client: unknown): pg.Pool | undefined {
  return typeof client === 'object' && client !== null ? pools.get(client) : undefined;
}

/**
 * Opens a pool on `url`. `date` columns stay strings (no time-zone shifts). `applicationName` names
 * the connections in pg_stat_activity (the read replica's pool has its own).
 */
export function openDatabase(url: string, poolSize = 10, applicationName?: string): Database {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    ...(applicationName ? { application_name: applicationName } : {}),
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    // TCP keepalive: a connection to a server that vanished (host down, network cut) is noticed.
    keepAlive: true,
  });
  pool.on('error', () => {
    /* idle client errors (server restart) surface on the next query */
  });
  // A checked-out client between two statements (inside a transaction, say) has no listener from the
  // pool: when the server ends its connection, its 'error' event would be uncaught and end the process.
  // The statement in flight or the next one fails instead (503), and the pool drops the broken client.
  pool.on('connect', (client) => {
    client.on('error', () => undefined);
    pools.set(client, pool);
  });
  const db = drizzle(pool, { schema });
  return { db, pool, url, close: () => pool.end() };
}

/** Applies committed migrations; safe to run concurrently from several processes (advisory lock). */
export async function migrateDatabase(database: Database): Promise<void> {
  const client = await database.pool.connect();
  try {
    await client.query('select pg_advisory_lock(727001)');
    await migrate(drizzle(client, { schema }), { migrationsFolder });
  } finally {
    await client.query('select pg_advisory_unlock(727001)').catch(() => undefined);
    client.release();
  }
}
