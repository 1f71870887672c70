import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Actor } from '../../domain/access';
import type { Db } from '../db/client';
import { sessionSignalsHere, type LocalSessionSignal } from '../db/notify';
import { AppError, unauthenticated } from '../errors';
import { sha256 } from '../hash';
import {
  actorGrants,
  deleteExpiredSessions,
  deleteSessionByTokenHash,
  insertSession,
  prepareSessionLookup,
  slideSessionExpiries,
} from '../modules/auth/sessions.repository';
import { SessionCache, type CachedSession, type SessionAccount } from './session-cache';
import { SessionSlides } from './session-slides';

export const SESSION_COOKIE = 'yishi_session';

export type { SessionAccount } from './session-cache';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    account: SessionAccount | null;
  }
}

const hashToken = (token: string) => sha256(token);

/** The SHA-256 of the request's session token (as stored), or undefined without a cookie. */
export function sessionTokenHash(request: FastifyRequest): string | undefined {
  const token = request.cookies[SESSION_COOKIE];
  return token ? hashToken(token) : undefined;
}

/**
 * What an account with a one-time password may still call (method and route pattern): read its
 * session, log in or out, and change the password. Everything else answers 403
 * `auth.password_change_required`, so the forced change is enforced here once, not per route.
 */
const allowedBeforePasswordChange = new Set([
  'GET /api/session',
  'POST /api/auth/logout',
  'POST /api/auth/code',
  'POST /api/auth/login/code',
  'POST /api/auth/login/password',
  'POST /api/account/password',
]);

/** Loads the actor (account + role grants with their place paths) for one account. */
export async function loadActor(db: Db, accountId: number, residentId: number | null): Promise<Actor> {
  const grants = await actorGrants(db, accountId);
  return { accountId, residentId, grants };
}

export type SessionOptions = {
  db: Db;
  sessionHours: number;
  secureCookies: boolean;
  /** Outside demo mode a demo account's session (opened while demo mode was on) counts for nothing. */
  isDemo: boolean;
  /** How long (seconds) a looked-up session is reused without asking the database; 0 asks every time. */
  cacheSeconds: number;
};

/** How often (ms) a process writes the session expiry slides of its requests, all in one statement. */
const SLIDE_WRITE_MS = 1000;

/** Sessions one process keeps at most (a few MB); past it the oldest are looked up again. */
const MAX_CACHED_SESSIONS = 20_000;

/**
 * Resolves the session cookie to `request.actor`. Sessions live in PostgreSQL and slide; what a
 * session grants is kept for `cacheSeconds` in a per-process cache that every `session_events`
 * signal (server/db/notify.ts#signalSession) trims, and that is bypassed while this process does not
 * hear them (the LISTEN of server/plugins/live.ts is down). Register it after livePlugin.
 */
export const sessionPlugin = fp(async (app: FastifyInstance, opts: SessionOptions) => {
  const { db } = opts;
  const lifetimeMs = opts.sessionHours * 3600_000;
  app.decorateRequest('actor', null);
  app.decorateRequest('account', null);

  const cache = new SessionCache(opts.cacheSeconds * 1000, MAX_CACHED_SESSIONS);
  const signals = app.sessionSignals;
  cache.setTrusted(signals.isListening);
  signals.on('listening', (isListening) => cache.setTrusted(isListening));
  signals.on('signal', (signal) => cache.forget(signal));
  // This process's own writes trim its cache at once, without waiting for their NOTIFY to come back.
  const ownPool = (db as unknown as { $client: unknown }).$client;
  const onOwnSignal = (message: unknown) => {
    const { pool, signal } = message as LocalSessionSignal;
    if (pool === ownPool) cache.forget(signal);
  };
  sessionSignalsHere.subscribe(onOwnSignal);
  const slides = new SessionSlides(
    (batch) => slideSessionExpiries(db, batch),
    SLIDE_WRITE_MS,
    (error) => app.log.warn({ err: error }, 'session expiry slides not written'),
  );
  app.addHook('onClose', async () => {
    sessionSignalsHere.unsubscribe(onOwnSignal);
    cache.setTrusted(false);
    await slides.flush();
  });

  // Built once and prepared by name on each connection: every uncached API request runs it.
  const lookup = prepareSessionLookup(db);
  const findSession = async (tokenHash: string): Promise<CachedSession | undefined> => {
    const cached = cache.get(tokenHash, Date.now());
    if (cached) return cached;
    const epoch = cache.epoch;
    const [row] = await lookup.execute({ tokenHash });
    if (!row || !row.isActive || (row.isDemo && !opts.isDemo)) return undefined;
    const session: CachedSession = {
      sessionId: row.sessionId,
      expiresAt: row.expiresAt.getTime(),
      account: {
        id: row.id,
        displayName: row.displayName,
        phone: row.phone,
        residentId: row.residentId,
        locale: row.locale,
        mustChangePassword: row.mustChangePassword,
        hasPassword: row.hasPassword,
        grants: row.grants,
      },
      actor: {
        accountId: row.id,
        residentId: row.residentId,
        grants: row.grants.map(({ role, placeId, placePath }) => ({ role, placeId, placePath })),
      },
    };
    cache.set(tokenHash, session, epoch, Date.now());
    return session;
  };

  app.addHook('onRequest', async (request) => {
    const token = request.cookies[SESSION_COOKIE];
    if (!token || !request.url.startsWith('/api/')) return;
    const session = await findSession(hashToken(token));
    if (!session) return;
    // Slide the expiry at most once a minute to keep reads cheap (the cached copy moves with it),
    // written with the other slides of the next SLIDE_WRITE_MS: no commit of its own on the request path.
    const now = Date.now();
    if (session.expiresAt - now < lifetimeMs - 60_000) {
      session.expiresAt = now + lifetimeMs;
      slides.slide(session.sessionId, new Date(session.expiresAt));
    }
    // Copies: a handler must not change what the next request of this session is granted.
    request.account = { ...session.account };
    request.actor = { ...session.actor, grants: [...session.actor.grants] };
    if (
      session.account.mustChangePassword &&
      !allowedBeforePasswordChange.has(`${request.method} ${request.routeOptions.url}`)
    ) {
      throw new AppError(403, 'auth.password_change_required');
    }
  });
});

/** Starts a session for `accountId` and sets the httpOnly cookie. */
export async function startSession(
  db: Db,
  reply: FastifyReply,
  accountId: number,
  opts: { sessionHours: number; secureCookies: boolean },
) {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + opts.sessionHours * 3600_000);
  await db.transaction(async (tx) => {
    // Expired sessions are useless; clearing them at each login keeps the table small without a job.
    await deleteExpiredSessions(tx);
    await insertSession(tx, { tokenHash: hashToken(token), accountId, expiresAt });
  });
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: opts.secureCookies,
    maxAge: opts.sessionHours * 3600,
  });
}

export async function endSession(db: Db, request: FastifyRequest, reply: FastifyReply) {
  const token = request.cookies[SESSION_COOKIE];
  if (token) await deleteSessionByTokenHash(db, hashToken(token));
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

/** The actor of an authenticated request, or a 401. */
export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw unauthenticated();
  return request.actor;
}
