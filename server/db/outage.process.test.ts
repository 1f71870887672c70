import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort, startAppProcess, type AppProcess } from '../test/app-process';
import { createTestDatabase } from '../test/database';
import { openDatabase, type Database } from './client';
import { accounts, sessions } from './schema';
import { sha256 } from '../hash';

/** A staff account with a session written straight into the database; returns the session cookie. */
async function sessionCookie(database: Database): Promise<string> {
  const [account] = await database.db
    .insert(accounts)
    .values({ phone: `199${String(Date.now()).slice(-8)}`, displayName: '值班员' })
    .returning({ id: accounts.id });
  const token = randomBytes(24).toString('base64url');
  await database.db.insert(sessions).values({
    tokenHash: sha256(token),
    accountId: account!.id,
    expiresAt: new Date(Date.now() + 3_600_000),
  });
  return `yishi_session=${token}`;
}

const statusOf = (url: string, cookie?: string) =>
  fetch(url, { headers: cookie ? { cookie } : {}, signal: AbortSignal.timeout(8000) })
    .then((r) => r.status)
    .catch(() => 0);

/** Polls until `url` answers `status`; returns the milliseconds it took. */
async function waitForStatus(url: string, status: number, withinMs: number): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < withinMs) {
    if ((await statusOf(url)) === status) return performance.now() - started;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not answer ${status} within ${withinMs} ms`);
}

/** Whether the session cookie still names an account (a logged-in request served). */
async function isLoggedIn(baseUrl: string, cookie: string): Promise<boolean> {
  const response = await fetch(`${baseUrl}/api/session`, { headers: { cookie } });
  if (!response.ok) return false;
  return Boolean(((await response.json()) as { account?: unknown }).account);
}

describe('PostgreSQL outages under a running app process', () => {
  let app: AppProcess | undefined;
  const cleanups: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    if (app && app.child.exitCode === null) {
      app.child.kill('SIGTERM');
      await Promise.race([app.exited, new Promise((r) => setTimeout(r, 15_000))]);
    }
    app = undefined;
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  it('restarts a killed embedded PostgreSQL: /api/ready turns 503 within 5 s, then the app serves again', async () => {
    const dataDir = path.resolve(`data/test-outage-${process.pid}`);
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.mkdirSync(dataDir, { recursive: true });
    cleanups.push(async () => fs.rmSync(dataDir, { recursive: true, force: true }));
    const pgPort = await freePort();
    app = await startAppProcess({ dataDir, pgPort, readyPath: '/api/ready', readyWithinMs: 90_000 });
    const database = openDatabase(`postgres://postgres:yishi-local@127.0.0.1:${pgPort}/yishi`, 1);
    const cookie = await sessionCookie(database);
    await database.close();
    expect(await isLoggedIn(app.baseUrl, cookie)).toBe(true);

    const postmaster = Number(fs.readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
    process.kill(postmaster, 'SIGKILL');
    const down = await waitForStatus(`${app.baseUrl}/api/ready`, 503, 5000);
    expect(down).toBeLessThan(5000);
    expect(await statusOf(`${app.baseUrl}/api/health`)).toBe(200);

    const back = await waitForStatus(`${app.baseUrl}/api/ready`, 200, 60_000);
    console.info(
      `embedded PostgreSQL killed: ready 503 after ${Math.round(down)} ms, 200 again ${Math.round(back)} ms later`,
    );
    expect(await isLoggedIn(app.baseUrl, cookie)).toBe(true); // 'session_actor' prepared again on new connections
    // The job queue's own connections came back too: the scrape reads its queues through pg-boss.
    const metrics = await (await fetch(`${app.baseUrl}/metrics`)).text();
    expect(metrics).toMatch(/^yishi_job_queue_depth\{queue="ballots-close-due"\} \d+$/m);
    const restarted = Number(fs.readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
    expect(restarted).not.toBe(postmaster);
    expect(app.child.exitCode).toBeNull();
    expect(app.output()).toContain('PostgreSQL stopped unexpectedly');
  }, 180_000);

  it('exits non-zero for its supervisor when the killed embedded PostgreSQL cannot be started again', async () => {
    const dataDir = path.resolve(`data/test-outage-exit-${process.pid}`);
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.mkdirSync(dataDir, { recursive: true });
    const pgPort = await freePort();
    app = await startAppProcess({
      dataDir,
      pgPort,
      readyPath: '/api/ready',
      readyWithinMs: 90_000,
      env: { YISHI_PG_RESTART_SECONDS: '3' },
    });
    const postmaster = Number(fs.readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
    const squatter = net.createServer();
    cleanups.push(async () => {
      squatter.close();
      // The cluster is down by now; nothing else to stop.
      fs.rmSync(dataDir, { recursive: true, force: true });
    });
    process.kill(postmaster, 'SIGKILL');
    // Something else takes PostgreSQL's port the moment it is free: the restart cannot succeed.
    for (let i = 0; i < 100; i++) {
      const isBound = await new Promise<boolean>((resolve) => {
        squatter.once('error', () => resolve(false));
        squatter.listen(pgPort, '127.0.0.1', () => resolve(true));
      });
      if (isBound) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    await waitForStatus(`${app.baseUrl}/api/ready`, 503, 5000);
    const code = await Promise.race([app.exited, new Promise((r) => setTimeout(() => r('still running'), 30_000))]);
    expect(code).not.toBe(0);
    expect(code).not.toBe('still running');
    expect(app.output()).toContain('could not be restarted');
  }, 180_000);

  it('answers 503 (never 500) while an external database terminates its connections, then recovers', async () => {
    const database = await createTestDatabase();
    cleanups.push(() => database.close());
    app = await startAppProcess({ databaseUrl: database.url, readyPath: '/api/ready' });
    const cookie = await sessionCookie(database);
    expect(await isLoggedIn(app.baseUrl, cookie)).toBe(true);

    const seen: number[] = [];
    const until = Date.now() + 3000;
    let isTerminating = true;
    const terminator = (async () => {
      while (isTerminating) {
        await database.db.execute(
          sql`select pg_terminate_backend(pid) from pg_stat_activity
              where datname = current_database() and pid <> pg_backend_pid()`,
        );
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    while (Date.now() < until) {
      seen.push(await statusOf(`${app.baseUrl}/api/session`, cookie), await statusOf(`${app.baseUrl}/api/ready`));
    }
    isTerminating = false;
    await terminator;

    const strays = seen.filter((s) => s !== 200 && s !== 503);
    expect(strays.length, `statuses other than 200/503 (0 = no answer); app output:\n${app.output()}`).toBe(0);
    expect(seen).toContain(503);
    const back = await waitForStatus(`${app.baseUrl}/api/ready`, 200, 10_000);
    const counts = [200, 503].map((status) => `${seen.filter((s) => s === status).length}× ${status}`).join(', ');
    console.info(`connections terminated for 3 s: ${counts}; ready again ${Math.round(back)} ms after`);
    expect(await isLoggedIn(app.baseUrl, cookie)).toBe(true);
    expect(app.child.exitCode).toBeNull();
  }, 120_000);
});
