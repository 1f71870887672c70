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
import { percentile, type Bench, type BenchFigure } from './lib';
import { runLoad, type LoadRequest } from './load';
import { buildCity } from './statistics.bench';

const TARGET_P95_MS = 300;
const VIEWS = 16;
const SECONDS = 10;
const ROUNDS = 5;

/** One GET's time (ms); throws unless it answers 200. */
async function timedGet(baseUrl: string, r: LoadRequest): Promise<number> {
  const started = performance.now();
  const answer = await fetch(`${baseUrl}${r.path}`, { headers: r.headers });
  const body = await answer.text();
  if (!answer.ok) throw new Error(`${r.path}: ${answer.status} ${body}`);
  return performance.now() - started;
}

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
    const dataSeconds = (performance.now() - started) / 1000;
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
    const app = await startAppProcess({
      isBundle: true,
      databaseUrl: database.url,
      env: { YISHI_WORKERS: String(os.cpus().length) },
      // Two workers compiling the server under tsx on a busy machine take minutes to answer.
      readyWithinMs: 300_000,
    });
    let load: Awaited<ReturnType<typeof runLoad>>;
    const afterChange: number[] = [];
    try {
      for (const r of requests) await timedGet(app.baseUrl, r);
      // Each round: 20 matters change (not timed), then the 16 views are asked for at once, so each
      // is computed again (the first read after a change rebuilds the facts and moves the version).
      for (let round = 0; round < ROUNDS; round++) {
        await database.pool.query(
          `update matters set updated_at = now() where id in (select 1 + (g * 7919 + ${round * 104729}) % 100000 from generate_series(1, 20) g)`,
        );
        afterChange.push(...(await Promise.all(requests.map((r) => timedGet(app.baseUrl, r)))));
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
        name: `city dashboard, ${VIEWS} different views at once right after 20 matters changed (each computed again), p50`,
        value: percentile(afterChange, 50),
        unit: 'ms',
      },
      {
        name: `city dashboard, ${VIEWS} different views at once right after 20 matters changed (each computed again), p95`,
        value: percentile(afterChange, 95),
        unit: 'ms',
        target: `< ${TARGET_P95_MS} ms`,
        isMet: percentile(afterChange, 95) < TARGET_P95_MS,
        note: `max ${Math.max(...afterChange).toFixed(0)} ms; ${ROUNDS} rounds of ${VIEWS}`,
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
        `the statistics bench's city (100,000 matters in 40 communities of 4 towns, 1,000,000 audit entries), loaded as an import (triggers off) in ${dataSeconds.toFixed(1)} s, then its facts built from scratch: ${buildSeconds.toFixed(1)} s in all, not timed`,
        `the app in its own process (YISHI_WORKERS=${os.cpus().length}); a city officer's session; wrk (one thread) for ${SECONDS} s from ${VIEWS} connections over ${VIEWS} distinct requests: 14 GET /api/statistics (the city and 4 towns × 12 months, this month, last quarter × month, place, category, level) and 2 drill-downs GET /api/statistics/matters; answers ${statuses}`,
      ],
    };
  },
};

export default bench;
