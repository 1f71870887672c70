/** What the primary tells a worker (over the cluster's IPC channel). */
export type ToWorker =
  /** Start serving: the database the primary prepared and this worker's share of its connections. */
  | { kind: 'start'; databaseUrl: string; poolSize: number; isJobQueueRunning: boolean }
  /** The job queue (run by the primary) started or stopped: /api/ready reports it. */
  | { kind: 'job-queue'; isRunning: boolean }
  /** Stop accepting, finish what is in flight, exit 0. */
  | { kind: 'stop' };

/** What a worker tells the primary: it waits for `start` (sent only then: a message before would be lost). */
export type ToPrimary = { kind: 'waiting' } | { kind: 'listening' };

export function isToWorker(message: unknown): message is ToWorker {
  return typeof message === 'object' && message !== null && 'kind' in message;
}

export function isToPrimary(message: unknown): message is ToPrimary {
  return typeof message === 'object' && message !== null && 'kind' in message;
}
