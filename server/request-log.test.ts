import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app';
import { loadConfig } from './config';
import type { Database } from './db/client';
import { createTestDatabase } from './test/database';

/** An app logging into a string, with a route that fails and one that takes 400 ms. */
async function appLogging(env: Record<string, string>) {
  let log = '';
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const config = loadConfig({ NODE_ENV: 'test', YISHI_DEMO: 'false', LOG_LEVEL: 'info', ...env });
  const app = await buildApp({ config, db: database.db, logStream: stream });
  app.get('/api/test/fails', async () => {
    throw new Error('broken on purpose');
  });
  app.get('/api/test/slow', async () => {
    await new Promise((resolve) => setTimeout(resolve, 400));
    return { ok: true };
  });
  const lines = () =>
    log
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { level: number; msg: string; req?: { path: string }; res?: { statusCode: number } })
      .filter((l) => l.req !== undefined);
  return { app, lines };
}

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database.close());

describe('request log', () => {
  it('at sample 0 keeps 5xx (error) and slow requests (warn), and leaves a quick 200 out', async () => {
    const { app, lines } = await appLogging({ YISHI_LOG_SAMPLE: '0', YISHI_LOG_SLOW_MS: '300' });
    expect((await app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/test/fails?q=secret' })).statusCode).toBe(500);
    expect((await app.inject({ method: 'GET', url: '/api/test/slow' })).statusCode).toBe(200);
    await app.close();
    const logged = lines();
    expect(logged.map((l) => [l.level, l.req?.path, l.res?.statusCode])).toEqual([
      [50, '/api/test/fails', 500],
      [40, '/api/test/slow', 200],
    ]);
    expect(JSON.stringify(logged)).not.toContain('secret');
  });

  it('at sample 1 logs every request once, at info (the health probes stay quiet)', async () => {
    const { app, lines } = await appLogging({ YISHI_LOG_SAMPLE: '1' });
    await app.inject({ method: 'GET', url: '/api/health' });
    await app.inject({ method: 'GET', url: '/api/session' });
    await app.inject({ method: 'GET', url: '/api/no-such-path' });
    await app.close();
    expect(lines().map((l) => [l.level, l.req?.path, l.res?.statusCode])).toEqual([
      [30, '/api/session', 200],
      [30, '/api/no-such-path', 404],
    ]);
  });

  it('samples nothing by default in production, everything in development', () => {
    expect(loadConfig({ NODE_ENV: 'production', YISHI_DEMO: 'false' }).logSample).toBe(0);
    expect(loadConfig({ NODE_ENV: 'development' }).logSample).toBe(1);
    expect(loadConfig({ NODE_ENV: 'production', YISHI_DEMO: 'true' }).logSample).toBe(1);
  });
});
