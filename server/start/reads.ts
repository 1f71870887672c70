import type { Logger } from 'pino';
import type { Config } from '../config';
import { openDatabase, type Db } from '../db/client';
import { ReadRouter } from '../db/replica';

/** Where a serving process sends its lag-tolerant reads, and how to let go of the replica's pool. */
export type ServingReads = { router: ReadRouter | undefined; readDb: Db | undefined; close: () => Promise<void> };

/**
 * With DATABASE_REPLICA_URL set, opens the replica's pool and starts the router that sends lag-tolerant
 * reads to it within the lag bound (server/db/replica.ts); without it, every read stays on `db`.
 * Each serving process (the single one, or each worker) holds its own.
 */
export async function openServingReads(config: Config, db: Db, log: Logger, poolSize = 10): Promise<ServingReads> {
  if (!config.replica) return { router: undefined, readDb: undefined, close: async () => undefined };
  const replica = openDatabase(config.replica.url, poolSize, 'yishi-replica-reads');
  const router = new ReadRouter(db, replica.db, {
    maxLagMs: config.replica.maxLagMs,
    onChange: (now, before) =>
      log.warn({ replica: now.state, was: before.state, readsFrom: now.readsFrom }, 'read replica state changed'),
  });
  await router.start();
  return {
    router,
    readDb: router.readDb,
    close: async () => {
      router.stop();
      await replica.close();
    },
  };
}
