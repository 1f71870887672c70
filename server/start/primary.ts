import cluster, { type Worker } from 'node:cluster';
import type { Logger } from 'pino';
import type { Clock } from '../clock';
import type { Config } from '../config';
import { maxConnections, RESERVED_CONNECTIONS, workerPoolSize } from '../db/capacity';
import type { SmsProvider } from '../deps';
import type { Jobs } from '../jobs';
import type { AnchorKey } from '../modules/chain';
import { isToPrimary, type ToWorker } from './messages';
import { prepareDatabase, startBackground, watchEmbedded } from './once';

/** The primary's own pool: migrations, the seed, the start-up anchor and the jobs' queries. */
const PRIMARY_POOL = 4;
/** A worker that dies this many times within CRASH_WINDOW_MS makes the service give up (exit 1). */
const MAX_CRASHES = 5;
const CRASH_WINDOW_MS = 60_000;
/** How long stopping workers may take to finish their requests before they are killed. */
const STOP_GRACE_MS = 15_000;

/**
 * The cluster's primary: does once what the service needs once (database, migrations, seed, the
 * job queue, today's anchor, the embedded server's watch), then forks `config.workers` workers that
 * serve on the shared port. A worker that dies is forked again after a pause that grows with each
 * death; MAX_CRASHES deaths within a minute end the service with exit code 1 for its supervisor.
 * SIGTERM/SIGINT stop the workers gracefully, then the job queue, then the embedded PostgreSQL.
 */
export async function runPrimary(deps: {
  config: Config;
  log: Logger;
  sms: SmsProvider;
  anchorKey: AnchorKey;
  clock: Clock;
}): Promise<void> {
  const { config, log } = deps;
  const { embedded, database, url } = await prepareDatabase(config, log, PRIMARY_POOL);
  const available = await maxConnections(database);
  const poolSize = workerPoolSize(available, config.workers);
  if (poolSize * config.workers + RESERVED_CONNECTIONS > available) {
    log.warn(
      { workers: config.workers, poolSize, maxConnections: available },
      'the workers may open more connections than PostgreSQL allows: lower YISHI_WORKERS or raise max_connections',
    );
  }
  let isJobQueueRunning = false;
  const broadcast = (message: ToWorker) => {
    for (const worker of Object.values(cluster.workers ?? {})) if (worker?.isConnected()) worker.send(message);
  };

  let jobs: Jobs | undefined = undefined;
  let isStopping = false;
  const crashes: number[] = [];
  const fork = (): Worker => {
    const worker = cluster.fork();
    worker.on('message', (message: unknown) => {
      if (isToPrimary(message) && message.kind === 'waiting') {
        worker.send({ kind: 'start', databaseUrl: url, poolSize, isJobQueueRunning } satisfies ToWorker);
      }
    });
    return worker;
  };
  cluster.on('exit', (worker, code, signal) => {
    if (isStopping) return;
    const now = Date.now();
    crashes.push(now);
    while (crashes.length > 0 && crashes[0]! < now - CRASH_WINDOW_MS) crashes.shift();
    if (crashes.length >= MAX_CRASHES) {
      log.fatal({ code, signal }, `workers died ${crashes.length} times within a minute; stopping the service`);
      void stop('workers keep dying', 1);
      return;
    }
    const pauseMs = Math.min(500 * 2 ** (crashes.length - 1), 10_000);
    log.error({ worker: worker.id, code, signal, pauseMs }, 'a worker died; starting another');
    setTimeout(() => {
      if (!isStopping) fork();
    }, pauseMs);
  });

  const stop = async (why: string, exitCode = 0) => {
    if (isStopping) return;
    isStopping = true;
    log.info(`${why}: shutting down`);
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve) => {
            if (worker.isDead()) return resolve();
            worker.once('exit', () => resolve());
            const kill = setTimeout(() => worker.process.kill('SIGKILL'), STOP_GRACE_MS);
            worker.once('exit', () => clearTimeout(kill));
            if (worker.isConnected()) worker.send({ kind: 'stop' } satisfies ToWorker);
            else worker.process.kill('SIGTERM');
          }),
      ),
    );
    await jobs?.stop();
    await database.close();
    await embedded?.release();
    process.exit(exitCode);
  };
  watchEmbedded(embedded, config, log);
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  for (let i = 0; i < config.workers; i++) fork();
  log.info({ workers: config.workers, poolSize, port: config.port }, 'workers started');
  // After forking, so the job queue's first start (it creates its schema) never delays serving.
  jobs = await startBackground({ url, database, sms: deps.sms, anchorKey: deps.anchorKey, clock: deps.clock, log });
  if (!jobs || isStopping) return;
  isJobQueueRunning = true;
  broadcast({ kind: 'job-queue', isRunning: true });
  jobs.boss.once('stopped', () => {
    isJobQueueRunning = false;
    broadcast({ kind: 'job-queue', isRunning: false });
  });
}
