/**
 * What one request costs the app, against a bare Fastify route in the same run with the same load
 * generator (wrk, 64 connections): the app in its own process with production settings (LOG_LEVEL
 * info, its default request-log sample), answering an unauthenticated 404, an authenticated no-op (a
 * real session cookie, a path no route serves), GET /api/session logged in, and the cached public
 * showcase. Target: the authenticated no-op ≥ 0.35 × the bare route.
 */
import { randomBytes } from 'node:crypto';
import { sha256 } from '../server/hash';
import { startAppProcess } from '../server/test/app-process';
import { measureBareFastify } from './ceilings';
import { runLoad, type LoadRequest, type LoadResult } from './load';
import type { Bench, BenchFigure } from './lib';

const CONNECTIONS = 64;
const SECONDS = 5;
const TARGET = 0.35;

const bench: Bench = {
  name: 'requests',
  async run(database) {
    const bare = await measureBareFastify(CONNECTIONS, SECONDS);

    // A convenor with a live session, written as the login would (account, grant, hashed token).
    const token = randomBytes(32).toString('base64url');
    await database.pool.query(`insert into places (id, parent_id, kind, code, name, path, depth) overriding system value
                               values (1, null, 'city', 'R1', '基准市', '/1/', 1)`);
    const account = await database.pool.query<{ id: number }>(
      `insert into accounts (phone, display_name) values ('13000000001', '基准主任') returning id`,
    );
    const accountId = account.rows[0]!.id;
    await database.pool.query(`insert into role_grants (account_id, role, place_id) values ($1, 'convenor', 1)`, [
      accountId,
    ]);
    await database.pool.query(`insert into sessions (token_hash, account_id, expires_at) values ($1, $2, $3)`, [
      sha256(token),
      accountId,
      new Date(Date.now() + 12 * 3600_000),
    ]);
    const cookie = { cookie: `yishi_session=${token}` };

    const app = await startAppProcess({ databaseUrl: database.url, env: { LOG_LEVEL: 'info' }, isBundle: true });
    const cases: { name: string; request: LoadRequest; status: string }[] = [
      { name: 'unauthenticated 404', request: { path: '/api/no-such-path' }, status: '404' },
      { name: 'authenticated no-op (404)', request: { path: '/api/no-such-path', headers: cookie }, status: '404' },
      { name: 'GET /api/session, logged in', request: { path: '/api/session', headers: cookie }, status: '200' },
      { name: 'public showcase (cached)', request: { path: '/api/public/showcase' }, status: '200' },
    ];
    const results: { name: string; result: LoadResult; status: string }[] = [];
    try {
      for (const [i, c] of cases.entries()) {
        const load = { baseUrl: app.baseUrl, requests: c.request, connections: CONNECTIONS };
        // Warm up (JIT, pool, prepared statements, caches); longer for the first, just after start.
        await runLoad({ ...load, seconds: i === 0 ? 4 : 1 });
        results.push({ name: c.name, result: await runLoad({ ...load, seconds: SECONDS }), status: c.status });
      }
    } finally {
      app.child.kill('SIGTERM');
      await app.exited;
    }

    const ratio = (r: LoadResult) => r.perSecond / bare.perSecond;
    const figures: BenchFigure[] = [
      { name: 'bare Fastify route (same run)', value: bare.perSecond, unit: 'req/s', note: '1.00 × bare Fastify' },
      { name: 'bare Fastify p99', value: bare.latencyMs.p99, unit: 'ms' },
    ];
    const unexpected: string[] = [];
    for (const { name, result, status } of results) {
      const isTarget = name.startsWith('authenticated no-op');
      figures.push({
        name,
        value: result.perSecond,
        unit: 'req/s',
        note: `${ratio(result).toFixed(2)} × bare Fastify; p50 ${result.latencyMs.p50.toFixed(1)} ms`,
        ...(isTarget ? { target: `≥ ${TARGET} × bare Fastify`, isMet: ratio(result) >= TARGET } : {}),
      });
      figures.push({ name: `${name} p99`, value: result.latencyMs.p99, unit: 'ms' });
      const others = Object.entries(result.statuses).filter(([code]) => code !== status);
      if (others.length > 0) unexpected.push(`${name}: ${others.map(([c, n]) => `${n} × ${c}`).join(', ')}`);
    }
    return {
      title: `Requests: the app's per-request cost against a bare Fastify route (wrk -c${CONNECTIONS}, ${SECONDS} s each)`,
      figures,
      notes: [
        'One app process (production settings, LOG_LEVEL info, request-log sample 0), its database on the same machine; wrk with one thread on the same machine.',
        ...(unexpected.length > 0 ? [`unexpected statuses: ${unexpected.join('; ')}`] : []),
      ],
    };
  },
};

export default bench;
