import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres } from './embedded';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yishi-embedded-'));
fs.chmodSync(dataDir, 0o777);
const port = 54369;
const log = () => undefined;

/** Starts the embedded server from a separate app process, as `npm start` would. */
function startInChild(): Promise<{ pid: number }> {
  const script = `import { startEmbeddedPostgres } from ${JSON.stringify(path.resolve('server/db/embedded.ts'))};
    await startEmbeddedPostgres(${JSON.stringify(dataDir)}, ${port}, () => undefined);
    console.log('ready'); setInterval(() => undefined, 1000);`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve({ pid: child.pid! }));
    child.on('exit', (code) => reject(new Error(`child exited with ${code}`)));
  });
}

async function countRows(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('create table if not exists marks (id int)');
    await client.query('insert into marks values (1)');
    return (await client.query<{ n: number }>('select count(*)::int as n from marks')).rows[0]!.n;
  } finally {
    await client.end();
  }
}

describe('embedded PostgreSQL lifecycle', () => {
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('reuses the server a SIGKILLed app left running, keeping its data', { timeout: 60_000 }, async () => {
    const child = await startInChild();
    process.kill(child.pid, 'SIGKILL');
    const server = await startEmbeddedPostgres(dataDir, port, log);
    expect(server.origin).toBe('reused');
    expect(await countRows(server.url)).toBe(1);

    // A second app process on the same folder attaches knowingly and does not stop the server on exit.
    const second = await startEmbeddedPostgres(dataDir, port, log);
    expect(second.origin).toBe('reused');
    expect(await countRows(second.url)).toBe(2);
    await server.release();
    await second.release();
  });

  it('starts afresh after the server itself was killed, leaving a stale pid file', { timeout: 60_000 }, async () => {
    const server = await startEmbeddedPostgres(dataDir, port, log);
    const pidFile = path.join(dataDir, 'pg', 'postmaster.pid');
    const postmaster = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
    process.kill(postmaster, 'SIGKILL');
    await new Promise((r) => setTimeout(r, 300));
    expect(fs.existsSync(pidFile)).toBe(true);

    const restarted = await startEmbeddedPostgres(dataDir, port, log);
    expect(restarted.origin).toBe('started');
    expect(await countRows(restarted.url)).toBe(3);
    await restarted.release();
    await server.release();
    expect(fs.existsSync(pidFile)).toBe(false);
  });

  it(
    'lets two processes start together on a fresh folder: one starts the server, the other reuses it',
    { timeout: 90_000 },
    async () => {
      const freshDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yishi-embedded-fresh-'));
      fs.chmodSync(freshDir, 0o777);
      try {
        // Both create the app's database if it is missing: under the start lock, or one would fail with
        // "duplicate key value violates unique constraint pg_database_datname_index".
        const servers = await Promise.all([
          startEmbeddedPostgres(freshDir, port + 1, log),
          startEmbeddedPostgres(freshDir, port + 1, log),
        ]);
        expect(servers.map((s) => s.origin).sort()).toEqual(['reused', 'started']);
        expect(await countRows(servers[0].url)).toBe(1);
        expect(await countRows(servers[1].url)).toBe(2);
        for (const server of servers) await server.release();
      } finally {
        fs.rmSync(freshDir, { recursive: true, force: true });
      }
    },
  );
});
