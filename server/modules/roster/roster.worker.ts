import fs from 'node:fs';
import os from 'node:os';
import v8 from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase, type Database } from '../../db/client';
import { AppError } from '../../errors';
import type { Locale } from '../../i18n/messages';
import { presentImport } from './roster.presenter';
import type { StoredPlace } from './roster.repository';
import type { ImportReply } from '../../../contracts/roster';
import { importRoster, type ImportCommand } from './roster.import';
import type { RosterFileNames } from './roster.service';
import type { RosterKind } from '../../../domain/roster';
import type { SheetFormat } from './roster.files';

/*
 * A roster worker thread: runs one import or export at a time on its own small database pool, so the
 * main thread's event loop only hands the file over and sends the answer. Started by roster.jobs.ts.
 */

export type ImportTask = { type: 'import'; command: ImportCommand; locale: Locale };
export type ExportTask = {
  type: 'export';
  command: { accountId: number; scope: StoredPlace; kind: RosterKind; format: SheetFormat; filePath: string };
};
export type RosterTask = ImportTask | ExportTask;

export type ImportResult = {
  view: ImportReply;
  refusal: 'problems' | 'warnings' | null;
  problemCount: number;
  warningCount: number;
};
export type TaskResult = ImportResult | RosterFileNames;

type JobOutcome =
  | { ok: true; result: TaskResult }
  | { ok: false; appError?: { status: number; code: AppError['code']; options: AppError['options'] }; message: string };
export type WorkerReply = JobOutcome & {
  /** The worker's heap (MB) after the job: the pool keeps a worker for the next job only when it is small. */
  heapMb: number;
};

const { databaseUrl, nice } = workerData as { databaseUrl: string; nice?: number };
/** Two connections: a commit's transaction, and the look-ups of the chunk validated while it writes. */
let database: Database | undefined;
const db = () => (database ??= openDatabase(databaseUrl, 2)).db;

/**
 * Linux keeps a nice value per thread: this worker's own (its id from /proc/thread-self) is raised so
 * the main thread's event loop, answering everyone else, comes first when the CPU is short.
 */
function lowerPriority(value: number): void {
  if (value <= 0) return;
  try {
    const threadId = Number(fs.readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(threadId) && threadId > 0) os.setPriority(threadId, value);
  } catch {
    // Not Linux, or not allowed: the worker keeps the process's priority.
  }
}
lowerPriority(nice ?? 0);

async function run(task: RosterTask): Promise<TaskResult> {
  if (task.type === 'export') {
    // The export's writer (ExcelJS and its zip libraries) loads with the first export: a worker that
    // only imports never holds it (~10 MiB less resident memory during a city's import).
    const { exportRoster } = await import('./roster.service');
    return exportRoster(db(), task.command);
  }
  // Uploads come as a file on disk; a file in memory comes over structured clone as a plain Uint8Array.
  const { source } = task.command;
  const bytes = 'buffer' in source ? (source.buffer as Uint8Array) : null;
  const outcome = await importRoster(db(), {
    ...task.command,
    source: bytes ? { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) } : source,
  });
  return {
    view: presentImport(outcome, task.locale),
    refusal: outcome.refusal,
    problemCount: outcome.problemCount,
    warningCount: outcome.warningCount,
  };
}

parentPort!.on('message', async (message: RosterTask | { type: 'close' }) => {
  if (message.type === 'close') {
    await database?.close().catch(() => undefined);
    process.exit(0);
  }
  let reply: JobOutcome;
  try {
    reply = { ok: true, result: await run(message) };
  } catch (error) {
    reply =
      error instanceof AppError
        ? {
            ok: false,
            appError: { status: error.status, code: error.code, options: error.options },
            message: error.code,
          }
        : // drizzle puts the bound parameters (names, phones) after "params:": they stay in the worker.
          { ok: false, message: (error instanceof Error ? error.message : String(error)).split('\nparams:')[0]! };
  }
  parentPort!.postMessage({ ...reply, heapMb: Math.round(v8.getHeapStatistics().total_heap_size / 2 ** 20) });
});
