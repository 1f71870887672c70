import helmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import Fastify from 'fastify';
import fp from 'fastify-plugin';

/**
 * The headers @fastify/helmet sends with `options`, read once from a throwaway app: without CSP
 * nonces they are the same on every response, while the plugin itself rebuilds helmet on each one.
 */
export async function helmetHeaders(options: FastifyHelmetOptions): Promise<[string, string][]> {
  const answer = async (withHelmet: boolean) => {
    const probe = Fastify({ logger: false });
    if (withHelmet) await probe.register(helmet, options);
    probe.get('/', async () => 'probe');
    const reply = await probe.inject({ method: 'GET', url: '/' });
    await probe.close();
    return reply.headers;
  };
  const [bare, helmeted] = [await answer(false), await answer(true)];
  return Object.entries(helmeted)
    .filter(([name, value]) => bare[name] === undefined && typeof value === 'string')
    .map(([name, value]) => [name, value as string]);
}

/** Sets helmet's headers (computed once by helmetHeaders) on every response, as @fastify/helmet would. */
export const securityHeadersPlugin = fp(async (app, opts: { helmet: FastifyHelmetOptions }) => {
  const headers = await helmetHeaders(opts.helmet);
  app.addHook('onRequest', (_request, reply, done) => {
    for (const [name, value] of headers) reply.raw.setHeader(name, value);
    done();
  });
});
