import fs from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, {
  LogController,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type RouteOptions,
} from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { systemClock, withClock, type Clock } from './clock';
import type { Config } from './config';
import type { Db } from './db/client';
import { modules } from './modules';
import type { AppDeps, SmsProvider } from './deps';
import { sharePages } from './modules/showcase';
import { createSmsProvider } from './modules/sms';
import { registerExternalChannels } from './modules/notifications';
import { loadAnchorKey, type AnchorKey } from './modules/chain';
import { csrfPlugin } from './plugins/csrf';
import { serializeError } from './plugins/db-errors';
import { errorsPlugin, sendFrameworkError, sendNotFound } from './plugins/errors';
import { healthPlugin } from './plugins/health';
import { idempotencyPlugin } from './plugins/idempotency';
import { livePlugin } from './plugins/live';
import { metricsPlugin } from './plugins/metrics';
import { AppRuntime } from './plugins/runtime';
import { requestLogPlugin } from './plugins/request-log';
import { securityHeadersPlugin } from './plugins/security-headers';
import { sessionPlugin } from './plugins/session';
import { textInputPlugin } from './plugins/text-input';

import { webDist } from './paths';

/** Paths pino must never print: personal data and secrets. */
const redact = [
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.phone',
  '*.password',
  '*.code',
  '*.name',
];

/** Request log lines keep the path but drop the query string, which may carry a searched name. */
function serializeRequest(request: FastifyRequest) {
  return { method: request.method, path: request.url.split('?')[0], remoteAddress: request.ip };
}

export type BuildOptions = {
  config: Config;
  db: Db;
  /** Lag-tolerant reads (AppDeps.readDb): the read replica's router; `db` when unset. */
  readDb?: Db;
  sms?: SmsProvider;
  /** The chain anchors' signing key (server/main.ts loads it before anything starts). */
  anchorKey?: AnchorKey;
  /** Where every module reads "now" (the system clock unless a test brings its own). */
  clock?: Clock;
  logger?: boolean;
  /** Where log lines go (stdout by default); tests read them to prove no personal data leaks. */
  logStream?: NodeJS.WritableStream;
  /** Parts started after buildApp (the job queue) that /api/ready and /metrics report on. */
  runtime?: AppRuntime;
  /** Called with every route as it is registered (the fuzz test lists the app's routes this way). */
  onRoute?: (route: RouteOptions) => void;
};

/** Cross-cutting plugins first, then one plugin per module, then the web app. */
export async function buildApp(opts: BuildOptions): Promise<FastifyInstance> {
  const { config, db } = opts;
  const app = Fastify({
    logger:
      opts.logger === false
        ? false
        : {
            level: config.logLevel,
            redact,
            // `err`: no bound SQL parameters or row values in logged errors (db-errors.ts).
            serializers: { req: serializeRequest, err: serializeError },
            stream: opts.logStream,
          },
    // One line per request at most, chosen by requestLogPlugin (errors, slow ones, a sample).
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 1_048_576,
    frameworkErrors: sendFrameworkError,
    // Hop count as a function: fastify's types take only addresses or a function.
    trustProxy:
      typeof config.trustProxy === 'number'
        ? (
            (hops: number) => (_address: string, hop: number) =>
              hop < hops
          )(config.trustProxy)
        : config.trustProxy,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // First hook of all: everything a request does reads this app's clock (clockNow in server/clock.ts).
  const clock = opts.clock ?? systemClock;
  // The system clock is what clockNow reads unbound: binding it would only cost every request.
  if (clock !== systemClock) app.addHook('onRequest', (_request, _reply, done) => withClock(clock, done));
  if (opts.onRoute) app.addHook('onRoute', opts.onRoute);

  await app.register(cookie);
  await app.register(securityHeadersPlugin, {
    helmet: {
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          // Vant sets inline style attributes.
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          connectSrc: ["'self'"],
          fontSrc: ["'self'", 'data:'],
          objectSrc: ["'none'"],
          frameAncestors: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          upgradeInsecureRequests: null,
        },
      },
      crossOriginEmbedderPolicy: false,
    },
  });
  await app.register(rateLimit, { global: false });
  await app.register(multipart, { limits: { fileSize: 30 * 1024 * 1024, files: 1 } });
  await app.register(swagger, {
    openapi: { info: { title: 'Yishi 议事 API', version: '0.1.0' }, servers: [] },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  await app.register(requestLogPlugin, { slowMs: config.logSlowMs, sample: config.logSample });
  await app.register(errorsPlugin);
  await app.register(textInputPlugin);
  if (config.trustProxy === false) warnOfUntrustedProxy(app);
  const runtime = opts.runtime ?? new AppRuntime({ expectsJobQueue: false });
  await app.register(healthPlugin, { db, runtime });
  await app.register(metricsPlugin, { db, runtime, allow: config.metricsAllow });
  await app.register(csrfPlugin, { secure: config.secureCookies });
  // Live first: the session cache trusts itself only while this process hears session signals.
  await app.register(livePlugin, { db });
  await app.register(sessionPlugin, {
    db,
    sessionHours: config.sessionHours,
    secureCookies: config.secureCookies,
    isDemo: config.isDemo,
    cacheSeconds: config.sessionCacheSeconds,
  });
  await app.register(idempotencyPlugin, { db });

  const readDb = opts.readDb ?? db;
  const deps: AppDeps = {
    db,
    readDb,
    config,
    sms: opts.sms ?? createSmsProvider(config.sms, app.log),
    anchorKey: opts.anchorKey ?? loadAnchorKey(config.anchorKey),
    clock,
  };
  // WeChat (when configured) and Web Push join the inbox and SMS as notification channels.
  registerExternalChannels(config);
  for (const module of modules) await app.register(module.plugin, { prefix: module.prefix, deps });

  const hasWeb = fs.existsSync(path.join(webDist, 'index.html'));
  const sendApp = (reply: FastifyReply) =>
    reply.type('text/html').header('cache-control', 'no-cache').sendFile('index.html');
  if (hasWeb) {
    // One route per built file, listed at start (the build does not change under a running server):
    // an unknown path then goes straight to the 404 handler, not through a stat and a directory read.
    await app.register(fastifyStatic, { root: webDist, index: false, wildcard: false });
    // Share previews (og: tags) for /showcase and /public/matters/:id; every other page is the plain SPA.
    await app.register(sharePages, { db: readDb, indexFile: path.join(webDist, 'index.html') });
    app.get('/', (_request, reply) => sendApp(reply));
  }
  // The SPA owns every other page path; API paths and missing asset files get a JSON 404.
  app.setNotFoundHandler((request, reply) => {
    const isPage = request.method === 'GET' && !/^\/(api|assets)\//.test(request.url);
    return hasWeb && isPage ? sendApp(reply) : sendNotFound(request, reply);
  });
  return app;
}

/**
 * Behind a proxy that YISHI_TRUST_PROXY does not name, every client has the proxy's address, so the
 * login limits per address count the whole city together. Said once per process, to the operator.
 */
function warnOfUntrustedProxy(app: FastifyInstance): void {
  let hasWarned = false;
  app.addHook('onRequest', async (request) => {
    if (hasWarned || request.headers['x-forwarded-for'] === undefined) return;
    hasWarned = true;
    request.log.warn(
      'requests carry X-Forwarded-For but YISHI_TRUST_PROXY is not set: every client looks like the proxy to the login limits (docs/deploy.md, section 10)',
    );
  });
}
