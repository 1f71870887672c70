import { Writable } from 'node:stream';
import { crc32 } from 'node:zlib';
import fc from 'fast-check';
import type { RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { MatterStatus } from '../../domain/matters/stages';
import { afterDeliberationWorld, type AfterDeliberationWorld } from '../test/after-deliberation.fixtures';
import { accountClient, buildBallot, buildOwners } from '../test/ballot-factories';
import type { TestClient } from '../test/build-test-app';
import { buildStaff } from '../test/factories';
import { buildJpeg, buildJpegWithGps, buildPng } from '../test/images';
import { arbitraryFor, hostileStrings, keysOf, pointedValues } from '../test/zod-arbitrary';

/**
 * Every route of the app, fed requests drawn from its own zod schemas mixed with hostile values, as
 * an administrator and as nobody: no answer may be a 5xx. Deterministic (fixed seed, fixed number of
 * requests per route) and bounded, so it runs in `npm test`.
 */
const SEED = 20_261_205;
const RUNS_PER_ROUTE = 8;

type Route = {
  method: string;
  url: string;
  schema: { params?: z.ZodType; querystring?: z.ZodType; body?: z.ZodType; consumes?: string[] };
  /** Routes that read multipart/form-data (a preValidation form reader, or `consumes`). */
  isMultipart: boolean;
};
type Sample = { params: unknown; query: unknown; body: unknown; rawUrlText: string | undefined; contentType: string };
type Failure = { actor: string; route: string; request: string; status: number; error: string };

/** Streams (server-sent events) never end, and the API's own docs are static pages. */
const isSkipped = (route: Route) =>
  route.method === 'HEAD' || route.url.endsWith('/events') || route.url.startsWith('/api/docs') || route.url === '*';

/** Text in a URL, percent-encoded from its UTF-8 bytes (a lone surrogate becomes U+FFFD, as browsers send it). */
const encodeUrlText = (text: string) =>
  [...Buffer.from(text, 'utf8')]
    .map((b) =>
      /[A-Za-z0-9\-._~]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).padStart(2, '0')}`,
    )
    .join('');

/** Malformed percent-encoding, sent as is. */
const rawUrlTexts = ['%', '%ZZ', '%00', '%ED%A0%80', '%C0%AE%C0%AE', '%FF%FE', '%E4%B8'];

const asUrlText = (value: unknown): string | undefined => {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value);
};

function requestOf(route: Route, sample: Sample) {
  const params = (sample.params && typeof sample.params === 'object' ? sample.params : {}) as Record<string, unknown>;
  let raw = sample.rawUrlText;
  const path = route.url.replace(/:(\w+)/g, (_, name: string) => {
    if (raw !== undefined) {
      const text = raw;
      raw = undefined;
      return text;
    }
    return encodeUrlText(asUrlText(params[name]) ?? '1');
  });
  const query = (sample.query && typeof sample.query === 'object' ? sample.query : {}) as Record<string, unknown>;
  const pairs = Object.entries(query).flatMap(([key, value]) =>
    (Array.isArray(value) ? value : [value])
      .map(asUrlText)
      .filter((v): v is string => v !== undefined)
      .map((v) => `${encodeUrlText(key)}=${encodeUrlText(v)}`),
  );
  if (raw !== undefined) pairs.push(`q=${raw}`);
  const url = pairs.length ? `${path}?${pairs.join('&')}` : path;
  const hasBody = route.method !== 'GET' && sample.body !== undefined;
  const payload = hasBody
    ? sample.contentType === 'application/json'
      ? JSON.stringify(sample.body)
      : String(asUrlText(sample.body))
    : undefined;
  return { method: route.method, url, payload, contentType: sample.contentType };
}

/** Leaf paths of a value (objects and arrays walked), plus the keys a schema declares at the top. */
function leavesOf(value: unknown, schema: z.ZodType | undefined): string[][] {
  const paths: string[][] = keysOf(schema).map((key) => [key]);
  const walk = (node: unknown, path: string[]) => {
    if (node && typeof node === 'object' && path.length < 6) {
      for (const [key, child] of Object.entries(node)) walk(child, [...path, key]);
    } else if (path.length > 1) paths.push(path);
  };
  walk(value, []);
  return paths;
}

/** `value` with the leaf at `path` replaced (objects created on the way). */
function withLeaf(value: unknown, path: string[], leaf: unknown): unknown {
  const [head, ...rest] = path;
  const node = (value && typeof value === 'object' ? structuredClone(value) : {}) as Record<string, unknown>;
  node[head!] = rest.length ? withLeaf(node[head!], rest, leaf) : leaf;
  return node;
}

/**
 * Requests for one route: RUNS_PER_ROUTE drawn with hostile values anywhere, and as many that are
 * valid but for one field (params, query or body) holding a hostile value, so that value reaches
 * the handler rather than being refused for another field first.
 */
function samplesFor(route: Route, seed: number): Sample[] {
  const { params, querystring, body } = route.schema;
  const free = fc.dictionary(fc.constantFrom('q', 'id', 'page', 'placeId'), fc.constantFrom(...hostileStrings), {
    maxKeys: 2,
  });
  const json = 'application/json';
  const mixed = fc.record({
    params: params ? arbitraryFor(params) : fc.constant({}),
    query: querystring ? arbitraryFor(querystring) : fc.oneof(fc.constant({}), free),
    body: body ? arbitraryFor(body) : fc.option(arbitraryFor(fcFreeSchema), { nil: undefined, freq: 2 }),
    rawUrlText: fc.oneof({ weight: 15, arbitrary: fc.constant(undefined) }, fc.constantFrom(...rawUrlTexts)),
    contentType: fc.constantFrom(...Array<string>(14).fill(json), 'text/plain', 'application/xml'),
  });
  const valid = fc.record({
    params: params ? arbitraryFor(params, 0) : fc.constant({}),
    query: querystring ? arbitraryFor(querystring, 0) : fc.constant({}),
    body: body ? arbitraryFor(body, 0) : fc.constant(undefined),
  });
  const pointed = fc.tuple(valid, fc.nat(), fc.constantFrom(...pointedValues)).map(([base, pick, leaf]): Sample => {
    const parts = (['params', 'query', 'body'] as const).flatMap((part) =>
      leavesOf(base[part], { params, query: querystring, body }[part]).map((path) => ({ part, path })),
    );
    const sample: Sample = { ...base, rawUrlText: undefined, contentType: json };
    if (parts.length === 0) return sample;
    const { part, path } = parts[pick % parts.length]!;
    // Path and query values are text: a hostile number or object is written as text there.
    return { ...sample, [part]: withLeaf(base[part], path, part === 'body' ? leaf : asUrlText(leaf)) };
  });
  return [
    ...fc.sample(mixed, { seed, numRuns: RUNS_PER_ROUTE }),
    ...fc.sample(pointed, { seed: seed + 1, numRuns: RUNS_PER_ROUTE }),
  ];
}

/** A body for routes that declare none: any object the generator can make (hostile values included). */
const fcFreeSchema = { _zod: { def: { type: 'unknown' } } } as unknown as z.ZodType;

const MULTIPART_RUNS_PER_ROUTE = 6;
const BOUNDARY = '----yishi-fuzz-boundary';

/** Files a form may carry: real images, a bomb, a phone photo with GPS, impostors, text, nothing. */
async function buildFormFiles(): Promise<Buffer[]> {
  const png = await buildPng();
  const bomb = Buffer.from(png);
  bomb.writeUInt32BE(20_000, 16);
  bomb.writeUInt32BE(20_000, 20);
  bomb.writeUInt32BE(crc32(bomb.subarray(12, 29)), 29);
  return [
    png,
    await buildJpeg(),
    await buildJpegWithGps(),
    bomb,
    Buffer.concat([png.subarray(0, 8), Buffer.from('not the rest of a PNG')]),
    Buffer.from('%PDF-1.7\n委托书\n%%EOF'),
    Buffer.from('\ufeff居民编号,姓名\r\nR-1,王\u0000五\r\n', 'utf8'),
    Buffer.alloc(0),
  ];
}

/** A multipart/form-data body: text fields (one of them hostile) and one file part. */
function multipartSamples(route: Route, seed: number, files: Buffer[]) {
  const fields = route.schema.body ? arbitraryFor(route.schema.body, 0) : fc.constant({});
  const sample = fc.record({
    fields,
    hostile: fc.tuple(fc.nat(), fc.constantFrom(...pointedValues)),
    file: fc.option(
      fc.record({
        field: fc.constantFrom('photos', 'letter', 'file'),
        name: fc.constantFrom('IMG_0001.jpg', '楼道\u0000.png', 'roster.csv', 'letter.pdf', ''),
        bytes: fc.nat({ max: files.length - 1 }).map((i) => files[i]!),
      }),
      { nil: undefined, freq: 5 },
    ),
  });
  return fc.sample(sample, { seed, numRuns: MULTIPART_RUNS_PER_ROUTE }).map(({ fields: values, hostile, file }) => {
    const text = Object.fromEntries(
      Object.entries((values ?? {}) as Record<string, unknown>)
        .map(([key, value]) => [key, asUrlText(value)] as const)
        .filter((entry): entry is readonly [string, string] => entry[1] !== undefined),
    );
    const keys = [...new Set([...Object.keys(text), ...keysOf(route.schema.body)])];
    if (keys.length) text[keys[hostile[0] % keys.length]!] = asUrlText(hostile[1]) ?? '';
    const chunks = Object.entries(text).map(
      ([name, value]) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
    );
    const parts: Buffer[] = chunks.map((chunk) => Buffer.from(chunk, 'utf8'));
    if (file) {
      parts.push(
        Buffer.from(
          `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.name}"\r\n` +
            'Content-Type: application/octet-stream\r\n\r\n',
          'utf8',
        ),
        file.bytes,
        Buffer.from('\r\n'),
      );
    }
    parts.push(Buffer.from(`--${BOUNDARY}--\r\n`));
    const payload = Buffer.concat(parts);
    const summary = `${JSON.stringify(text).slice(0, 300)} ${file ? `${file.field}=${file.name} (${file.bytes.length} B)` : ''}`;
    return { payload, summary };
  });
}

const describeRequest = (request: ReturnType<typeof requestOf>) => {
  const payload = request.payload === undefined ? '' : ` ${request.contentType} ${request.payload.slice(0, 300)}`;
  return `${request.method} ${request.url.slice(0, 300)}${payload}`;
};

describe('every route, fuzzed', () => {
  const routes: Route[] = [];
  const errors: string[] = [];
  let w: AfterDeliberationWorld;
  let admin: TestClient;
  let adminId: number;

  beforeAll(async () => {
    const logStream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        errors.push(chunk.toString());
        done();
      },
    });
    w = await afterDeliberationWorld(
      { LOG_LEVEL: 'error' },
      {
        logStream,
        onRoute: (route: RouteOptions) => {
          const schema = (route.schema ?? {}) as Route['schema'];
          const isMultipart = Boolean(route.preValidation) || Boolean(schema.consumes?.includes('multipart/form-data'));
          for (const method of [route.method].flat()) routes.push({ method, url: route.url, schema, isMultipart });
        },
      },
    );
    const staff = await buildStaff(w.db, { role: 'admin', placeId: w.territory.city.id, name: '市管理员' });
    adminId = staff.id;
    admin = await accountClient(w.t, adminId);
    // Rows for small ids to name: matters at each step, ballots open and closed, owners who vote.
    const statuses: MatterStatus[] = ['raised', 'accepted', 'announced', 'deliberating', 'resolved', 'implementing'];
    const owners = await buildOwners(w.db, w.territory.unit2.id, [
      { name: '赵先生', phone: '13811110001', areas: [8950] },
      { name: '钱女士', phone: '13811110002', areas: [12000] },
    ]);
    for (const status of statuses) {
      const matter = await w.matterAt(status, `5幢${status}事项`);
      if (status !== 'deliberating') continue;
      for (const ballotStatus of ['draft', 'open', 'closed'] as const) {
        await buildBallot(w.db, {
          matterId: matter.id,
          placeId: w.territory.unit2.id,
          placePath: w.territory.unit2.path,
          createdBy: w.staff.convenor.id,
          status: ballotStatus,
          electors: owners.map((o) => ({ residentIds: [o.resident.id] })),
        });
      }
      await w.holdMeeting(matter.id, [w.residentAccountId]);
    }
  });
  afterAll(async () => w.t.close());

  it('answers no request with a 5xx, as an administrator or as nobody', { timeout: 600_000 }, async () => {
    const failures: Failure[] = [];
    const formFiles = await buildFormFiles();
    const fuzzed = routes.filter((r) => !isSkipped(r));
    expect(fuzzed.length).toBeGreaterThan(100);
    let sent = 0;
    const statuses = new Map<string, number>();
    for (const [index, route] of fuzzed.entries()) {
      for (const [actor, client] of [
        ['admin', admin],
        ['anonymous', w.clients.anonymous],
      ] as const) {
        for (const sample of samplesFor(route, SEED + index)) {
          const request = requestOf(route, sample);
          errors.length = 0;
          const response = await client.request({
            method: request.method as 'GET',
            url: request.url,
            payload: request.payload,
            headers: request.payload === undefined ? {} : { 'content-type': request.contentType },
          });
          sent += 1;
          const family = `${actor} ${Math.floor(response.statusCode / 100)}xx`;
          statuses.set(family, (statuses.get(family) ?? 0) + 1);
          if (response.statusCode >= 500) {
            failures.push({
              actor,
              route: `${route.method} ${route.url}`,
              request: describeRequest(request),
              status: response.statusCode,
              error: errors.join('').slice(0, 600),
            });
          }
        }
        if (route.isMultipart && route.method === 'POST') {
          for (const form of multipartSamples(route, SEED + index, formFiles)) {
            const url = route.url.replace(/:(\w+)/g, () => String(1 + (sent % 8)));
            errors.length = 0;
            const response = await client.request({
              method: 'POST',
              url,
              payload: form.payload,
              headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
            });
            sent += 1;
            const family = `${actor} ${Math.floor(response.statusCode / 100)}xx`;
            statuses.set(family, (statuses.get(family) ?? 0) + 1);
            if (response.statusCode >= 500) {
              failures.push({
                actor,
                route: `${route.method} ${route.url}`,
                request: `POST ${url} multipart ${form.summary}`,
                status: response.statusCode,
                error: errors.join('').slice(0, 600),
              });
            }
          }
        }
        // A route that ends the session (logout, password change) must not blind the rest of the run.
        if (actor === 'admin' && (await admin.get('/api/session')).json().account == null) {
          admin = await accountClient(w.t, adminId);
        }
      }
    }
    console.info(
      `fuzzed ${fuzzed.length} routes with ${sent} requests; ${failures.length} answered ≥ 500;`,
      Object.fromEntries([...statuses].sort()),
    );
    expect(failures, JSON.stringify(failures, null, 1)).toEqual([]);
  });
});
