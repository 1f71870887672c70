/**
 * The city dashboard at its limit: 16 different views read at once over HTTP. The statistics bench's
 * city (100,000 matters, 1,000,000 audit entries), the real app in its own process (YISHI_WORKERS =
 * the machine's cores), a city officer's session, and wrk sending 16 distinct GET /api/statistics…
 * requests (places × periods × groupings, and drill-downs) from 16 connections, each connection on
 * its own view; beside the bare-Fastify ceiling measured in the same run with the same generator.
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { sha256 } from '../server/hash';
import { refreshFacts } from '../server/modules/statistics/statistics.facts';
import { startAppProcess } from '../server/test/app-process';
import { measureBareFastify } from './ceilings';
import type { Bench, BenchFigure } from './lib';
import { runLoad, type LoadRequest } from './load';
import { buildCity } from './statistics.bench';

const TARGET_P95_MS = 300;
const VIEWS = 16;
const SECONDS = 10;

/** The 16 views: the city and its towns, over 12 months, this month or last quarter, by each grouping. */
function dashboardViews(today: string): string[] {
  const [y, m] = today.split('-').map(Number) as [number, number];
  const monthStart = (back: number) => {
    const t = new Date(Date.UTC(y, m - 1 - back, 1));
    return t.toISOString().slice(0, 10);
  };
  const periods = [
    { from: monthStart(12), to: today },
    { from: monthStart(0), to: today },
    { from: monthStart(3), to: monthStart(0) },
  ];
  const groupings = ['month', 'place', 'category', 'level'] as const;
  const views: string[] = [];
  for (let v = 0; views.length < VIEWS - 2; v++) {
    const placeId = [1, 2, 3, 4, 5][v % 5]!;
    const period = periods[v % 3]!;
    const groupBy = groupings[Math.floor(v / 3) % 4]!;
    views.push(`/api/statistics?placeId=${placeId}&from=${period.from}&to=${period.to}&groupBy=${groupBy}`);
  }
  // The matters behind a number, as a click on a dashboard figure asks.
  views.push(`/api/statistics/matters?placeId=1&from=${periods[0]!.from}&to=${today}&figure=disputesResolved`);
  views.push(`/api/statistics/matters?placeId=2&from=${periods[0]!.from}&to=${today}&figure=raised&page=2`);
  return views;
}

const bench: Bench = {
  name: 'dashboard',
  async run(database) {
    const started = performance.now();
    await buildCity(database);
    await refreshFacts(database.db);
    await database.pool.query('vacuum analyze');
    const buildSeconds = (performance.now() - started) / 1000;
    // A city officer (account 1 of the city) with a live session.
    const token = randomBytes(24).toString('base64url');
    await database.pool.query(`insert into role_grants (account_id, role, place_id) values (1, 'city_officer', 1)`);
    await database.pool.query(
      `insert into sessions (token_hash, account_id, expires_at) values ($1, 1, now() + interval '1 day')`,
      [sha256(token)],
    );
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const requests: LoadRequest[] = dashboardViews(today).map((path) => ({
      path,
      headers: { cookie: `yishi_session=${token}` },
    }));

    const bare = await measureBareFastify(VIEWS, 5);
    const app = await startAppProcess({ databaseUrl: database.url, env: { YISHI_WORKERS: String(os.cpus().length) } });
    let load: Awaited<ReturnType<typeof runLoad>>;
    try {
      for (const r of requests) {
        const answer = await fetch(`${app.baseUrl}${r.path}`, { headers: r.headers });
        if (!answer.ok) throw new Error(`${r.path}: ${answer.status} ${await answer.text()}`);
      }
      load = await runLoad({ baseUrl: app.baseUrl, requests, connections: VIEWS, seconds: SECONDS });
    } finally {
      app.child.kill('SIGTERM');
      await app.exited;
    }
    const statuses = Object.entries(load.statuses)
      .map(([k, n]) => `${k} × ${n}`)
      .join(', ');
    const figures: BenchFigure[] = [
      {
        name: `bare Fastify route, ${VIEWS} connections (ceiling), p95`,
        value: bare.latencyMs.p95,
        unit: 'ms',
        note: `${bare.perSecond.toFixed(0)} requests/s`,
      },
      {
        name: `city dashboard, ${VIEWS} different views at once over HTTP, p50`,
        value: load.latencyMs.p50,
        unit: 'ms',
      },
      {
        name: `city dashboard, ${VIEWS} different views at once over HTTP, p95`,
        value: load.latencyMs.p95,
        unit: 'ms',
        target: `< ${TARGET_P95_MS} ms`,
        isMet: load.latencyMs.p95 < TARGET_P95_MS && Object.keys(load.statuses).every((s) => s === '200'),
        note: `p99 ${load.latencyMs.p99.toFixed(0)} ms`,
      },
      {
        name: `city dashboard views/s, ${VIEWS} connections`,
        value: load.perSecond,
        unit: 'views/s',
        note: `${(load.perSecond / bare.perSecond).toFixed(3)} × the bare Fastify route's requests/s`,
      },
    ];
    return {
      title: `City dashboard over HTTP (${VIEWS} different views at once)`,
      figures,
      notes: [
        `the statistics bench's city (100,000 matters in 40 communities of 4 towns, 1,000,000 audit entries), facts built; ${buildSeconds.toFixed(1)} s to build, not timed`,
        `the app in its own process (YISHI_WORKERS=${os.cpus().length}); a city officer's session; wrk (one thread) for ${SECONDS} s from ${VIEWS} connections over ${VIEWS} distinct requests: 14 GET /api/statistics (the city and 4 towns × 12 months, this month, last quarter × month, place, category, level) and 2 drill-downs GET /api/statistics/matters; answers ${statuses}`,
      ],
    };
  },
};

export default bench;
