/**
 * A whole city's roster in one file (issue 16): 1,000,000 residents in one .xlsx, uploaded over HTTP to
 * the real app in its own process and imported as the import screen's 校验无误后直接导入 does (one
 * upload, mode `commit`), or, with BENCH_CITY_FLOW=preview, as its 校验 then 导入 do (a preview, then a
 * commit naming the preview the app kept). Meanwhile other staff and the public keep using the app: an authenticated
 * GET of a place page and the public showcase, driven by Debian wrk; the same requests are measured
 * without the import first, in the same run. The app's resident memory is sampled throughout.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { formatRecord, type ResidentRecord } from '../domain/roster';
import { writeRosterFile } from '../server/modules/roster/roster.files';
import { CHUNK_ROWS } from '../server/modules/roster/roster.import';
import { startAppProcess } from '../server/test/app-process';
import { buildCity, CITY, rssMiB, staffSession, unitCodeOf } from './city';
import type { Bench, BenchFigure } from './lib';
import { runLoad, type LoadRequest, type LoadResult } from './load';

const RESIDENTS = Number(process.env.BENCH_CITY_RESIDENTS ?? 1_000_000);
const DWELLINGS = RESIDENTS / 2;
const TARGET_SECONDS = 60;
const TARGET_RSS_MIB = 512;
const TARGET_P95_MS = 100;
const WINDOW_SECONDS = 10;
const AFTER_WINDOWS = 3;
/**
 * The others' load while the city imports. By default sixteen people each clicking again 50 ms after an
 * answer (≈ 300 requests/s): four times a city of a million's share of the province's peak of ~5,000
 * other requests/s (docs/scale.md §1, ≈ 76/s). `BENCH_CITY_OTHERS=saturate` sends four connections
 * back to back instead (≈ 2,500/s here), a stress test that takes a core from the import.
 */
const OTHERS =
  process.env.BENCH_CITY_OTHERS === 'saturate'
    ? { connections: 4, label: 'wrk -c4 back to back' }
    : { connections: 16, thinkMs: 50, label: 'wrk -c16, each connection waiting 50 ms after an answer' };
/**
 * How the file is imported. `direct` (default): one upload with mode `commit`, the screen's one step for
 * a large file (校验无误后直接导入), which writes only a flawless file; scripts and the API do the same.
 * `preview`: the screen's two steps, a preview (mode `validate`) and then its confirm.
 */
const FLOW = process.env.BENCH_CITY_FLOW === 'preview' ? 'preview' : 'direct';

/** Two residents a dwelling: the first owns it, the second is family; one in five without a phone. */
async function cityFile(dir: string): Promise<string> {
  const filePath = path.join(dir, 'city-residents.xlsx');
  async function* rows() {
    for (let start = 0; start < RESIDENTS; start += 10_000) {
      yield Array.from({ length: Math.min(10_000, RESIDENTS - start) }, (_, i) => {
        const g = start + i;
        const dwelling = Math.floor(g / 2);
        const record: ResidentRecord = {
          code: `CR${g}`,
          name: `${['王', '李', '张', '刘', '陈', '欧阳'][g % 6]}居民${g}`,
          gender: g % 2 === 0 ? 'male' : 'female',
          birthDate: new Date(Date.UTC(1940, 0, 1) + ((g * 7919) % 25_000) * 86_400_000).toISOString().slice(0, 10),
          phone: g % 5 === 0 ? null : `139${String(g).padStart(8, '0')}`,
          householdCode: `CH${dwelling}`,
          dwellingCode: `CD${dwelling}`,
          placeCode: unitCodeOf(dwelling, DWELLINGS),
          tenure: g % 2 === 0 ? 'owner' : 'family',
          ownedDwellingCodes: g % 2 === 0 ? [`CD${dwelling}`] : [],
        };
        return formatRecord('residents', record);
      });
    }
  }
  await writeRosterFile(filePath, 'residents', 'xlsx', rows());
  return filePath;
}

/**
 * A multipart POST with the file streamed from disk, over node:http: no client-side timeout (fetch
 * gives up waiting for headers after 300 s, which a city's file on a busy machine can take).
 */
function postFile(
  url: string,
  headers: Record<string, string>,
  fields: Record<string, string>,
  /** None: a commit of the preview the app kept (its `previewId` among the fields). */
  filePath: string | null,
): Promise<{ status: number; body: string }> {
  const boundary = `----yishi${Date.now()}`;
  const head = Object.entries(fields)
    .map(([name, value]) => `--${boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)
    .join('');
  const fileHead = `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="city-residents.xlsx"\r\ncontent-type: application/octet-stream\r\n\r\n`;
  const tail = `\r\n--${boundary}--\r\n`;
  const length = filePath
    ? Buffer.byteLength(head) + Buffer.byteLength(fileHead) + fs.statSync(filePath).size + Buffer.byteLength(tail)
    : Buffer.byteLength(head) + Buffer.byteLength(tail) - 2;
  return new Promise((resolve, reject) => {
    const request = http.request(url, {
      method: 'POST',
      headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': length },
    });
    request.on('response', (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on('error', reject);
    if (!filePath) {
      request.end(head + tail.slice(2)); // the last field's line end opens the closing boundary
      return;
    }
    request.write(head + fileHead);
    const stream = fs.createReadStream(filePath);
    stream.on('error', reject);
    stream.on('end', () => request.end(tail));
    stream.pipe(request, { end: false });
  });
}

type Upload = {
  seconds: number;
  reply: { rowCount?: number; problems?: unknown[]; summary?: { inserted: number } | null; previewId?: string | null };
};

/** The worst of several back-to-back wrk windows: their highest percentiles, their summed counts. */
function worstOf(windows: LoadResult[]): LoadResult {
  const worst = (key: keyof LoadResult['latencyMs']) => Math.max(...windows.map((w) => w.latencyMs[key]));
  const statuses: Record<string, number> = {};
  for (const w of windows) for (const [s, n] of Object.entries(w.statuses)) statuses[s] = (statuses[s] ?? 0) + n;
  const requests = windows.reduce((sum, w) => sum + w.requests, 0);
  const seconds = windows.reduce((sum, w) => sum + w.seconds, 0);
  return {
    requests,
    seconds,
    perSecond: requests / seconds,
    latencyMs: {
      p50: worst('p50'),
      p90: worst('p90'),
      p95: worst('p95'),
      p99: worst('p99'),
      max: worst('max'),
      mean: worst('mean'),
    },
    statuses,
    errors: windows[0]!.errors,
  };
}

const bench: Bench = {
  name: 'roster-city',
  async run(database) {
    const built = await buildCity(database, DWELLINGS);
    const importer = await staffSession(database, 'city_officer', CITY.city, 1);
    const reader = await staffSession(database, 'city_officer', CITY.city, 2);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yishi-bench-city-'));
    const generated = performance.now();
    const file = await cityFile(dir);
    const fileSeconds = (performance.now() - generated) / 1000;
    const app = await startAppProcess({
      isBundle: true,
      databaseUrl: database.url,
      env: { YISHI_ROSTER_JOB_SECONDS: '1800' },
      readyWithinMs: 180_000,
      nodeArgs: process.env.BENCH_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROF}`] : [],
    });
    const pid = app.child.pid!;
    const read = (f: string) => fs.readFileSync(f, 'utf8');
    const others: LoadRequest[] = [
      { path: `/api/places/${CITY.communityFirst + 7}`, headers: { cookie: `yishi_session=${reader}` } },
      { path: '/api/public/showcase' },
    ];
    const load = (seconds: number) =>
      runLoad({
        baseUrl: app.baseUrl,
        requests: others,
        connections: OTHERS.connections,
        thinkMs: OTHERS.thinkMs,
        seconds,
      });
    const headers = { cookie: `yishi_session=${importer}; yishi_csrf=bench`, 'x-csrf-token': 'bench' };
    // A preview is sent with the file; its confirm names the preview the app kept.
    const upload = async (mode: 'validate' | 'commit', previewId?: string): Promise<Upload> => {
      const started = performance.now();
      const fields = { placeId: String(CITY.city), kind: 'residents', mode, ...(previewId ? { previewId } : {}) };
      const url = `${app.baseUrl}/api/roster/imports`;
      const { status, body } = await postFile(url, headers, fields, previewId ? null : file);
      const reply = JSON.parse(body) as Upload['reply'];
      if (status !== 200) throw new Error(`import (${mode}) answered ${status}: ${body.slice(0, 800)}`);
      return { seconds: (performance.now() - started) / 1000, reply };
    };
    try {
      await load(2); // warm the app and its pool
      const baseline = await load(WINDOW_SECONDS);
      const idleRss = rssMiB(pid, 'VmRSS', read);
      let peakRss = idleRss;
      const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssMiB(pid, 'VmRSS', read))), 100);
      let isImporting = true;
      const started = performance.now();
      const importing = (async () => {
        try {
          if (FLOW === 'direct') {
            const committed = await upload('commit');
            return { validated: null, committed, seconds: (performance.now() - started) / 1000 };
          }
          const validated = await upload('validate');
          if (!validated.reply.previewId) throw new Error('the preview was not kept for its commit');
          const committed = await upload('commit', validated.reply.previewId);
          return { validated, committed, seconds: (performance.now() - started) / 1000 };
        } finally {
          isImporting = false;
        }
      })();
      const windows: LoadResult[] = [];
      const afterWindows: LoadResult[] = [];
      try {
        while (isImporting) windows.push(await load(WINDOW_SECONDS));
        await importing;
        // The import changed the city's names, which the public pages look up as they redact (no
        // process keeps a copy to rebuild). Three more windows measure the app right after, memory included.
        for (let i = 0; i < AFTER_WINDOWS; i += 1) afterWindows.push(await load(WINDOW_SECONDS));
      } finally {
        clearInterval(sampler);
      }
      const { validated, committed, seconds } = await importing;
      peakRss = Math.max(peakRss, rssMiB(pid, 'VmHWM', read));
      const problems = (validated ?? committed).reply.problems;
      if (problems?.length) {
        throw new Error(`the city file has problems: ${JSON.stringify(problems.slice(0, 3))}`);
      }
      if (committed.reply.summary?.inserted !== RESIDENTS) {
        throw new Error(`the import wrote ${JSON.stringify(committed.reply.summary)}`);
      }
      const during = worstOf(windows);
      const latency = (name: string, r: LoadResult, withTarget: boolean): BenchFigure[] => [
        { name: `${name}: p50`, value: r.latencyMs.p50, unit: 'ms' },
        { name: `${name}: p90`, value: r.latencyMs.p90, unit: 'ms' },
        {
          name: `${name}: p95`,
          value: r.latencyMs.p95,
          unit: 'ms',
          ...(withTarget ? { target: `< ${TARGET_P95_MS} ms`, isMet: r.latencyMs.p95 < TARGET_P95_MS } : {}),
        },
        { name: `${name}: p99`, value: r.latencyMs.p99, unit: 'ms', note: `slowest ${r.latencyMs.max.toFixed(0)} ms` },
        { name: `${name}: requests/s`, value: r.perSecond, unit: 'req/s', note: JSON.stringify(r.statuses) },
      ];
      const phases: BenchFigure[] = validated
        ? [
            { name: 'upload + preview (validate)', value: validated.seconds, unit: 's' },
            { name: 'confirm (commit of the kept preview)', value: committed.seconds, unit: 's' },
          ]
        : [];
      const figures: BenchFigure[] = [
        {
          name: validated
            ? `upload → preview → confirm → done, ${RESIDENTS.toLocaleString('en')} residents`
            : `upload with mode commit → done (no preview), ${RESIDENTS.toLocaleString('en')} residents`,
          value: seconds,
          unit: 's',
          target: `< ${TARGET_SECONDS} s`,
          isMet: seconds < TARGET_SECONDS,
        },
        ...phases,
        { name: 'commit throughput', value: RESIDENTS / committed.seconds, unit: 'rows/s' },
        {
          name: "app's peak resident memory (process and workers)",
          value: peakRss,
          unit: 'MiB',
          target: `< ${TARGET_RSS_MIB} MiB`,
          isMet: peakRss < TARGET_RSS_MIB,
          note: `${idleRss.toFixed(0)} MiB before the import`,
        },
        ...latency('place page + public showcase alone (same run)', baseline, false),
        ...latency(`the same during the import (worst of ${windows.length} windows)`, during, true),
        ...latency(
          `the same in the ${AFTER_WINDOWS * WINDOW_SECONDS} s after it (worst window)`,
          worstOf(afterWindows),
          true,
        ),
      ];
      return {
        title: `A city's roster: ${RESIDENTS.toLocaleString('en')} residents in one .xlsx, over HTTP`,
        figures,
        notes: [
          `${(fs.statSync(file).size / 2 ** 20).toFixed(1)} MiB .xlsx written by the streaming writer in ${fileSeconds.toFixed(0)} s (not timed); the city (5 towns, 50 communities, 2,000 units, ${DWELLINGS.toLocaleString('en')} dwellings and households) built in SQL in ${built.seconds.toFixed(0)} s`,
          `the app in its own process (production mode, default roster caps${process.env.YISHI_ROSTER_WORKER_NICE ? `, YISHI_ROSTER_WORKER_NICE=${process.env.YISHI_ROSTER_WORKER_NICE}` : ''}); the upload streamed to disk, the file read and validated ${CHUNK_ROWS.toLocaleString('en')} rows at a time in a worker thread${validated ? ', its lines kept for the confirm, which reads them back (no second upload or parse), checks them again' : ' as it is written (one upload, mode commit, no preview)'} and upserts them in one transaction`,
          `other requests: ${OTHERS.label}, GET /api/places/:community as a city officer and GET /api/public/showcase in turn, ${WINDOW_SECONDS} s windows; memory: VmRSS polled every 100 ms and VmHWM at the end, of the app process and its child processes, from before the import to the end of the window after it`,
        ],
      };
    } finally {
      app.child.kill('SIGTERM');
      await app.exited;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default bench;
