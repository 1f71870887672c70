import { PassThrough } from 'node:stream';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../app';
import { loadConfig } from '../config';
import { openDatabase } from '../db/client';
import { residents } from '../db/schema';
import { afterDeliberationWorld, type AfterDeliberationWorld } from '../test/after-deliberation.fixtures';
import { residentClient } from '../test/ballot-factories';
import { startTcpProxy } from '../test/tcp-proxy';
import { AppRuntime, type JobQueueProbe } from './runtime';

describe('health, readiness and outages', () => {
  let w: AfterDeliberationWorld;
  const runtime = new AppRuntime({ expectsJobQueue: true });
  let isQueueRunning = true;
  const probe: JobQueueProbe = {
    isRunning: () => isQueueRunning,
    queueDepths: async () => ({ 'ballots-close-due': 2, 'sms-send': 0 }),
  };
  beforeAll(async () => {
    w = await afterDeliberationWorld();
  });
  afterAll(async () => w.t.close());

  /** An app on the world's database with the test's own runtime (the job queue as the test sets it). */
  async function appWith(env: Record<string, string> = {}, db = w.db) {
    const config = loadConfig({ NODE_ENV: 'test', YISHI_DEMO: 'false', LOG_LEVEL: 'silent', ...env });
    return buildApp({ config, db, sms: w.t.sms, runtime, logger: false });
  }

  /** An app whose pool reaches the world's database through a proxy the test can turn off or hang. */
  async function proxiedApp(opts: { logStream?: NodeJS.WritableStream; runtime?: AppRuntime } = {}) {
    const target = new URL(w.t.database.url);
    const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port) });
    const database = openDatabase(proxy.urlFor(w.t.database.url), 3);
    const config = loadConfig({ NODE_ENV: 'test', YISHI_DEMO: 'false', LOG_LEVEL: 'info' });
    const app = await buildApp({
      config,
      db: database.db,
      sms: w.t.sms,
      logger: Boolean(opts.logStream),
      logStream: opts.logStream,
      runtime: opts.runtime,
    });
    await app.ready();
    return {
      app,
      proxy,
      /** 张阿姨, logged in on this app. */
      resident: async () => {
        const [row] = await w.db.select({ id: residents.id }).from(residents).where(eq(residents.phone, '13812345678'));
        return residentClient({ ...w.t, app }, row!.id);
      },
      /** The database goes away: open connections are cut, new ones refused. */
      down: () => {
        proxy.setMode('refuse');
        proxy.cut();
      },
      close: async () => {
        proxy.setMode('pass');
        await app.close();
        await database.close().catch(() => undefined);
        await proxy.close();
      },
    };
  }

  describe('GET /api/health', () => {
    it('answers 200 without touching the database', async () => {
      const t = await proxiedApp();
      t.down();
      const reply = await t.app.inject({ method: 'GET', url: '/api/health' });
      expect(reply.statusCode).toBe(200);
      expect(reply.json()).toEqual({ status: 'ok' });
      await t.close();
    });
  });

  describe('GET /api/ready', () => {
    it('waits for the job queue, then is 200 with every check ok', async () => {
      const app = await appWith();
      runtime.jobQueue = undefined;
      const starting = await app.inject({ method: 'GET', url: '/api/ready' });
      expect(starting.statusCode).toBe(503);
      expect(starting.json()).toMatchObject({ failing: ['jobQueue'], checks: { jobQueue: 'starting' } });

      runtime.jobQueue = probe;
      const ready = await app.inject({ method: 'GET', url: '/api/ready' });
      expect(ready.statusCode, ready.body).toBe(200);
      expect(ready.json()).toEqual({
        status: 'ready',
        checks: { database: 'ok', migrations: 'ok', jobQueue: 'ok' },
      });
      await app.close();
    });

    it('names a stopped job queue', async () => {
      const app = await appWith();
      runtime.jobQueue = probe;
      isQueueRunning = false;
      const reply = await app.inject({ method: 'GET', url: '/api/ready' });
      isQueueRunning = true;
      expect(reply.statusCode).toBe(503);
      expect(reply.json()).toMatchObject({ failing: ['jobQueue'], checks: { jobQueue: 'stopped', database: 'ok' } });
      await app.close();
    });

    it('names migrations that are behind the code', async () => {
      const app = await appWith();
      runtime.jobQueue = probe;
      const [last] = (
        await w.db.execute<{ id: number }>(
          sql`select id from drizzle.__drizzle_migrations order by created_at desc limit 1`,
        )
      ).rows;
      await w.db.execute(
        sql`update drizzle.__drizzle_migrations set created_at = created_at - 1 where id = ${last!.id}`,
      );
      try {
        const reply = await app.inject({ method: 'GET', url: '/api/ready' });
        expect(reply.statusCode).toBe(503);
        expect(reply.json()).toMatchObject({ failing: ['migrations'], checks: { migrations: 'behind' } });
      } finally {
        await w.db.execute(
          sql`update drizzle.__drizzle_migrations set created_at = created_at + 1 where id = ${last!.id}`,
        );
      }
      await app.close();
    });

    it('answers 503 within 2 s when PostgreSQL hangs, and logs no line for the poll', async () => {
      const lines: string[] = [];
      const stream = new PassThrough();
      stream.on('data', (chunk: Buffer) => lines.push(chunk.toString()));
      const t = await proxiedApp({ logStream: stream, runtime: new AppRuntime({ expectsJobQueue: false }) });
      expect((await t.app.inject({ method: 'GET', url: '/api/ready' })).statusCode).toBe(200);
      t.proxy.setMode('hang');
      const started = performance.now();
      const reply = await t.app.inject({ method: 'GET', url: '/api/ready' });
      const ms = performance.now() - started;
      expect(reply.statusCode).toBe(503);
      expect(reply.json()).toEqual({
        status: 'unavailable',
        failing: ['database', 'migrations'],
        checks: { database: 'timeout', migrations: 'timeout', jobQueue: 'not run here' },
      });
      expect(ms).toBeLessThan(2000);
      expect((await t.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
      t.proxy.cut();
      t.proxy.setMode('pass');
      await vi.waitFor(
        async () => expect((await t.app.inject({ method: 'GET', url: '/api/ready' })).statusCode).toBe(200),
        {
          timeout: 10_000,
          interval: 200,
        },
      );
      await t.app.inject({ method: 'GET', url: '/api/session' });
      await t.close();
      expect(lines.join('')).toContain('/api/session'); // requests are logged…
      expect(lines.join('')).not.toMatch(/\/api\/(ready|health)/); // …but no line per poll
    });
    it('answers 200 read-only while the primary is gone and the replica serves reads, else 503', async () => {
      const replicaRuntime = new AppRuntime({ expectsJobQueue: false });
      const serving = {
        state: 'ok' as const,
        lagSeconds: 0.2,
        readsFrom: 'replica' as const,
        isPrimaryReachable: false,
      };
      let status: ReturnType<NonNullable<AppRuntime['replica']>['status']> = serving;
      replicaRuntime.replica = { status: () => status };
      const t = await proxiedApp({ runtime: replicaRuntime });
      t.down();
      const readOnly = await t.app.inject({ method: 'GET', url: '/api/ready' });
      expect(readOnly.statusCode, readOnly.body).toBe(200);
      expect(readOnly.json()).toMatchObject({
        status: 'read-only',
        failing: ['database', 'migrations'],
        replica: serving,
      });
      // The replica not serving (unreachable too, or never compared): nothing to serve, so unready.
      status = { state: 'unreachable', lagSeconds: null, readsFrom: 'primary', isPrimaryReachable: false };
      const down = await t.app.inject({ method: 'GET', url: '/api/ready' });
      expect(down.statusCode).toBe(503);
      expect(down.json()).toMatchObject({ status: 'unavailable', failing: ['database', 'migrations'] });
      await t.close();
    });
  });

  describe('database outages', () => {
    it('answer 503 service.unavailable (localised) when PostgreSQL refuses connections, not 500', async () => {
      const t = await proxiedApp();
      const client = await t.resident();
      expect((await client.get('/api/session')).json().account).toBeTruthy();
      t.down();
      // A route that reads the database (GET /api/session answers from the session cache alone).
      const zh = await client.get('/api/matters');
      expect(zh.statusCode, zh.body).toBe(503);
      expect(zh.headers['retry-after']).toBe('5');
      expect(zh.json()).toEqual({ error: { code: 'service.unavailable', message: '服务暂时不可用，请稍后重试' } });
      const en = await client.request({ method: 'GET', url: '/api/matters', headers: { 'accept-language': 'en' } });
      expect(en.json().error.message).toBe('The service is temporarily unavailable; try again shortly');
      t.proxy.setMode('pass');
      // The pool opens new connections and prepares 'session_actor' on them again.
      expect((await client.get('/api/matters')).statusCode).toBe(200);
      expect((await client.get('/api/session')).json().account).toBeTruthy();
      await t.close();
    });

    it('answer 503 when a hung PostgreSQL never accepts the connection (pool connect timeout)', async () => {
      const t = await proxiedApp();
      const client = await t.resident();
      t.proxy.cut();
      t.proxy.setMode('hang');
      const started = performance.now();
      const reply = await client.get('/api/session');
      expect(reply.statusCode, reply.body).toBe(503);
      expect(performance.now() - started).toBeLessThan(4500);
      await t.close();
    });

    it('answer 503 while the connections are terminated, and the next request is served again', async () => {
      const app = await appWith();
      const client = w.clients.convenor;
      // Warm connections, then end them from the server side (as a restart or failover does).
      expect((await client.get('/api/session')).statusCode).toBe(200);
      await w.db.execute(
        sql`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`,
      );
      const during = [];
      for (let i = 0; i < 5; i++) during.push((await client.get('/api/matters')).statusCode);
      expect(
        during.every((status) => status === 200 || status === 503),
        during.join(),
      ).toBe(true);
      expect(during).not.toContain(500);
      expect((await client.get('/api/matters')).statusCode).toBe(200);
      expect((await client.get('/api/session')).json().account).toBeTruthy();
      await app.close();
    });
  });
});
