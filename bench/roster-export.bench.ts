/**
 * Heavy roster files off the event loop (issue 11): the real app in its own process with 100,000
 * residents in one community. Other staff's requests (a cheap authenticated GET, `GET /api/session`
 * with a session: one session lookup) are driven by Debian `wrk` for a fixed window, first with nothing
 * else running (the baseline, same run), then while a 100,000-resident .xlsx export runs back to back,
 * then while a 100,000-resident .xlsx import is validated and committed. Reports their p50/p95/p99, the
 * export and import times and the app's peak memory (worker threads included).
 */
import { execFileSync, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { formatRecord, type ResidentRecord } from '../domain/roster';
import type { Database } from '../server/db/client';
import { writeRosterFile } from '../server/modules/roster/roster.files';
import { startAppProcess } from '../server/test/app-process';
import type { Bench, BenchFigure } from './lib';
import { buildCommunity } from './roster-import.bench';

const RESIDENTS = 100_000;
const COMMUNITY_ID = 3;
const WINDOW_SECONDS = 15;
const CONNECTIONS = 16;
const P95_TARGET_MS = 100;

/** 100,000 residents, four per dwelling of the benchmark community, one in four an owner of it. */
async function seedResidents(database: Database): Promise<void> {
  const q = (text: string) => database.pool.query(text);
  await q(`insert into residents (code, name, gender, birth_date, phone, household_id, place_id, place_path, dwelling_id, tenure)
           select 'BX' || g, (array['王','李','张','刘','陈','欧阳'])[1 + g % 6] || '居民' || g,
                  case when g % 2 = 0 then 'male' else 'female' end, date '1940-01-01' + (g * 7919) % 25000,
                  case when g % 5 = 0 then null else '139' || lpad(g::text, 8, '0') end,
                  d.id, d.place_id, d.place_path, d.id, case when g % 4 = 0 then 'owner' else 'family' end
           from generate_series(0, ${RESIDENTS - 1}) g join dwellings d on d.id = g / 4 + 1`);
  await q(
    `insert into ownerships (dwelling_id, resident_id) select dwelling_id, id from residents where tenure = 'owner'`,
  );
  await q('vacuum analyze residents');
  await q('vacuum analyze ownerships');
}

/** Two convenors of the community, each with a session: one runs the heavy job, the other is "everyone else". */
async function seedSessions(database: Database): Promise<{ heavy: string; other: string }> {
  const tokens = { heavy: randomBytes(24).toString('base64url'), other: randomBytes(24).toString('base64url') };
  for (const [i, token] of [tokens.heavy, tokens.other].entries()) {
    const hash = createHash('sha256').update(token).digest('hex');
    await database.pool.query(
      `with a as (insert into accounts (phone, display_name) values ($1, $2) returning id),
            g as (insert into role_grants (account_id, role, place_id) select id, 'convenor', ${COMMUNITY_ID} from a)
       insert into sessions (token_hash, account_id, expires_at) select $3, id, now() + interval '1 day' from a`,
      [`1370000000${i}`, `基准工作人员${i}`, hash],
    );
  }
  return tokens;
}

/** 100,000 new residents as an .xlsx (the streaming writer, not timed): half leave the place to the dwelling. */
async function importFile(dir: string): Promise<string> {
  const filePath = path.join(dir, 'residents-import.xlsx');
  async function* rows() {
    for (let start = 0; start < RESIDENTS; start += 10_000) {
      yield Array.from({ length: 10_000 }, (_, i) => {
        const g = start + i;
        const dwelling = Math.floor(g / 4);
        const record: ResidentRecord = {
          code: `BN${g}`,
          name: `新居民${g}`,
          gender: g % 2 === 0 ? 'male' : 'female',
          birthDate: new Date(Date.UTC(1950, 0, 1) + ((g * 7919) % 20_000) * 86_400_000).toISOString().slice(0, 10),
          phone: g % 3 === 0 ? null : `138${String(g).padStart(8, '0')}`,
          householdCode: `BH${dwelling}`,
          dwellingCode: `BD${dwelling}`,
          placeCode: `RB${1000 + Math.floor(dwelling / 250)}`,
          tenure: g % 4 === 0 ? 'owner' : 'family',
          ownedDwellingCodes: g % 4 === 0 ? [`BD${dwelling}`] : [],
        };
        const cells = formatRecord('residents', record);
        if (g % 2 === 1) cells[7] = ''; // 所属区划编码 blank: taken from 居住房屋编码
        return cells;
      });
    }
  }
  await writeRosterFile(filePath, 'residents', 'xlsx', rows());
  return filePath;
}

type Load = {
  p50: number;
  p95: number;
  p99: number;
  max: number;
  requests: number;
  errors: number;
  perSecond: number;
};

/** `wrk` for `seconds` against GET /api/session with the other account's session; latencies in ms. */
function drive(baseUrl: string, token: string, seconds: number, script: string): Promise<Load> {
  return new Promise((resolve, reject) => {
    const child = spawn('wrk', [
      '-t2',
      `-c${CONNECTIONS}`,
      `-d${seconds}s`,
      '--timeout',
      '30s',
      '-s',
      script,
      '-H',
      `cookie: yishi_session=${token}`,
      `${baseUrl}/api/session`,
    ]);
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('exit', () => {
      const line = out.split('\n').find((l) => l.startsWith('JSON '));
      if (!line) return reject(new Error(`wrk said: ${out}`));
      const r = JSON.parse(line.slice(5)) as Omit<Load, 'perSecond'> & { seconds: number };
      resolve({ ...r, perSecond: r.requests / r.seconds });
    });
  });
}

const WRK_SCRIPT = `done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('JSON {"p50":%f,"p95":%f,"p99":%f,"max":%f,"requests":%d,"errors":%d,"seconds":%f}\\n',
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    summary.requests, e.connect + e.read + e.write + e.status + e.timeout, summary.duration / 1e6))
end
`;

/**
 * The app's main-thread event-loop delay since the previous call, in ms (prom-client's default metrics
 * on /metrics: a histogram that each scrape reads and resets). Independent of how busy the machine is:
 * it measures how long the thread that answers every request was held.
 */
async function eventLoopLag(baseUrl: string): Promise<{ max: number; p99: number }> {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  const read = (name: string) => Number(text.match(new RegExp(`^${name} (\\S+)`, 'm'))?.[1] ?? Number.NaN) * 1000;
  return { max: read('nodejs_eventloop_lag_max_seconds'), p99: read('nodejs_eventloop_lag_p99_seconds') };
}

/** Peak resident memory of a process so far (VmHWM), in MiB. */
const peakRssMiB = (pid: number) =>
  Number(fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmHWM:\s+(\d+) kB/m)?.[1] ?? Number.NaN) / 1024;

const bench: Bench = {
  name: 'roster-export',
  async run(database) {
    try {
      execFileSync('sh', ['-c', 'command -v wrk'], { stdio: 'ignore' });
    } catch {
      throw new Error('this benchmark needs Debian wrk: apt-get install -y wrk');
    }
    await buildCommunity(database);
    await seedResidents(database);
    const tokens = await seedSessions(database);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yishi-bench-roster-'));
    const script = path.join(dir, 'report.lua');
    fs.writeFileSync(script, WRK_SCRIPT);
    const file = await importFile(dir);
    const app = await startAppProcess({ databaseUrl: database.url, isBundle: true });
    const heavy = { cookie: `yishi_session=${tokens.heavy}; yishi_csrf=bench`, 'x-csrf-token': 'bench' };
    try {
      await eventLoopLag(app.baseUrl);
      const baseline = await drive(app.baseUrl, tokens.other, WINDOW_SECONDS, script);
      const baselineLag = await eventLoopLag(app.baseUrl);

      // Exports back to back for the whole window, so every sampled request overlaps one.
      const exportSeconds: number[] = [];
      let exportBytes = 0;
      let isDriving = true;
      const exporting = (async () => {
        while (isDriving) {
          const started = performance.now();
          const response = await fetch(`${app.baseUrl}/api/roster/export/residents.xlsx?placeId=${COMMUNITY_ID}`, {
            headers: heavy,
          });
          const body = Buffer.from(await response.arrayBuffer());
          if (!response.ok) throw new Error(`export answered ${response.status}: ${body.toString().slice(0, 200)}`);
          exportBytes = body.length;
          exportSeconds.push((performance.now() - started) / 1000);
        }
      })();
      const duringExport = await drive(app.baseUrl, tokens.other, WINDOW_SECONDS, script);
      isDriving = false;
      await exporting;
      const exportLag = await eventLoopLag(app.baseUrl);

      // The import: validate, then commit, each as one multipart upload, while wrk runs beside it.
      const upload = async (mode: 'validate' | 'commit') => {
        const form = new FormData();
        form.append('placeId', String(COMMUNITY_ID));
        form.append('kind', 'residents');
        form.append('mode', mode);
        form.append('file', new Blob([fs.readFileSync(file)]), 'residents.xlsx');
        const started = performance.now();
        const response = await fetch(`${app.baseUrl}/api/roster/imports`, {
          method: 'POST',
          body: form,
          headers: heavy,
        }).catch((error: unknown) => {
          throw new Error(`import (${mode}) failed: ${String(error)}; the app said:\n${app.output().slice(-3000)}`);
        });
        const reply = (await response.json()) as { rowCount?: number; summary?: { inserted: number } | null };
        if (!response.ok) throw new Error(`import (${mode}) answered ${response.status}: ${JSON.stringify(reply)}`);
        return { seconds: (performance.now() - started) / 1000, reply };
      };
      // wrk in back-to-back windows while the import runs; the worst window is reported.
      let isImporting = true;
      const importing = (async () => {
        try {
          return { validated: await upload('validate'), committed: await upload('commit') };
        } finally {
          isImporting = false;
        }
      })();
      const windows: Load[] = [];
      while (isImporting) windows.push(await drive(app.baseUrl, tokens.other, 10, script));
      const { validated, committed } = await importing;
      const importLag = await eventLoopLag(app.baseUrl);
      const worst = (key: 'p50' | 'p95' | 'p99') => Math.max(...windows.map((w) => w[key]));
      const duringImport: Load = {
        p50: worst('p50'),
        p95: worst('p95'),
        p99: worst('p99'),
        max: Math.max(...windows.map((w) => w.max)),
        requests: windows.reduce((sum, w) => sum + w.requests, 0),
        errors: windows.reduce((sum, w) => sum + w.errors, 0),
        perSecond: windows.reduce((sum, w) => sum + w.perSecond, 0) / windows.length,
      };
      if ((validated.reply as { problems?: unknown[] }).problems?.length) {
        throw new Error(`validate found problems: ${JSON.stringify(validated.reply).slice(0, 500)}`);
      }
      if (committed.reply.summary?.inserted !== RESIDENTS) {
        throw new Error(`import wrote ${JSON.stringify(committed.reply.summary)}`);
      }
      const peak = peakRssMiB(app.child.pid!);

      const latency = (
        name: string,
        load: Load,
        lag: { max: number; p99: number },
        withTarget: boolean,
      ): BenchFigure[] => [
        { name: `${name}: p50`, value: load.p50, unit: 'ms' },
        {
          name: `${name}: p95`,
          value: load.p95,
          unit: 'ms',
          ...(withTarget ? { target: `< ${P95_TARGET_MS} ms`, isMet: load.p95 < P95_TARGET_MS } : {}),
        },
        { name: `${name}: p99`, value: load.p99, unit: 'ms', note: `slowest ${load.max.toFixed(0)} ms` },
        { name: `${name}: requests/s`, value: load.perSecond, unit: 'req/s', note: `${load.errors} errors` },
        {
          name: `${name}: the app's event loop held at most`,
          value: lag.max,
          unit: 'ms',
          note: `event-loop delay p99 ${lag.p99.toFixed(1)} ms`,
        },
      ];
      const figures: BenchFigure[] = [
        ...latency('GET /api/session alone (baseline)', baseline, baselineLag, false),
        ...latency('GET /api/session during 100,000-resident exports', duringExport, exportLag, true),
        ...latency('GET /api/session during the 100,000-resident import', duringImport, importLag, true),
        {
          name: 'export of 100,000 residents (.xlsx, HTTP)',
          value: Math.min(...exportSeconds),
          unit: 's',
          note: `${exportSeconds.length} in the window, slowest ${Math.max(...exportSeconds).toFixed(1)} s, ${(exportBytes / 2 ** 20).toFixed(1)} MiB`,
        },
        { name: 'import of 100,000 residents: validate (HTTP)', value: validated.seconds, unit: 's' },
        { name: 'import of 100,000 residents: validate + commit (HTTP)', value: committed.seconds, unit: 's' },
        { name: "app's peak memory (main thread and workers)", value: peak, unit: 'MiB' },
      ];
      return {
        title: 'Heavy roster files off the event loop (100,000 residents, .xlsx, over HTTP)',
        figures,
        notes: [
          `the app in its own process (node --import tsx server/main.ts, production mode, default caps); load from Debian wrk -t2 -c${CONNECTIONS}, ${WINDOW_SECONDS} s windows (during the import: 10 s windows back to back until the commit answered, ${windows.length} windows, the worst one's percentiles), on the same 2 cores as the app, its workers and PostgreSQL`,
          `import file: ${(fs.statSync(file).size / 2 ** 20).toFixed(1)} MiB .xlsx of 100,000 new residents, half with 所属区划编码 blank (taken from the dwelling), one in four an owner`,
          'exports and the import run in a worker thread each; the main thread only passes the file and streams the written export back',
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
