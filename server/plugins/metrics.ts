import net from 'node:net';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import pg from 'pg';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Db } from '../db/client';
import type { ReplicaProbe, ReplicaState } from '../db/replica';
import { within } from './health';
import { votesWrittenChannel, type VotesWritten } from './metrics-events';
import type { AppRuntime } from './runtime';
import { smsMessageCounts } from './metrics.repository';

/** A scrape waits this long for each database-backed figure; a slow one is left out of that scrape. */
const COLLECT_TIMEOUT_MS = 1000;

/** YISHI_METRICS_ALLOW as a BlockList (used as an allow list); throws on an entry that is no address. */
export function allowListFrom(entries: string[]): net.BlockList {
  const list = new net.BlockList();
  for (const entry of entries) {
    const [address = '', prefix] = entry.split('/');
    const family = net.isIP(address);
    const bits = Number(prefix);
    if (
      family === 0 ||
      (prefix !== undefined && !(Number.isInteger(bits) && bits >= 0 && bits <= (family === 4 ? 32 : 128)))
    ) {
      throw new Error(`YISHI_METRICS_ALLOW: "${entry}" is not an address or a CIDR range`);
    }
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (prefix === undefined) list.addAddress(address, type);
    else list.addSubnet(address, bits, type);
  }
  return list;
}

/** Whether a socket address is on the list; an IPv4-mapped IPv6 address (::ffff:10.0.0.1) counts as IPv4. */
export function isAllowed(list: net.BlockList, address: string | undefined): boolean {
  if (!address) return false;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return list.check(mapped, 'ipv4') || list.check(address, 'ipv6');
  return list.check(address, net.isIP(address) === 4 ? 'ipv4' : 'ipv6');
}

export type MetricsOptions = { db: Db; runtime: AppRuntime; allow: string[] };

/**
 * GET /metrics in Prometheus' text format, one registry per app instance. Only addresses on
 * YISHI_METRICS_ALLOW may read it; to anyone else it is an unknown path (the app's own 404), so it
 * does not advertise itself. The list is checked against the TCP peer's address, never
 * X-Forwarded-For: a forged header must not open it. Requests that came through a proxy (they carry
 * X-Forwarded-For or Forwarded) are refused outright, so Prometheus scrapes the app's port directly.
 */
export const metricsPlugin = fp(async (app: FastifyInstance, opts: MetricsOptions) => {
  const allow = allowListFrom(opts.allow);
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  // drizzle's node-postgres handle keeps its pool as `$client` (not in the Db type).
  const pool = (opts.db as unknown as { $client?: unknown }).$client;

  const requestDuration = new Histogram({
    name: 'yishi_http_request_duration_seconds',
    help: 'Time to answer a request, by route pattern and status code',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    // The pattern (/api/matters/:id), never the raw URL: bounded label values, no personal data.
    const route = request.routeOptions.url ?? 'unmatched';
    requestDuration.observe(
      { method: request.method, route, status_code: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });

  const votesWritten = new Counter({
    name: 'yishi_votes_written_total',
    help: 'Votes committed by this app process',
    registers: [registry],
  });
  const onVotes = (message: unknown) => {
    const { db, votes } = message as VotesWritten;
    if (db === opts.db) votesWritten.inc(votes);
  };
  votesWrittenChannel.subscribe(onVotes);
  app.addHook('onClose', async () => {
    votesWrittenChannel.unsubscribe(onVotes);
  });

  new Gauge({
    name: 'yishi_job_queue_depth',
    help: 'Jobs waiting per pg-boss queue (created or retrying, not yet active)',
    labelNames: ['queue'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      const depths = await within(
        COLLECT_TIMEOUT_MS,
        (opts.runtime.jobQueue?.queueDepths() ?? Promise.resolve<Record<string, number>>({})).catch(
          () => 'failed' as const,
        ),
      );
      if (typeof depths === 'string') return;
      for (const [queue, depth] of Object.entries(depths)) this.set({ queue }, depth);
    },
  });

  new Gauge({
    name: 'yishi_sms_messages',
    help: 'Text messages recorded, by template and delivery status (queued, sent, failed, opted_out)',
    labelNames: ['template', 'status'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      const result = await within(
        COLLECT_TIMEOUT_MS,
        smsMessageCounts(opts.db).catch(() => 'failed' as const),
      );
      if (typeof result === 'string') return;
      for (const row of result) this.set({ template: row.template, status: row.status }, row.count);
    },
  });

  new Gauge({
    name: 'yishi_db_pool_connections',
    help: 'Connections of the app database pool: total open, idle, and requests waiting for one',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      if (!(pool instanceof pg.Pool)) return;
      this.set({ state: 'total' }, pool.totalCount);
      this.set({ state: 'idle' }, pool.idleCount);
      this.set({ state: 'waiting' }, pool.waitingCount);
    },
  });
  new Gauge({
    name: 'yishi_db_pool_max',
    help: 'Largest number of connections the app database pool opens',
    registers: [registry],
    collect() {
      if (pool instanceof pg.Pool) this.set(Number(pool.options.max ?? 10));
    },
  });

  const replica = opts.runtime.replica;
  if (replica) registerReplicaGauges(registry, replica);

  app.get('/metrics', { logLevel: 'warn', schema: { hide: true } }, async (request, reply) => {
    // A proxied request (a forwarding header present) is refused even from a listed address: nginx on
    // the same host connects from 127.0.0.1, which must not make /metrics public through it.
    const isProxied = request.headers['x-forwarded-for'] !== undefined || request.headers.forwarded !== undefined;
    if (isProxied || !isAllowed(allow, request.socket.remoteAddress)) return reply.callNotFound();
    // A figure that cannot be read (database down, slow) is left out; the scrape itself still answers.
    const body = await registry.metrics();
    return reply.header('content-type', registry.contentType).header('cache-control', 'no-store').send(body);
  });
});

const replicaStates: ReplicaState[] = ['ok', 'lagging', 'unreachable', 'not_standby', 'starting'];

/** The read replica's state, lag and where reads go (only when DATABASE_REPLICA_URL is set). */
function registerReplicaGauges(registry: Registry, replica: ReplicaProbe): void {
  new Gauge({
    name: 'yishi_db_replica_state',
    help: 'The read replica (DATABASE_REPLICA_URL): 1 for its current state, 0 for the others',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      const { state } = replica.status();
      for (const s of replicaStates) this.set({ state: s }, s === state ? 1 : 0);
    },
  });
  new Gauge({
    name: 'yishi_db_replica_lag_seconds',
    help: 'How far the read replica may be behind the primary at most, in seconds (NaN while unknown)',
    registers: [registry],
    collect() {
      this.set(replica.status().lagSeconds ?? Number.NaN);
    },
  });
  new Gauge({
    name: 'yishi_db_reads_from_replica',
    help: 'Whether lag-tolerant reads go to the read replica (1) or to the primary (0)',
    registers: [registry],
    collect() {
      this.set(replica.status().readsFrom === 'replica' ? 1 : 0);
    },
  });
}
