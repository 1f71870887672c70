import helmet from '@fastify/helmet';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { securityHeadersPlugin } from './security-headers';

const options = {
  contentSecurityPolicy: { directives: { defaultSrc: ["'self'"], upgradeInsecureRequests: null } },
  crossOriginEmbedderPolicy: false,
};

/** GET / (and a 404) of an app with `register` as its only plugin: the headers sent. */
async function headersOf(register: (app: ReturnType<typeof Fastify>) => Promise<unknown>) {
  const app = Fastify({ logger: false });
  await register(app);
  app.get('/', async () => 'x');
  const found = await app.inject({ method: 'GET', url: '/' });
  const missing = await app.inject({ method: 'GET', url: '/missing' });
  await app.close();
  const drop = ({ date: _date, ...rest }: Record<string, unknown>) => rest;
  return [drop(found.headers), drop(missing.headers)];
}

describe('security headers', () => {
  it('are exactly what @fastify/helmet sends, on answers and on 404s', async () => {
    const ours = await headersOf((app) => app.register(securityHeadersPlugin, { helmet: options }));
    const theirs = await headersOf((app) => app.register(helmet, options));
    expect(ours).toEqual(theirs);
    expect(ours[0]!['content-security-policy']).toContain("default-src 'self'");
  });
});
