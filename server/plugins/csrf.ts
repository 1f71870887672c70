import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../errors';

export const CSRF_COOKIE = 'yishi_csrf';
export const CSRF_HEADER = 'x-csrf-token';
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Whether a request without the cookie gets one: what the web app loads before anything else — a
 * page (the SPA shell, a share page) or GET /api/session, which the app calls when it starts (also
 * when a service worker served the shell). Asset files and other API calls never mint one.
 */
function needsCookie(request: FastifyRequest): boolean {
  if (request.method !== 'GET') return false;
  const path = request.url.split('?', 1)[0]!;
  if (path === '/api/session') return true;
  return !path.startsWith('/api/') && !path.startsWith('/assets/');
}

/**
 * Double-submit CSRF check on every state-changing API request: the header must equal the
 * SameSite=Strict cookie, which another site can neither read nor set. The cookie is minted only
 * where it is missing and the web app needs it (needsCookie).
 */
export const csrfPlugin = fp(async (app: FastifyInstance, opts: { secure: boolean }) => {
  app.addHook('onRequest', (request, reply, done) => {
    const token = request.cookies[CSRF_COOKIE];
    if (!token && needsCookie(request)) {
      const minted = randomBytes(24).toString('base64url');
      reply.setCookie(CSRF_COOKIE, minted, { path: '/', sameSite: 'strict', httpOnly: false, secure: opts.secure });
    }
    if (SAFE.has(request.method) || !request.url.startsWith('/api/')) return done();
    const header = request.headers[CSRF_HEADER];
    // No cookie sent: nothing to match, refused (a token minted on this very reply does not count).
    if (!token || typeof header !== 'string' || !same(header, token)) return done(new AppError(403, 'csrf.invalid'));
    done();
  });
});
