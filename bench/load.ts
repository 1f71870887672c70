/**
 * The benches' load generator: Debian's `wrk` (a C program, far cheaper than in-process `fetch`),
 * driven by a generated Lua script. One request for every connection, or a list of distinct requests
 * (e.g. one per voter, each with its own session cookie) taken in turn; with `once`, each of the list
 * is sent exactly once and the run ends when all are answered. Reports throughput, wrk's latency
 * percentiles (corrected for coordinated omission) and the count of each status code.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export type LoadRequest = {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
};

export type LoadOptions = {
  baseUrl: string;
  /** One request sent over and over, or a list taken in turn by all connections. */
  requests: LoadRequest | LoadRequest[];
  connections: number;
  /** wrk threads (default: 1, leaving the other cores to the app under test). */
  threads?: number;
  /** How long to run; with `once`, an upper bound. */
  seconds: number;
  /** Send each listed request once only, then stop (votes: one per voter). */
  once?: boolean;
  /** Sent instead once the list is used up under `once`, while the last answers arrive (default GET /api/health). */
  idle?: LoadRequest;
  /** The status the idle request answers with (default 200). */
  idleStatus?: number;
  /** A request slower than this counts as a timeout (default 10 s). */
  timeoutSeconds?: number;
  /**
   * Each connection waits this long after an answer before its next request, as a person between
   * clicks does (wrk's `delay()`; latency is timed from the send). Unset: requests back to back.
   */
  thinkMs?: number;
};

export type LoadResult = {
  /** Answers to listed requests (idle ones left out). */
  requests: number;
  seconds: number;
  perSecond: number;
  latencyMs: { p50: number; p90: number; p95: number; p99: number; max: number; mean: number };
  /** Answers by status code, listed requests only. */
  statuses: Record<string, number>;
  /** Socket errors as wrk counts them (connect, read, write, timeout). */
  errors: { connect: number; read: number; write: number; timeout: number };
};

/** Throws with what to install when wrk is missing. */
export function requireWrk(): void {
  const probe = spawnSync('wrk', ['--version']);
  if (probe.error)
    throw new Error('the benches need Debian’s wrk as their load generator: apt-get install -y wrk (as root)');
}

/** A Lua string literal holding `text` byte for byte. */
function luaString(text: string): string {
  let out = '"';
  for (const byte of Buffer.from(text, 'utf8')) {
    if (byte === 0x22 || byte === 0x5c) out += `\\${String.fromCharCode(byte)}`;
    else if (byte >= 0x20 && byte < 0x7f) out += String.fromCharCode(byte);
    else out += `\\${byte}`;
  }
  return `${out}"`;
}

function rawRequest(host: string, request: LoadRequest): string {
  const headers: Record<string, string> = { host, ...request.headers };
  if (request.body !== undefined) headers['content-length'] = String(Buffer.byteLength(request.body));
  const lines = Object.entries(headers).map(([k, v]) => `${k}: ${v}`);
  return `${request.method ?? 'GET'} ${request.path} HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n${request.body ?? ''}`;
}

/**
 * The Lua script: thread i of T takes requests i, i+T, … of the list and counts answers by status.
 * Under `once`, a thread whose share is sent sends the idle request meanwhile, and stops (printing
 * WRK_DONE) when everything it sent is answered; the idle answers are taken off their status's count.
 */
function script(
  host: string,
  list: LoadRequest[],
  once: boolean,
  idle: LoadRequest,
  threads: number,
  thinkMs: number | undefined,
): string {
  const delay = thinkMs !== undefined ? `function delay()\n  return ${Math.round(thinkMs)}\nend` : '';
  return `
${delay}
local list = {${list.map((r) => luaString(rawRequest(host, r))).join(',\n')}}
local idle = ${luaString(rawRequest(host, idle))}
local once = ${once ? 'true' : 'false'}
local threads = {}
local count = 0
function setup(thread)
  thread:set("tid", count)
  count = count + 1
  table.insert(threads, thread)
end
function init(args)
  nexti = tid + 1
  sent = 0
  idle_sent = 0
  answered = 0
  statuses = {}
  -- wrk calls thread 0's request() once before it starts, only to check the script: not sent.
  verified = tid ~= 0
  io.write("WRK_START\\n")
  io.flush()
end
function request()
  if not verified then
    verified = true
    return idle
  end
  if nexti > #list then
    if once then
      idle_sent = idle_sent + 1
      return idle
    end
    nexti = tid + 1
  end
  local r = list[nexti]
  nexti = nexti + ${threads}
  sent = sent + 1
  return r
end
function response(status, headers, body)
  answered = answered + 1
  statuses[status] = (statuses[status] or 0) + 1
  if once and nexti > #list and answered >= sent + idle_sent then
    io.write("WRK_DONE\\n")
    io.flush()
    wrk.thread:stop()
  end
end
function done(summary, latency, requests)
  local merged = {}
  local idles = 0
  for _, t in ipairs(threads) do
    idles = idles + t:get("idle_sent")
    for code, n in pairs(t:get("statuses")) do
      merged[tostring(code)] = (merged[tostring(code)] or 0) + n
    end
  end
  local parts = {}
  for code, n in pairs(merged) do table.insert(parts, string.format('"%s":%d', code, n)) end
  io.write(string.format('\\nWRK_JSON {"idle":%d,"us":%d,"p50":%d,"p90":%d,"p95":%d,"p99":%d,"max":%d,"mean":%f,"connect":%d,"read":%d,"write":%d,"timeout":%d,"statuses":{%s}}\\n',
    idles, summary.duration, latency:percentile(50), latency:percentile(90), latency:percentile(95), latency:percentile(99), latency.max, latency.mean,
    summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout, table.concat(parts, ",")))
end
`;
}

/** Runs wrk once against `baseUrl` and returns what it measured. */
export async function runLoad(opts: LoadOptions): Promise<LoadResult> {
  requireWrk();
  const list = Array.isArray(opts.requests) ? opts.requests : [opts.requests];
  if (list.length === 0) throw new Error('runLoad: no requests');
  const threads = Math.max(1, Math.min(opts.threads ?? 1, opts.connections));
  const url = new URL(opts.baseUrl);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yishi-wrk-'));
  const file = path.join(dir, 'load.lua');
  const idle = opts.idle ?? { path: '/api/health' };
  fs.writeFileSync(file, script(url.host, list, opts.once ?? false, idle, threads, opts.thinkMs));
  const args = [`-t${threads}`, `-c${opts.connections}`, `-d${Math.ceil(opts.seconds)}s`];
  args.push('--timeout', `${opts.timeoutSeconds ?? 10}s`, '--latency', '-s', file, `${url.origin}/`);
  try {
    // Under `once` wrk would wait out the whole duration: it is interrupted (it then reports) when
    // every thread has printed WRK_DONE, and the rate is taken over the time up to then.
    let started = 0;
    let finished = 0;
    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn('wrk', args, { stdio: ['ignore', 'pipe', 'pipe'] });
      let text = '';
      let done = 0;
      child.stdout.on('data', (chunk: Buffer) => {
        const part = chunk.toString();
        text += part;
        if (!started && part.includes('WRK_START')) started = performance.now();
        done += part.split('WRK_DONE').length - 1;
        if (opts.once && done >= threads && !finished) {
          finished = performance.now();
          child.kill('SIGINT');
        }
      });
      child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
      child.once('error', reject);
      child.once('exit', (code, signal) =>
        code === 0 || signal === 'SIGINT' ? resolve(text) : reject(new Error(`wrk exited ${code}: ${text}`)),
      );
    });
    const line = output.split('\n').find((l) => l.startsWith('WRK_JSON '));
    if (!line) throw new Error(`wrk printed no result: ${output}`);
    const raw = JSON.parse(line.slice('WRK_JSON '.length)) as {
      idle: number;
      us: number;
      p50: number;
      p90: number;
      p95: number;
      p99: number;
      max: number;
      mean: number;
      connect: number;
      read: number;
      write: number;
      timeout: number;
      statuses: Record<string, number>;
    };
    const statuses = { ...raw.statuses };
    const idleStatus = String(opts.idleStatus ?? 200);
    if (raw.idle > 0) statuses[idleStatus] = (statuses[idleStatus] ?? 0) - raw.idle;
    if (statuses[idleStatus] === 0) delete statuses[idleStatus];
    const answered = Object.values(statuses).reduce((a, b) => a + b, 0);
    const seconds = finished && started ? (finished - started) / 1000 : raw.us / 1e6;
    const ms = (us: number) => us / 1000;
    return {
      requests: answered,
      seconds,
      perSecond: answered / seconds,
      latencyMs: {
        p50: ms(raw.p50),
        p90: ms(raw.p90),
        p95: ms(raw.p95),
        p99: ms(raw.p99),
        max: ms(raw.max),
        mean: ms(raw.mean),
      },
      statuses,
      errors: { connect: raw.connect, read: raw.read, write: raw.write, timeout: raw.timeout },
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
