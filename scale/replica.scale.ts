import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../server/db/client';
import { startAppProcess, type AppProcess } from '../server/test/app-process';
import { buildStaff, buildTerritory } from '../server/test/factories';
import { buildMatter } from '../server/test/matter-factories';
import { startReplicaPair, type ReplicaPair } from '../server/test/replica-pair';

/** The lag bound the app runs with here: reads leave the replica past it. */
const MAX_LAG_SECONDS = 5;

type Ready = {
  status: string;
  checks: Record<string, string>;
  replica?: { state: string; readsFrom: string; isPrimaryReachable: boolean };
};

const get = (url: string, init: RequestInit = {}) => fetch(url, { ...init, signal: AbortSignal.timeout(8000) });

async function readyOf(app: AppProcess): Promise<Ready> {
  return (await get(`${app.baseUrl}/api/ready`)).json() as Promise<Ready>;
}

/** Polls `probe` until it returns true; returns the milliseconds it took. */
async function waitFor(what: string, probe: () => Promise<boolean>, withinMs: number): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < withinMs) {
    if (await probe().catch(() => false)) return performance.now() - started;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${what}: not within ${withinMs} ms`);
}

/** Calls of statements reading the matters table that this server ran (pg_stat_statements). */
async function mattersReads(database: Database): Promise<number> {
  const { rows } = await database.db.execute<{ calls: number }>(
    sql`select coalesce(sum(calls), 0)::int as calls from pg_stat_statements where query ilike '%from "matters"%'`,
  );
  return rows[0]!.calls;
}

/** A decided public matter written on the primary (its page is public at once). */
async function publicMatter(db: Database['db'], placeId: number, proposerAccountId: number, title: string) {
  return buildMatter(db, { placeId, proposerAccountId, status: 'resolved', visibility: 'public', title });
}

describe('a primary with a streaming read replica', () => {
  let pair: ReplicaPair;
  let app: AppProcess;
  let primary: Database;
  let replica: Database;
  let placeId: number;
  let proposerId: number;

  beforeAll(async () => {
    pair = await startReplicaPair();
    app = await startAppProcess({
      databaseUrl: pair.primaryUrl,
      env: { DATABASE_REPLICA_URL: pair.replicaUrl, YISHI_REPLICA_MAX_LAG_SECONDS: String(MAX_LAG_SECONDS) },
      readyPath: '/api/ready',
      // A loaded CI machine may take a while to migrate a fresh database and start the job queue.
      readyWithinMs: 180_000,
    });
    primary = openDatabase(pair.primaryUrl, 2);
    replica = openDatabase(pair.replicaUrl, 2);
    const territory = await buildTerritory(primary.db);
    placeId = territory.building.id;
    proposerId = (await buildStaff(primary.db, { role: 'convenor', placeId: territory.community.id })).id;
  });

  afterAll(async () => {
    if (app && app.child.exitCode === null) {
      app.child.kill('SIGTERM');
      await Promise.race([app.exited, new Promise((r) => setTimeout(r, 15_000))]);
    }
    await primary?.close().catch(() => undefined);
    await replica?.close().catch(() => undefined);
    await pair?.close();
  });

  it('reports the replica in /api/ready and /metrics, reads going to it', async () => {
    await waitFor('reads on the replica', async () => (await readyOf(app)).replica?.readsFrom === 'replica', 10_000);
    expect((await readyOf(app)).replica).toMatchObject({ state: 'ok', readsFrom: 'replica' });
    const metrics = await (await get(`${app.baseUrl}/metrics`)).text();
    expect(metrics).toMatch(/^yishi_db_reads_from_replica 1$/m);
    expect(metrics).toMatch(/^yishi_db_replica_state\{state="ok"\} 1$/m);
    expect(metrics).toMatch(/^yishi_db_replica_lag_seconds \d/m);
  });

  it('serves a public matter page from the replica, a write on the primary showing within the lag bound', async () => {
    const matter = await publicMatter(primary.db, placeId, proposerId, '河滨小区路灯维修');
    const pageUrl = `${app.baseUrl}/api/public/matters/${matter.id}`;
    const tookMs = await waitFor('the new matter on its public page', async () => (await get(pageUrl)).ok, 15_000);
    expect(tookMs).toBeLessThan((MAX_LAG_SECONDS + 1) * 1000);

    const [onReplicaBefore, onPrimaryBefore] = [await mattersReads(replica), await mattersReads(primary)];
    for (let i = 0; i < 5; i++) expect((await get(pageUrl)).status).toBe(200);
    // The page's reads ran on the replica, not on the primary.
    expect((await mattersReads(replica)) - onReplicaBefore).toBeGreaterThanOrEqual(5);
    expect((await mattersReads(primary)) - onPrimaryBefore).toBeLessThan(5);
    const open = await get(`${app.baseUrl}/api/public/open-data/matters.json`);
    expect(open.status).toBe(200);
    expect(await open.text()).toContain(`"matter_id":${matter.id},`);
  });

  it('sends reads to the primary while the replica lags past the bound, and back once it catches up', async () => {
    const pausedAt = performance.now();
    await replica.db.execute(sql`select pg_wal_replay_pause()`);
    try {
      const matter = await publicMatter(primary.db, placeId, proposerId, '梧桐街道垃圾分类点改建');
      const pageUrl = `${app.baseUrl}/api/public/matters/${matter.id}`;
      // Within the bound the page reads the paused replica, which does not hold the matter yet.
      expect((await get(pageUrl)).status).toBe(404);
      await waitFor(
        'reads on the primary',
        async () => (await readyOf(app)).replica?.readsFrom === 'primary',
        (MAX_LAG_SECONDS + 5) * 1000,
      );
      // Not before the bound: the replica held every position noted up to (at most a check before) the pause.
      expect(performance.now() - pausedAt).toBeGreaterThan((MAX_LAG_SECONDS - 1.5) * 1000);
      expect((await readyOf(app)).replica).toMatchObject({ state: 'lagging' });
      expect((await get(pageUrl)).status).toBe(200);
    } finally {
      await replica.db.execute(sql`select pg_wal_replay_resume()`);
    }
    await waitFor(
      'reads back on the replica',
      async () => (await readyOf(app)).replica?.readsFrom === 'replica',
      10_000,
    );
  });

  it('keeps public pages up from the replica when the primary stops, while writes fail with 503', async () => {
    const matter = await publicMatter(primary.db, placeId, proposerId, '新联村河道清理');
    const pageUrl = `${app.baseUrl}/api/public/matters/${matter.id}`;
    await waitFor('the matter on the replica', async () => (await get(pageUrl)).ok, 15_000);

    await pair.stopPrimary();
    for (const path of [
      `/api/public/matters/${matter.id}`,
      '/api/public/open-data/matters.csv',
      '/api/public/showcase',
    ]) {
      expect((await get(`${app.baseUrl}${path}`)).status, path).toBe(200);
    }
    // A write (a password login records the attempt and opens a session) needs the primary: 503, a stable code.
    const csrf = 'replica-test-csrf-token'; // double submit: the same value as cookie and header
    const login = await get(`${app.baseUrl}/api/auth/login/password`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrf, cookie: `yishi_csrf=${csrf}` },
      body: JSON.stringify({ phone: '13700000001', password: 'demo1234' }),
    });
    expect(login.status).toBe(503);
    expect(((await login.json()) as { error: { code: string } }).error.code).toBe('service.unavailable');

    // The next replica check (every second) notices the primary gone; reads stay on the replica.
    let ready = await readyOf(app);
    await waitFor(
      'the primary seen as gone',
      async () => (ready = await readyOf(app)).replica?.isPrimaryReachable === false,
      10_000,
    );
    expect(ready.checks.database).not.toBe('ok');
    // Ready for reads only, so a load balancer keeps the process in rotation for the public pages.
    expect(ready.status).toBe('read-only');
    expect((await get(`${app.baseUrl}/api/ready`)).status).toBe(200);
    expect(ready.replica).toMatchObject({ state: 'ok', readsFrom: 'replica', isPrimaryReachable: false });
    // Some seconds on, the app is still up and still serving the public page.
    await new Promise((r) => setTimeout(r, 3000));
    expect(app.child.exitCode).toBeNull();
    expect((await get(pageUrl)).status).toBe(200);
    expect((await get(`${app.baseUrl}/api/health`)).status).toBe(200);
  });
});
