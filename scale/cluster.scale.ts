import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../server/db/client';
import { startAppProcess, type AppProcess } from '../server/test/app-process';
import { createScaleDatabase } from './scale-database';

let database: Database;
let app: AppProcess | undefined;
beforeAll(async () => {
  database = await createScaleDatabase('yishi_scale_cluster');
});
afterAll(async () => {
  app?.child.kill('SIGKILL');
  await database?.close();
});

/** The app's worker processes: children of the primary running server/main.ts. */
function workersOf(primary: number): number[] {
  let listed = '';
  try {
    listed = execFileSync('ps', ['-o', 'pid=', '--ppid', String(primary)], { encoding: 'utf8' });
  } catch {
    // ps exits 1 when no process matches.
  }
  const children = listed
    .split('\n')
    .map(Number)
    .filter((pid) => pid > 0);
  return children.filter((pid) => {
    try {
      return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('server/main.ts');
    } catch {
      return false;
    }
  });
}

async function until<T>(what: string, probe: () => T | Promise<T>, ok: (value: T) => boolean, ms = 60_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('npm start with YISHI_WORKERS=2', () => {
  it('serves from two workers, replaces one that dies, and stops them all on SIGTERM', async () => {
    app = await startAppProcess({
      databaseUrl: database.url,
      env: { YISHI_WORKERS: '2' },
      readyPath: '/api/ready',
      readyWithinMs: 180_000,
    });
    const primary = app.child.pid!;
    const first = await until(
      'two workers',
      () => workersOf(primary),
      (w) => w.length === 2,
    );
    // Readiness in a worker follows the primary's job queue; /metrics reads the queue's tables.
    const ready = (await (await fetch(`${app.baseUrl}/api/ready`)).json()) as { checks: Record<string, string> };
    expect(ready.checks).toEqual({ database: 'ok', migrations: 'ok', jobQueue: 'ok' });
    expect(await (await fetch(`${app.baseUrl}/metrics`)).text()).toContain(
      'yishi_job_queue_depth{queue="ballots-close-due"}',
    );

    process.kill(first[0]!, 'SIGKILL');
    const second = await until(
      'a worker started in place of the killed one',
      () => workersOf(primary),
      (w) => w.length === 2 && !w.includes(first[0]!),
    );
    expect(second).toContain(first[1]);
    await until(
      'ready again',
      () =>
        fetch(`${app!.baseUrl}/api/ready`).then(
          (r) => r.status,
          () => 0,
        ),
      (s) => s === 200,
    );

    app.child.kill('SIGTERM');
    expect(await app.exited).toBe(0);
    expect(workersOf(primary)).toEqual([]);
    app = undefined;
  });
});
