import { Worker } from 'node:worker_threads';
import type { RosterConfig } from '../../config.roster';
import { AppError } from '../../errors';
import type { RosterTask, TaskResult, WorkerReply } from './roster.worker';

/** An idle worker is kept this long for the next job, then closed. */
const IDLE_MS = 30_000;
/**
 * A worker whose heap is above this after a job is closed at once instead of waiting idle: V8 keeps
 * the pages a big import grew (~126 MB after a city's 1,000,000 rows), while a new worker for the next
 * job starts in well under a second.
 */
const KEEP_HEAP_MB = 64;
/**
 * A worker's young generation: an import allocates short-lived rows all the time, and V8 keeps the
 * young generation at its cap while it does. Validating 200,000 residents (docs/benchmarks.md,
 * 2026-12-07) took 15–27 % less CPU at 32 MB than at 8 (fewer scavenges, fewer rows promoted to be
 * collected again), for ~25 MiB more at the peak; a city's import is bound by CPU, and the memory it
 * needed fell once no process kept the names.
 */
const YOUNG_GENERATION_MB = 32;
/** A worker told to close that has not exited after this long is stopped. */
const CLOSE_MS = 5_000;

/**
 * From the sources (tsx), the worker boots through a file that registers tsx; in the production bundle
 * (build/server/app.mjs, scripts/build-server.ts) it is the worker's own bundle, already JavaScript.
 */
const isBundle = import.meta.url.endsWith('.mjs');
const bootFile = isBundle
  ? new URL('./roster-worker.mjs', import.meta.url)
  : new URL('./roster.worker-boot.mjs', import.meta.url);
const entryFile = new URL('./roster.worker.ts', import.meta.url).href;

type Slot = { worker: Worker; idleTimer?: NodeJS.Timeout };

/**
 * Runs roster imports and exports in worker threads, off the event loop that answers everyone else.
 * Limits: one job per account at a time (429 `roster.job_running`), `concurrentJobs` in the process
 * (429 `roster.busy`), a wall time after which the worker is stopped (422 `roster.job_timeout`) and a
 * heap per worker (413 `roster.file_too_complex` when a file needs more). A stopped worker's open
 * transaction dies with its connection, so nothing is half-written. Per process: several app processes
 * each apply their own limits.
 */
export class RosterJobs {
  private readonly idle: Slot[] = [];
  private readonly all = new Set<Worker>();
  private readonly accounts = new Set<number>();
  /**
   * Workers closing after a big job. The next job waits for them: a preview's commit follows it at
   * once, and two big heaps at a time (the closing one, and the new worker's) took the app's RSS of a
   * city's import from ~400 to 512 MiB.
   */
  private readonly closing = new Set<Promise<void>>();
  private active = 0;

  constructor(
    private readonly databaseUrl: string,
    private readonly config: RosterConfig,
    private readonly keepHeapMb = KEEP_HEAP_MB,
  ) {}

  /** How many jobs run now (for tests and metrics). */
  get running(): number {
    return this.active;
  }

  /** How many worker threads are up, running or idle (for tests). */
  get workers(): number {
    return this.all.size;
  }

  async run(accountId: number, task: RosterTask): Promise<TaskResult> {
    if (this.accounts.has(accountId)) throw new AppError(429, 'roster.job_running');
    if (this.active >= this.config.concurrentJobs) throw new AppError(429, 'roster.busy');
    this.accounts.add(accountId);
    this.active += 1;
    try {
      if (this.closing.size > 0) await Promise.all(this.closing);
      return await this.execute(task);
    } finally {
      this.accounts.delete(accountId);
      this.active -= 1;
    }
  }

  /** Stops every worker (app shutdown); running jobs fail. */
  async close(): Promise<void> {
    await Promise.all([...this.all].map((worker) => worker.terminate()));
    this.idle.length = 0;
  }

  private spawn(): Slot {
    const worker = new Worker(bootFile, {
      workerData: { entry: entryFile, databaseUrl: this.databaseUrl, nice: this.config.workerNice },
      resourceLimits: {
        maxOldGenerationSizeMb: this.config.workerHeapMb,
        maxYoungGenerationSizeMb: YOUNG_GENERATION_MB,
      },
    });
    // An idle worker never holds the process open.
    worker.unref();
    this.all.add(worker);
    // Errors of a running job are handled by `execute`; this keeps a stray one from crashing the app.
    worker.on('error', () => undefined);
    worker.once('exit', () => {
      this.all.delete(worker);
      const index = this.idle.findIndex((slot) => slot.worker === worker);
      if (index >= 0) this.idle.splice(index, 1);
    });
    return { worker };
  }

  private release(slot: Slot, heapMb: number): void {
    if (heapMb > this.keepHeapMb) {
      const { worker } = slot;
      const stopper = setTimeout(() => void worker.terminate(), CLOSE_MS).unref();
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      this.closing.add(exited);
      void exited.then(() => {
        clearTimeout(stopper);
        this.closing.delete(exited);
      });
      worker.postMessage({ type: 'close' });
      return;
    }
    slot.idleTimer = setTimeout(() => {
      const index = this.idle.indexOf(slot);
      if (index >= 0) this.idle.splice(index, 1);
      slot.worker.postMessage({ type: 'close' });
    }, IDLE_MS);
    slot.idleTimer.unref();
    this.idle.push(slot);
  }

  private execute(task: RosterTask): Promise<TaskResult> {
    const slot = this.idle.pop() ?? this.spawn();
    clearTimeout(slot.idleTimer);
    const { worker } = slot;
    return new Promise<TaskResult>((resolve, reject) => {
      const finish = () => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
      };
      const stop = (error: unknown) => {
        finish();
        void worker.terminate();
        reject(error);
      };
      const timer = setTimeout(
        () =>
          stop(new AppError(422, 'roster.job_timeout', { params: { seconds: Math.round(this.config.jobMs / 1000) } })),
        this.config.jobMs,
      );
      const onMessage = (reply: WorkerReply) => {
        finish();
        this.release(slot, reply.heapMb);
        if (reply.ok) resolve(reply.result);
        else if (reply.appError) {
          const { status, code, options } = reply.appError;
          reject(new AppError(status, code, options));
        } else reject(new Error(`roster worker: ${reply.message}`));
      };
      const onError = (error: Error & { code?: string }) =>
        stop(
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new AppError(413, 'roster.file_too_complex', { field: 'file' })
            : error,
        );
      const onExit = (code: number) => stop(new Error(`roster worker exited with code ${code}`));
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage(task);
    });
  }
}
