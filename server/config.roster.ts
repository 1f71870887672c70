import { z } from 'zod';

/**
 * Caps on roster import and export, which run in worker threads (server/modules/roster/roster.jobs.ts):
 * a file or a subtree of any size must not stall other requests or exhaust the server's memory.
 */
export const rosterEnvSchema = z.object({
  /** Data rows one import file may hold; larger files are refused while they are read. */
  YISHI_ROSTER_MAX_ROWS: z.coerce.number().int().min(1).default(1_000_000),
  /** Size (MB) of one uploaded import file, streamed to disk; above the app's general 30 MB upload limit. */
  YISHI_ROSTER_MAX_UPLOAD_MB: z.coerce.number().int().min(1).default(100),
  /** Uncompressed size (MB) an .xlsx may unpack to, checked on the zip's entries before anything is read. */
  YISHI_ROSTER_MAX_UNZIPPED_MB: z.coerce.number().int().min(1).default(1024),
  /** Wall time (seconds) of one import or export before its worker is stopped and the request refused. */
  YISHI_ROSTER_JOB_SECONDS: z.coerce.number().int().min(1).default(300),
  /** Heap (MB) of one roster worker thread; a file that needs more is refused. */
  YISHI_ROSTER_WORKER_MB: z.coerce.number().int().min(64).default(384),
  /**
   * Scheduling niceness (Linux, 0–19) of roster worker threads: above 0 the event loop answering other
   * requests gets the CPU first when it is short, and an import takes what is left.
   */
  YISHI_ROSTER_WORKER_NICE: z.coerce.number().int().min(0).max(19).default(0),
  /** Roster imports and exports running at once in this process (each account runs one at a time). */
  YISHI_ROSTER_JOBS: z.coerce.number().int().min(1).default(2),
});

export type RosterConfig = {
  maxRows: number;
  maxUploadBytes: number;
  maxUnzippedBytes: number;
  jobMs: number;
  workerHeapMb: number;
  workerNice: number;
  concurrentJobs: number;
};

export function rosterConfigFrom(e: z.infer<typeof rosterEnvSchema>): RosterConfig {
  return {
    maxRows: e.YISHI_ROSTER_MAX_ROWS,
    maxUploadBytes: e.YISHI_ROSTER_MAX_UPLOAD_MB * 2 ** 20,
    maxUnzippedBytes: e.YISHI_ROSTER_MAX_UNZIPPED_MB * 2 ** 20,
    jobMs: e.YISHI_ROSTER_JOB_SECONDS * 1000,
    workerHeapMb: e.YISHI_ROSTER_WORKER_MB,
    workerNice: e.YISHI_ROSTER_WORKER_NICE,
    concurrentJobs: e.YISHI_ROSTER_JOBS,
  };
}
