import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/** pino's level values. */
const rank: Record<string, number> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60, silent: 100 };

export type RequestLogOptions = {
  /** A request slower than this (ms) is logged at warn. */
  slowMs: number;
  /** Share (0–1) of the other requests (status < 500, not slow) logged at info. */
  sample: number;
};

/**
 * One log line per request, only where it tells the operator something: every 5xx (error), every
 * request slower than `slowMs` (warn), and a `sample` of the rest (info). Fastify's own two lines per
 * request are turned off (`disableRequestLogging`); the `req` serializer keeps the path without query.
 */
export const requestLogPlugin = fp(async (app: FastifyInstance, opts: RequestLogOptions) => {
  const { slowMs, sample } = opts;
  app.addHook('onResponse', (request, reply, done) => {
    // A route made quieter than the app (its own logLevel: the health probes, /metrics) gets no request
    // line, even failing: a probe polled every few seconds must not fill the log during an outage.
    if ((rank[request.log.level] ?? 0) > (rank[app.log.level] ?? 0)) return done();
    const statusCode = reply.statusCode;
    const responseTime = reply.elapsedTime;
    const line = () => ({ req: request, res: { statusCode }, responseTime: Math.round(responseTime) });
    if (statusCode >= 500) request.log.error(line(), 'request failed');
    else if (responseTime >= slowMs) request.log.warn(line(), 'slow request');
    else if (sample > 0 && (sample >= 1 || Math.random() < sample)) request.log.info(line(), 'request completed');
    done();
  });
});
