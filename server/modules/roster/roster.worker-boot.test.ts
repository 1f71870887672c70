import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config';
import { probeRosterWorker, probeTask } from '../../test/roster-worker-probe';
import { RosterJobs } from './roster.jobs';

const root = path.resolve(import.meta.dirname, '../../..');
const probe = path.join(root, 'server/test/roster-worker-probe.ts');
const run = promisify(execFile);

/** The roster worker is TypeScript loaded through tsx in the thread itself: each way the app runs must load it. */
describe('roster worker thread', { timeout: 90_000 }, () => {
  it('loads under vitest', async () => {
    expect(await probeRosterWorker()).toEqual({ code: 'roster.file_type' });
  });

  it('keeps a worker after a small job and closes one whose heap grew past the limit', async () => {
    let kept = -1;
    await probeRosterWorker({}, (jobs) => {
      kept = jobs.workers;
    });
    expect(kept).toBe(1);
    let left = -1;
    // A limit of 0 MB: every heap is over it, so the worker closes as soon as it has answered.
    const outcome = await probeRosterWorker(
      {},
      async (jobs) => {
        for (let waited = 0; jobs.workers > 0 && waited < 10_000; waited += 50)
          await new Promise((resolve) => setTimeout(resolve, 50));
        left = jobs.workers;
      },
      0,
    );
    expect(outcome).toEqual({ code: 'roster.file_type' });
    expect(left).toBe(0);
  });

  it('starts the next job only once a worker closed after a big job has exited', async () => {
    const config = loadConfig({ NODE_ENV: 'test', YISHI_DEMO: 'false' }).roster;
    // A limit of 0 MB: the first worker closes as soon as it has answered, as after a city's preview.
    const jobs = new RosterJobs('postgres://probe@127.0.0.1:9/probe', config, 0);
    try {
      await expect(jobs.run(1, probeTask(config))).rejects.toMatchObject({ code: 'roster.file_type' });
      let most = 0;
      let isRunning = true;
      const watch = (async () => {
        while (isRunning) {
          most = Math.max(most, jobs.workers);
          await new Promise((resolve) => setImmediate(resolve));
        }
      })();
      await expect(jobs.run(1, probeTask(config))).rejects.toMatchObject({ code: 'roster.file_type' });
      isRunning = false;
      await watch;
      expect(most).toBe(1);
    } finally {
      await jobs.close();
    }
  });

  it.runIf(process.platform === 'linux')(
    'runs at YISHI_ROSTER_WORKER_NICE, the rest of the process unchanged',
    async () => {
      const niceOf = (task: string) =>
        Number(fs.readFileSync(`/proc/self/task/${task}/stat`, 'utf8').split(') ')[1]!.split(' ')[16]);
      let nices: number[] = [];
      const outcome = await probeRosterWorker({ YISHI_ROSTER_WORKER_NICE: '7' }, () => {
        nices = fs.readdirSync('/proc/self/task').map(niceOf);
      });
      expect(outcome).toEqual({ code: 'roster.file_type' });
      expect(nices.filter((n) => n === 7)).toHaveLength(1);
      expect(niceOf(String(process.pid))).not.toBe(7);
    },
  );

  it('loads under tsx, as `npm start` runs the server', async () => {
    const { stdout } = await run(path.join(root, 'node_modules/.bin/tsx'), [probe], { cwd: root });
    expect(JSON.parse(stdout.trim())).toEqual({ code: 'roster.file_type' });
  });

  it('loads under node --import tsx, as the process tests and the benchmarks run it', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', probe], { cwd: root });
    expect(JSON.parse(stdout.trim())).toEqual({ code: 'roster.file_type' });
  });
});
