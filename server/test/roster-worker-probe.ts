/**
 * Runs one roster job in a real roster worker thread and prints its outcome as JSON: a PDF "import",
 * refused by the worker before any database access. Run by roster.worker-boot.test.ts under `tsx`
 * (what `npm start` uses) and `node --import tsx` (the process tests), to prove the worker loads there.
 */
import { loadConfig } from '../config';
import { AppError } from '../errors';
import type { RosterConfig } from '../config.roster';
import { RosterJobs } from '../modules/roster/roster.jobs';
import type { RosterTask } from '../modules/roster/roster.worker';

export async function probeRosterWorker(
  env: Record<string, string> = {},
  /** Called after the job, before the pool is closed (the worker idle, unless its heap was too large to keep). */
  inspect: (jobs: RosterJobs) => void | Promise<void> = () => undefined,
  /** The pool's `keepHeapMb`: above it a worker is closed after its job. */
  keepHeapMb?: number,
): Promise<{ code: string }> {
  const config = loadConfig({ NODE_ENV: 'test', YISHI_DEMO: 'false', ...env }).roster;
  const jobs = new RosterJobs('postgres://probe@127.0.0.1:9/probe', config, keepHeapMb);
  try {
    await jobs.run(1, probeTask(config));
    return { code: 'none' };
  } catch (error) {
    return { code: error instanceof AppError ? error.code : `unexpected: ${String(error)}` };
  } finally {
    await inspect(jobs);
    await jobs.close();
  }
}

/** A PDF "import": refused by the worker before any database access. */
export function probeTask(config: RosterConfig): RosterTask {
  const scope = {
    id: 1,
    code: 'P',
    name: '探针',
    kind: 'community' as const,
    path: '/1/',
    parentCode: null,
    isRural: false,
  };
  const command = {
    accountId: 1,
    scope,
    kind: 'residents' as const,
    mode: 'validate' as const,
    fileName: 'roster.pdf',
    source: { buffer: Buffer.from('%PDF-1.4 probe') },
    today: '2026-01-01',
    acknowledgeWarnings: false,
    caps: { maxRows: config.maxRows, maxUnzippedBytes: config.maxUnzippedBytes },
  };
  return { type: 'import', command, locale: 'en' };
}

if (process.argv[1]?.endsWith('roster-worker-probe.ts')) console.log(JSON.stringify(await probeRosterWorker()));
