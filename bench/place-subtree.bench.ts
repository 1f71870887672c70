/**
 * Place subtree pages at a city's scale (issue 16): 1,000,000 dwellings, one household and one resident
 * each, built in SQL; the real app in its own process; the staff pages of a place's subtree (children,
 * dwellings, residents, first and later pages) over HTTP, driven by Debian wrk with distinct requests
 * spread over the city's 50 communities, as a city officer. p95 from wrk's latency distribution.
 * Page 500 is read as the web lists reach it, with the `next` cursor of page 499 (keyset paging), and
 * also by its number alone (a jump, counted off by OFFSET). BENCH_SUBTREE_DWELLINGS sets a smaller city
 * for development (the figures are only comparable at the default 1,000,000).
 */
import fs from 'node:fs';
import type { Database } from '../server/db/client';
import { startAppProcess } from '../server/test/app-process';
import { buildCity, CITY, rssMiB, staffSession } from './city';
import type { Bench, BenchFigure } from './lib';
import { runLoad, type LoadRequest } from './load';

const DWELLINGS = Number(process.env.BENCH_SUBTREE_DWELLINGS ?? 1_000_000);
const TARGET_P95_MS = 20;
const CONNECTIONS = 4;
const SECONDS = 8;
const COMMUNITIES = 50;

/** One resident a dwelling (every other one its owner), in the dwelling's household. */
async function seedResidents(database: Database): Promise<void> {
  const q = (text: string) => database.pool.query(text);
  await q(`insert into residents (id, code, name, gender, birth_date, phone, household_id, place_id, place_path,
                                  dwelling_id, tenure) overriding system value
           select d.id, 'CR' || d.id, '居民' || d.id, case when d.id % 2 = 0 then 'male' else 'female' end,
                  date '1950-01-01' + ((d.id::bigint * 7919) % 25000)::int, '139' || lpad(d.id::text, 8, '0'),
                  d.id, d.place_id, d.place_path, d.id, case when d.id % 2 = 0 then 'owner' else 'family' end
           from dwellings d`);
  await q(
    `insert into ownerships (dwelling_id, resident_id) select dwelling_id, id from residents where tenure = 'owner'`,
  );
  await q(`select setval(pg_get_serial_sequence('residents', 'id'), (select max(id) from residents))`);
  // Set the visibility map too, so subtree counts can be index-only scans as on a settled database.
  await q('vacuum analyze');
}

const bench: Bench = {
  name: 'place-subtree',
  async run(database) {
    const started = performance.now();
    await buildCity(database, DWELLINGS);
    await seedResidents(database);
    const buildSeconds = (performance.now() - started) / 1000;
    const token = await staffSession(database, 'city_officer', CITY.city, 1);
    const app = await startAppProcess({ databaseUrl: database.url, readyWithinMs: 180_000, isBundle: true });
    try {
      const headers = { cookie: `yishi_session=${token}` };
      const communities = Array.from({ length: COMMUNITIES }, (_, i) => CITY.communityFirst + i);
      const towns = Array.from({ length: 5 }, (_, i) => CITY.townFirst + i);
      const each = (ids: number[], path: (id: number) => string): LoadRequest[] =>
        ids.map((id) => ({ path: path(id), headers }));
      /** Page 500 of each community's list, opened with page 499's `next` cursor as the web list does. */
      const page500 = async (list: 'dwellings' | 'residents'): Promise<LoadRequest[]> =>
        Promise.all(
          communities.map(async (id) => {
            const before = await fetch(`${app.baseUrl}/api/places/${id}/${list}?page=499`, { headers });
            const { next } = (await before.json()) as { next: string | null };
            return { path: `/api/places/${id}/${list}?page=500${next ? `&after=${next}` : ''}`, headers };
          }),
        );
      const cases: { name: string; requests: LoadRequest[]; hasTarget: boolean }[] = [
        {
          // No subtree read at all: the fixed cost of an authenticated request on this machine, for scale.
          name: 'the session alone (GET /api/session)',
          requests: [{ path: '/api/session', headers }],
          hasTarget: false,
        },
        {
          name: 'community children',
          requests: each(communities, (id) => `/api/places/${id}/children`),
          hasTarget: true,
        },
        {
          name: 'community dwellings page 1',
          requests: each(communities, (id) => `/api/places/${id}/dwellings`),
          hasTarget: true,
        },
        {
          name: 'community dwellings page 500 (cursor)',
          requests: await page500('dwellings'),
          hasTarget: true,
        },
        {
          name: 'community dwellings page 500 (jump, by number)',
          requests: each(communities, (id) => `/api/places/${id}/dwellings?page=500`),
          hasTarget: true,
        },
        {
          name: 'community residents page 1',
          requests: each(communities, (id) => `/api/places/${id}/residents`),
          hasTarget: true,
        },
        {
          name: 'community residents page 500 (cursor)',
          requests: await page500('residents'),
          hasTarget: true,
        },
        {
          name: 'town (200,000) dwellings page 1',
          requests: each(towns, (id) => `/api/places/${id}/dwellings`),
          hasTarget: true,
        },
        {
          name: 'town (200,000) residents page 1',
          requests: each(towns, (id) => `/api/places/${id}/residents`),
          hasTarget: true,
        },
        {
          name: 'city (1,000,000) children',
          requests: each([CITY.city], (id) => `/api/places/${id}/children`),
          hasTarget: true,
        },
        {
          name: 'city (1,000,000) dwellings page 1',
          requests: each([CITY.city], (id) => `/api/places/${id}/dwellings`),
          hasTarget: true,
        },
        {
          name: 'city (1,000,000) residents page 1',
          requests: each([CITY.city], (id) => `/api/places/${id}/residents`),
          hasTarget: true,
        },
        {
          name: 'city (1,000,000) detail (counts)',
          requests: each([CITY.city], (id) => `/api/places/${id}`),
          hasTarget: true,
        },
      ];
      // Warm the app's pool and plan cache the way a running server would be.
      await runLoad({ baseUrl: app.baseUrl, requests: cases.flatMap((c) => c.requests), connections: 2, seconds: 3 });
      const figures: BenchFigure[] = [];
      for (const c of cases) {
        const r = await runLoad({
          baseUrl: app.baseUrl,
          requests: c.requests,
          connections: CONNECTIONS,
          seconds: SECONDS,
        });
        const bad = Object.entries(r.statuses).filter(([status]) => status !== '200');
        if (bad.length > 0) throw new Error(`${c.name}: answers ${JSON.stringify(r.statuses)}`);
        figures.push({ name: `${c.name} p50`, value: r.latencyMs.p50, unit: 'ms' });
        figures.push({
          name: `${c.name} p95`,
          value: r.latencyMs.p95,
          unit: 'ms',
          note: `p99 ${r.latencyMs.p99.toFixed(1)} ms, ${r.perSecond.toFixed(0)} req/s`,
          ...(c.hasTarget ? { target: `< ${TARGET_P95_MS} ms`, isMet: r.latencyMs.p95 < TARGET_P95_MS } : {}),
        });
      }
      const peak = rssMiB(app.child.pid!, 'VmHWM', (f) => fs.readFileSync(f, 'utf8'));
      return {
        title: 'Place subtree pages (1,000,000 dwellings and residents, over HTTP)',
        figures,
        notes: [
          `a city of 5 towns, 50 communities (${(DWELLINGS / COMMUNITIES).toLocaleString('en')} dwellings each), 2,000 units; ${DWELLINGS.toLocaleString('en')} dwellings, households and residents, ${(DWELLINGS / 2).toLocaleString('en')} ownerships; built and analysed in ${buildSeconds.toFixed(0)} s`,
          `the app in its own process (production mode), a city officer's session; wrk -c${CONNECTIONS} for ${SECONDS} s a case, distinct requests over the places in turn (page of 20 with its exact total, summed from the per-place counters; residents pages log the staff read); the app's peak memory ${peak.toFixed(0)} MiB`,
        ],
      };
    } finally {
      app.child.kill('SIGTERM');
      await app.exited;
    }
  },
};

export default bench;
