import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { probeRosterWorker } from '../../test/roster-worker-probe';

const root = path.resolve(import.meta.dirname, '../../..');
const probe = path.join(root, 'server/test/roster-worker-probe.ts');
const run = promisify(execFile);

/** The roster worker is TypeScript loaded through tsx in the thread itself: each way the app runs must load it. */
describe('roster worker thread', { timeout: 90_000 }, () => {
  it('loads under vitest', async () => {
    expect(await probeRosterWorker()).toEqual({ code: 'roster.file_type' });
  });

  it('loads under tsx, as `npm start` runs the server', async () => {
    const { stdout } = await run(path.join(root, 'node_modules/.bin/tsx'), [probe], { cwd: root });
    expect(JSON.parse(stdout.trim())).toEqual({ code: 'roster.file_type' });
  });

  it('loads under node --import tsx, as the process tests and the benchmarks run it', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', probe], { cwd: root });
    expect(JSON.parse(stdout.trim())).toEqual({ code: 'roster.file_type' });
  });
});
