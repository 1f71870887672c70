import type { RouteOptions } from 'fastify';
import { serializerCompiler } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { NoticeBoardSchema } from '../../contracts/showcase';
import { buildTestApp, type TestApp } from '../test/build-test-app';

/**
 * Every JSON route declares its reply (contracts/<module>.ts), so the OpenAPI document shows it and
 * the serializer sends only what it names; public replies name every field they may send.
 */

type Route = { key: string; response: Record<string, z.ZodType> | undefined };

/** Routes whose answer is not JSON (files, streams, the API's own pages, probes), with why. */
const notJson: Record<string, string> = {
  'GET /api/docs': 'the API document page',
  'GET /api/docs/static/index.html': 'the API document page',
  'GET /api/docs/static/swagger-initializer.js': 'the API document page',
  'GET /api/docs/static/*': 'the API document page',
  'GET /api/docs/json': 'the API document itself',
  'GET /api/docs/yaml': 'the API document itself',
  'GET /api/health': 'load-balancer probe, hidden from the document',
  'GET /api/ready': 'load-balancer probe, hidden from the document',
  'GET /metrics': 'Prometheus text',
  'GET /api/roster/templates/:kind.:format': 'xlsx or csv file',
  'GET /api/roster/export/:kind.:format': 'xlsx or csv file',
  'GET /api/matters/:id/events': 'server-sent events',
  'GET /api/ballots/:id/events': 'server-sent events',
  'GET /api/matter-files/:id': 'image bytes',
  'GET /api/public/matter-files/:id': 'image bytes',
  'GET /api/demonstration/evidence-files/:id': 'image bytes',
  'GET /api/public/venue-files/:id': 'image bytes',
  'GET /api/ballot-proxies/:id/letter': 'the scanned letter',
  'GET /api/matters/:id/file.docx': 'docx file',
  'GET /api/bulletins/:placeId/:month/docx': 'docx file',
  'GET /api/bulletins/:placeId/:month/xlsx': 'xlsx file',
  'GET /api/talent-nominations/:id/certificate': 'docx file',
  'GET /api/project-evidence-files/:id': 'image bytes',
  'GET /api/projects/:id/budget.xlsx': 'xlsx file',
  'GET /api/calls/:id/budget.xlsx': 'xlsx file',
};

/** JSON routes allowed to lack a reply schema for now: none. A route that gains one must leave the list. */
const expectedMissing = new Set<string>();

/** The 2xx reply schemas of a route, or undefined when it declares none. */
const successReplies = (response: Record<string, z.ZodType> | undefined) =>
  Object.entries(response ?? {}).filter(([status]) => /^(2\d\d|2xx|default)$/.test(status));

/** The app's own routes: the API and /metrics. The rest are the web app's HTML pages (once web/dist is built). */
const isAppRoute = (key: string) => / \/(api\/|metrics$)/.test(key);

/** JSON routes that declare no reply schema. */
export function routesWithoutReply(routes: readonly Route[]): string[] {
  return routes
    .filter((r) => isAppRoute(r.key) && !r.key.startsWith('HEAD ') && !(r.key in notJson))
    .filter((r) => successReplies(r.response).length === 0)
    .map((r) => r.key);
}

/** Where a schema lets through keys it does not name (records, loose objects, unknown values). */
function openings(schema: z.ZodType, at = '$'): string[] {
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;
  const inner = (key: string) => openings(def[key] as z.ZodType, at);
  switch (def.type) {
    case 'object': {
      const catchall = def.catchall as z.ZodType | undefined;
      const isClosed =
        catchall === undefined ||
        (catchall as unknown as { _zod: { def: { type: string } } })._zod.def.type === 'never';
      const shape = def.shape as Record<string, z.ZodType>;
      return [
        ...(isClosed ? [] : [at]),
        ...Object.entries(shape).flatMap(([key, value]) => openings(value, `${at}.${key}`)),
      ];
    }
    case 'array':
      return openings(def.element as z.ZodType, `${at}[]`);
    case 'union':
      return (def.options as z.ZodType[]).flatMap((option) => openings(option, at));
    case 'nullable':
    case 'optional':
    case 'default':
    case 'readonly':
      return inner('innerType');
    case 'pipe':
      return inner('out');
    case 'record':
    case 'unknown':
    case 'any':
      return [at];
    default:
      return [];
  }
}

describe('contracts', () => {
  const routes: Route[] = [];
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({}, undefined, {
      onRoute: (route: RouteOptions) => {
        const response = (route.schema as { response?: Record<string, z.ZodType> } | undefined)?.response;
        for (const method of [route.method].flat()) routes.push({ key: `${method} ${route.url}`, response });
      },
    });
  });
  afterAll(() => t.close());

  it('gives every JSON route a reply schema', () => {
    expect(routesWithoutReply(routes).filter((key) => !expectedMissing.has(key))).toEqual([]);
  });

  it('keeps its lists of exceptions true', () => {
    const keys = new Set(routes.map((r) => r.key));
    expect(Object.keys(notJson).filter((key) => !keys.has(key))).toEqual([]);
    // An entry that has gained its reply (or gone) leaves the temporary list.
    expect([...expectedMissing].filter((key) => !routesWithoutReply(routes).includes(key))).toEqual([]);
  });

  it('shows every reply in the API document', async () => {
    const answer = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(answer.statusCode).toBe(200);
    type Operation = { responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> };
    const paths = (answer.json() as { paths: Record<string, Record<string, Operation>> }).paths;
    const replyOf = (path: string, method: string) =>
      paths[path]?.[method]?.responses?.['200'] ?? paths[path]?.[method]?.responses?.['201'];
    for (const [path, method] of [
      ['/api/public/matters/{id}', 'get'],
      ['/api/public/showcase', 'get'],
      ['/api/public/places/{id}/notices', 'get'],
      ['/api/public/anchor-key', 'get'],
      ['/api/matters/{id}/accept', 'post'],
      ['/api/places/{id}/formats', 'post'],
    ] as const) {
      expect(replyOf(path, method)?.content?.['application/json']?.schema, `${method} ${path}`).toBeDefined();
    }
  });

  it('notices a JSON route without a reply schema', () => {
    const routesOf = (response: Route['response']) => [{ key: 'GET /api/things', response }];
    expect(routesWithoutReply(routesOf(undefined))).toEqual(['GET /api/things']);
    expect(routesWithoutReply(routesOf({ 400: NoticeBoardSchema }))).toEqual(['GET /api/things']);
    expect(routesWithoutReply(routesOf({ 200: NoticeBoardSchema }))).toEqual([]);
  });

  it('lets public replies send only fields they name', () => {
    const open = routes
      .filter((r) => r.key.startsWith('GET /api/public/'))
      .flatMap((r) =>
        successReplies(r.response).flatMap(([, schema]) => openings(schema).map((at) => `${r.key} ${at}`)),
      );
    expect(open).toEqual([]);
    // And the check itself sees an opening.
    expect(
      openings(
        NoticeBoardSchema.extend({ extra: NoticeBoardSchema.shape.place.catchall(NoticeBoardSchema.shape.today) }),
      ),
    ).toEqual(['$.extra']);
  });

  it('drops a field a public schema does not name, however deep', () => {
    const serialize = serializerCompiler({
      schema: NoticeBoardSchema,
      method: 'GET',
      url: '/api/public/places/:id/notices',
    });
    const board = {
      place: { id: 1, kind: 'community', name: '凤鸣社区', trail: [], phone: '13800000000' },
      today: '2026-12-05',
      notices: [
        {
          id: 2,
          kind: 'topic',
          title: '加装电梯',
          body: '…',
          startsOn: '2026-12-01',
          endsOn: '2026-12-08',
          trail: [{ id: 1, kind: 'community', name: '凤鸣社区', residentName: '张三' }],
          objectionEndsAt: null,
          matterId: null,
          proposerPhone: '13900000000',
        },
      ],
      staffNote: 'internal',
    };
    const sent = serialize(board);
    expect(sent).not.toMatch(/phone|Phone|residentName|staffNote|张三|138|139/);
    expect(JSON.parse(sent)).toMatchObject({ today: '2026-12-05', notices: [{ id: 2, title: '加装电梯' }] });
  });
});
