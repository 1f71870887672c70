import type PgBoss from 'pg-boss';
import type { ReplicaProbe } from '../db/replica';

/** What the operator routes need to know about the job queue. */
export interface JobQueueProbe {
  /** Started in this process and not stopped. */
  isRunning(): boolean;
  /** Jobs waiting (created or retrying, not yet active) per queue. */
  queueDepths(): Promise<Record<string, number>>;
}

/**
 * Parts of the app started outside buildApp: server/main.ts starts the job queue after listening and
 * hands it over here; /api/ready and /metrics read it. Tests set a probe of their own.
 */
export class AppRuntime {
  jobQueue: JobQueueProbe | undefined;
  /** The read replica's monitor, when DATABASE_REPLICA_URL is set. */
  replica: ReplicaProbe | undefined;
  /** Whether this process runs the job queue at all: when it does, readiness waits for it. */
  readonly expectsJobQueue: boolean;
  constructor(opts: { expectsJobQueue: boolean }) {
    this.expectsJobQueue = opts.expectsJobQueue;
  }
}

/** The job queue did not start: readiness reports it stopped. */
export const jobQueueNotStarted: JobQueueProbe = { isRunning: () => false, queueDepths: async () => ({}) };

/** A probe on a started pg-boss: running until it emits `stopped`. */
export function probeJobQueue(boss: PgBoss): JobQueueProbe {
  let isRunning = true;
  boss.once('stopped', () => (isRunning = false));
  return {
    isRunning: () => isRunning,
    queueDepths: async () => {
      const queues = await boss.getQueues();
      const sizes = await Promise.all(queues.map((q) => boss.getQueueSize(q.name)));
      return Object.fromEntries(queues.map((q, i) => [q.name, sizes[i] ?? 0]));
    },
  };
}
