/**
 * 成果展示 under load: the public showcase list over HTTP (the real app in its own process) with
 * 100,000 matters in the database, 50 concurrent readers without login, against a `select 1` over
 * HTTP-free SQL from the same run; the open-data downloads (time to first byte, whole file, size, the app's
 * peak memory). Then what a phone downloads to open /showcase: the built web app's
 * JS and CSS the route loads, gzip-compressed (needs `npx tsx scripts/build-web.ts` first).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Database } from '../server/db/client';
import { startAppProcess } from '../server/test/app-process';
import { percentile, type Bench, type BenchFigure } from './lib';

const MATTERS = 100_000;
const READERS = 50;
const REQUESTS_PER_READER = 40;
const P95_TARGET_MS = 100;
const FIRST_LOAD_TARGET_KB = 120;

/** 1 city, 4 towns, 40 communities, 200 estates, 2,000 buildings, 20,000 residents, 100,000 matters. */
export async function buildData(database: Database): Promise<void> {
  const q = (text: string) => database.pool.query(text);
  await q(`insert into places (id, parent_id, kind, code, name, path, depth) overriding system value
           values (1, null, 'city', 'S1', '基准市', '/1/', 1)`);
  const levels = [
    { kind: 'town', first: 2, count: 4, parentFirst: 1, perParent: 4, depth: 2, name: '街道' },
    { kind: 'community', first: 10, count: 40, parentFirst: 2, perParent: 10, depth: 3, name: '社区' },
    { kind: 'estate', first: 100, count: 200, parentFirst: 10, perParent: 5, depth: 4, name: '小区' },
    { kind: 'building', first: 1_000, count: 2_000, parentFirst: 100, perParent: 10, depth: 5, name: '幢' },
  ];
  for (const l of levels) {
    await q(`insert into places (id, parent_id, kind, code, name, path, depth) overriding system value
             select ${l.first} + g, p.id, '${l.kind}', 'S' || (${l.first} + g), g || '${l.name}',
                    p.path || (${l.first} + g) || '/', ${l.depth}
             from generate_series(0, ${l.count - 1}) g join places p on p.id = ${l.parentFirst} + g / ${l.perParent}`);
  }
  await q(`insert into residents (code, name, gender, birth_date, place_id, place_path, tenure)
           select 'SR' || g, '居民' || g, 'male', '1970-01-01', p.id, p.path, 'owner'
           from generate_series(0, 19999) g join places p on p.id = 1000 + g / 10`);
  await q(`insert into accounts (phone, display_name) values ('13000000000', '基准主任')`);
  await q(`insert into role_grants (account_id, role, place_id)
           select a.id, 'convenor', p.id from accounts a, places p where p.kind = 'community'`);
  const statuses = `(array['raised','accepted','announced','deliberating','resolved','implementing','reviewed','archived','declined','referred'])`;
  const categories = `(array['environment','facilities','property','collective','public-works','care','safety','rules','mediation','policy'])`;
  await q(`insert into matters (place_id, place_path, level, kind, category, title, description, status,
                                proposer_account_id, visibility, created_at, updated_at)
           select p.id, p.path, 'building', (array['livelihood','dispute','public_affair'])[1 + g % 3],
                  ${categories}[1 + (g / 7) % 10], p.name || '加装电梯（' || g || '）', '描述', ${statuses}[1 + g % 10],
                  (select id from accounts limit 1), case when g % 2 = 0 then 'public' else 'community' end,
                  now() - (g || ' minutes')::interval * 10, now()
           from generate_series(0, ${MATTERS - 1}) g join places p on p.id = 1000 + g % 2000`);
  await q(`insert into resolutions (matter_id, body, basis, objection_ends_at, created_by)
           select id, '经协商同意' || title || '，费用按楼层分摊。', 'consensus', created_at + interval '10 days', proposer_account_id
           from matters where status in ('resolved','implementing','reviewed','archived')`);
  await q(`insert into tasks (matter_id, title, owner_name, due_on, status, created_by)
           select id, '施工', '物业', current_date, case when id % 3 = 0 then 'done' else 'open' end, proposer_account_id
           from matters where status in ('implementing','reviewed','archived')`);
  await q(`insert into matter_files (matter_id, purpose, storage_key, file_name, content_type, size_bytes, sha256, uploaded_by)
           select id, purpose, 'k' || id, 'p.jpg', 'image/jpeg', 1, 'k', proposer_account_id
           from matters, unnest(array['before','after']) purpose where id % 5 = 0`);
  for (const table of ['places', 'residents', 'matters', 'resolutions', 'tasks', 'matter_files'])
    await q(`analyze ${table}`);
}

/** A showcase URL; `distinct` makes every request of a run a different query (a cache miss). */
function showcaseUrl(n: number, distinct: boolean): string {
  const community = 10 + (n % 40);
  const town = 2 + (n % 4);
  if (distinct) {
    const places = [undefined, 2, 3, 4, 5, ...Array.from({ length: 40 }, (_, i) => 10 + i)];
    const placeId = places[Math.floor(n / 50) % places.length];
    return `/api/public/showcase?pageSize=${1 + (n % 50)}${placeId ? `&placeId=${placeId}` : ''}`;
  }
  return [
    '/api/public/showcase',
    `/api/public/showcase?placeId=${town}`,
    `/api/public/showcase?placeId=${community}&category=facilities`,
    `/api/public/showcase?page=${1 + (n % 5)}`,
  ][n % 4]!;
}

/** READERS loops, each fetching showcase pages one after another; latencies in ms. */
async function readShowcase(baseUrl: string, distinct: boolean): Promise<number[]> {
  const latencies: number[] = [];
  await Promise.all(
    Array.from({ length: READERS }, async (_, reader) => {
      for (let i = 0; i < REQUESTS_PER_READER; i += 1) {
        const started = performance.now();
        const response = await fetch(`${baseUrl}${showcaseUrl(reader * REQUESTS_PER_READER + i, distinct)}`);
        await response.arrayBuffer();
        if (!response.ok) throw new Error(`showcase answered ${response.status}`);
        latencies.push(performance.now() - started);
      }
    }),
  );
  return latencies;
}

/** Peak resident memory of a process so far (VmHWM), in MiB. */
function peakRssMiB(pid: number): number {
  const line = fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmHWM:\s+(\d+) kB/m);
  return line ? Number(line[1]) / 1024 : Number.NaN;
}

/** One open-data download: time to the first body byte, total time, bytes (the body is read and dropped). */
async function download(baseUrl: string, name: string) {
  const started = performance.now();
  const response = await fetch(`${baseUrl}/api/public/open-data/${name}`);
  if (!response.ok || !response.body) throw new Error(`open data ${name} answered ${response.status}`);
  let firstByteMs = Number.NaN;
  let bytes = 0;
  for await (const chunk of response.body) {
    if (bytes === 0) firstByteMs = performance.now() - started;
    bytes += (chunk as Uint8Array).length;
  }
  return { name, firstByteMs, totalMs: performance.now() - started, bytes };
}

/**
 * The JS and CSS a phone loads to open /showcase: index.html's script, stylesheets and module
 * preloads, then the ShowcasePage chunk and everything it imports statically (its CSS included), each
 * gzip-compressed at level 6 as a web server would send it.
 */
export function showcaseFirstLoad(dist = path.resolve('web/dist')): { files: string[]; gzipBytes: number } {
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  const assets = fs.readdirSync(path.join(dist, 'assets'));
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file) || !fs.existsSync(path.join(dist, 'assets', file))) return;
    seen.add(file);
    if (!file.endsWith('.js')) return;
    const code = fs.readFileSync(path.join(dist, 'assets', file), 'utf8');
    // Static imports only (`import … from "./x.js"` and bare `import "./x.js"`); dynamic import() loads later.
    for (const m of code.matchAll(/(?:^|[;\n}])\s*import\s*(?:[^'"()]*?from\s*)?["']\.\/([^"']+)["']/g)) visit(m[1]!);
    // CSS a chunk brings along is listed by Vite's preload helper (__vite__mapDeps) as assets/….css.
    if (file.startsWith('ShowcasePage-')) for (const m of code.matchAll(/assets\/([\w.-]+\.css)/g)) visit(m[1]!);
  };
  for (const m of html.matchAll(/(?:src|href)="\/assets\/([^"]+)"/g)) visit(m[1]!);
  const page = assets.find((f) => f.startsWith('ShowcasePage-') && f.endsWith('.js'));
  if (!page) throw new Error('no ShowcasePage chunk in web/dist: build the web app first');
  visit(page);
  for (const css of assets.filter((f) => /^(ShowcasePage|showcase|ShowcaseBallotLine|ShowcaseCard)-.*\.css$/.test(f))) {
    visit(css);
  }
  const files = [...seen].filter((f) => f.endsWith('.js') || f.endsWith('.css'));
  const gzipBytes = files.reduce(
    (sum, f) => sum + gzipSync(fs.readFileSync(path.join(dist, 'assets', f)), { level: 6 }).length,
    0,
  );
  return { files, gzipBytes };
}

const bench: Bench = {
  name: 'showcase',
  async run(database) {
    await buildData(database);
    const selectOne: number[] = [];
    for (let i = 0; i < 500; i += 1) {
      const started = performance.now();
      await database.pool.query('select 1');
      selectOne.push(performance.now() - started);
    }
    const loadAtStart = os.loadavg()[0]!;
    const app = await startAppProcess({ databaseUrl: database.url, isBundle: true });
    let popular: number[];
    let distinct: number[];
    const downloads: Awaited<ReturnType<typeof download>>[] = [];
    let rssBefore = Number.NaN;
    let rssAfter = Number.NaN;
    try {
      await readShowcase(app.baseUrl, false); // warm up: plans, pool, JIT
      distinct = await readShowcase(app.baseUrl, true);
      popular = await readShowcase(app.baseUrl, false);
      rssBefore = peakRssMiB(app.child.pid!);
      for (const name of ['matters.csv', 'matters.json', 'results.csv', 'results.json']) {
        downloads.push(await download(app.baseUrl, name));
      }
      rssAfter = peakRssMiB(app.child.pid!);
    } finally {
      app.child.kill('SIGTERM');
      await app.exited;
    }
    const p95 = percentile(popular, 95);
    const figures: BenchFigure[] = [
      { name: 'select 1 p50 (same run, SQL only)', value: percentile(selectOne, 50), unit: 'ms' },
      { name: 'select 1 p95 (same run, SQL only)', value: percentile(selectOne, 95), unit: 'ms' },
      { name: `list p50, ${READERS} readers, every query different`, value: percentile(distinct, 50), unit: 'ms' },
      { name: `list p95, ${READERS} readers, every query different`, value: percentile(distinct, 95), unit: 'ms' },
      { name: `list p50, ${READERS} readers, popular links`, value: percentile(popular, 50), unit: 'ms' },
      {
        name: `list p95, ${READERS} readers, popular links`,
        value: p95,
        unit: 'ms',
        target: `< ${P95_TARGET_MS} ms`,
        isMet: p95 < P95_TARGET_MS,
      },
    ];
    for (const d of downloads) {
      figures.push(
        { name: `open data ${d.name}: first byte`, value: d.firstByteMs, unit: 'ms' },
        { name: `open data ${d.name}: whole file`, value: d.totalMs, unit: 'ms' },
        { name: `open data ${d.name}: size`, value: d.bytes / 1024, unit: 'kB' },
      );
    }
    figures.push({ name: 'app peak RSS before → after the downloads', value: rssAfter - rssBefore, unit: 'MiB more' });
    const publicMatters = await database.pool.query<{ n: number }>(
      `select count(*)::int as n from matters where visibility = 'public' and status in ('resolved','implementing','reviewed','archived')`,
    );
    const notes = [
      `load average (1 min) ${loadAtStart.toFixed(1)} at the start of the HTTP phases, ${os.loadavg()[0]!.toFixed(1)} at their end`,
      `open data: ${publicMatters.rows[0]!.n.toLocaleString('en')} public, decided matters (no closed ballots in this data set, so results.* are empty files); downloaded one after another after the list phases; app peak RSS ${rssBefore.toFixed(0)} MiB before, ${rssAfter.toFixed(0)} MiB after`,
      `${READERS} × ${REQUESTS_PER_READER} requests a phase over HTTP to GET /api/public/showcase (app in its own process); "every query different" misses the 10-second reply cache each time, "popular links" are four shared links (all, a town, a community + category, pages 1–5)`,
    ];
    if (fs.existsSync(path.resolve('web/dist/index.html'))) {
      const load = showcaseFirstLoad();
      const kb = load.gzipBytes / 1024;
      figures.push({
        name: '/showcase first load, JS+CSS gzip',
        value: kb,
        unit: 'kB',
        target: `< ${FIRST_LOAD_TARGET_KB} kB`,
        isMet: kb < FIRST_LOAD_TARGET_KB,
      });
      notes.push(`first load files: ${load.files.join(', ')}`);
    }
    return { title: `Showcase (${MATTERS.toLocaleString('en')} matters, 50 concurrent readers)`, figures, notes };
  },
};
export default bench;
