import { z } from 'zod';

/**
 * An optional streaming replica for reads that tolerate a little lag (public pages, showcase, open
 * data, statistics, bulletins). server/db/replica.ts measures its lag and falls back to the primary.
 */
export const replicaEnvSchema = z.object({
  /** A PostgreSQL hot standby of DATABASE_URL's server. Unset: every read goes to the primary. */
  DATABASE_REPLICA_URL: z.string().url().optional(),
  /** Reads leave the replica for the primary while it is more than this many seconds behind. */
  YISHI_REPLICA_MAX_LAG_SECONDS: z.coerce.number().min(0.5).max(3600).default(30),
});

export type ReplicaConfig = { url: string; maxLagMs: number } | undefined;

export function replicaConfigFrom(e: z.infer<typeof replicaEnvSchema>): ReplicaConfig {
  if (!e.DATABASE_REPLICA_URL) return undefined;
  return { url: e.DATABASE_REPLICA_URL, maxLagMs: e.YISHI_REPLICA_MAX_LAG_SECONDS * 1000 };
}
