import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { grantAbilities } from '../../../domain/access';
import { maskPhone } from '../../../domain/people/phone';
import type { AppDeps } from '../../deps';
import { endSession, startSession, type SessionAccount } from '../../plugins/session';
import { findSessionAccount, grantRowsOf, placesWithIds } from './auth.repository';
import { loginWithCode, loginWithPassword, requestLoginCode } from './auth.service';
import {
  CodeLoginBodySchema,
  CodeRequestBodySchema,
  CodeRequestReplySchema,
  PasswordLoginBodySchema,
  SessionViewSchema,
  type SessionView,
} from '../../../contracts/auth';

export const authRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db, config, sms } = deps;
  // Counted in memory per process: the cluster's primary deals connections round robin, so each of
  // `workers` processes allows its share and one server allows about the configured figure (across
  // servers, the load balancer's own limit: docs/deploy/haproxy.cfg).
  const loginLimit = Math.max(1, Math.ceil(config.loginLimitPerMinute / config.workers));
  const loginRateLimit = { rateLimit: { max: loginLimit, timeWindow: '1 minute' } };
  const cookieOpts = { sessionHours: config.sessionHours, secureCookies: config.secureCookies };

  const codePolicy = {
    isDemo: config.isDemo,
    limitPerAddress: config.codeLimitPerIp,
    limitGlobal: config.codeLimitGlobal,
  };
  // Limited in PostgreSQL per phone, per client address and service-wide (auth.service), so every
  // app process counts together; the reply is the same for every well-formed number.
  app.post(
    '/auth/code',
    { schema: { tags: ['auth'], body: CodeRequestBodySchema, response: { 200: CodeRequestReplySchema } } },
    async (request) => {
      const { code } = await requestLoginCode(db, sms, request.body.phone, request.ip, codePolicy);
      return config.isDemo && code ? { sent: true as const, devCode: code } : { sent: true as const };
    },
  );

  app.post(
    '/auth/login/code',
    {
      config: loginRateLimit,
      schema: { tags: ['auth'], body: CodeLoginBodySchema, response: { 200: SessionViewSchema } },
    },
    async (request, reply) => {
      const accountId = await loginWithCode(db, request.body.phone, request.body.code, config.isDemo);
      await startSession(db, reply, accountId, cookieOpts);
      return presentSession(deps, accountId);
    },
  );

  app.post(
    '/auth/login/password',
    {
      config: loginRateLimit,
      schema: { tags: ['auth'], body: PasswordLoginBodySchema, response: { 200: SessionViewSchema } },
    },
    async (request, reply) => {
      const accountId = await loginWithPassword(db, request.body.phone, request.body.password, config.isDemo);
      await startSession(db, reply, accountId, cookieOpts);
      return presentSession(deps, accountId);
    },
  );

  app.post(
    '/auth/logout',
    { schema: { tags: ['auth'], response: { 200: SessionViewSchema } } },
    async (request, reply) => {
      await endSession(db, request, reply);
      return { isDemo: config.isDemo, account: null };
    },
  );

  // Straight from the session the request resolved (the session cache, or its one lookup): the SPA
  // asks on every page load, and the cache is trimmed by every change that would alter this view.
  app.get('/session', { schema: { tags: ['auth'], response: { 200: SessionViewSchema } } }, async (request) =>
    presentSessionOf(config.isDemo, request.account),
  );
};

/** The session view of the request's account (null when logged out), with no query. */
function presentSessionOf(isDemo: boolean, account: SessionAccount | null): SessionView {
  if (!account) return { isDemo, account: null };
  const actor = { accountId: account.id, residentId: account.residentId };
  return {
    isDemo,
    account: {
      id: account.id,
      displayName: account.displayName,
      phoneMasked: maskPhone(account.phone),
      residentId: account.residentId,
      locale: account.locale,
      mustChangePassword: account.mustChangePassword,
      hasPassword: account.hasPassword,
      grants: account.grants.map((g) => ({
        role: g.role,
        placeId: g.placeId,
        placeName: g.placeName,
        placeKind: g.placeKind,
        placePath: g.placePath,
        abilities: grantAbilities(actor, { role: g.role, placeId: g.placeId, placePath: g.placePath }),
      })),
    },
  };
}

async function presentSession({ db, config }: AppDeps, accountId: number): Promise<SessionView> {
  const account = await findSessionAccount(db, accountId);
  if (!account) return { isDemo: config.isDemo, account: null };
  const grants = await grantRowsOf(db, accountId);
  const placeRows = await placesWithIds(
    db,
    grants.map((g) => g.placeId),
  );
  const byId = new Map(placeRows.map((p) => [p.id, p]));
  return {
    isDemo: config.isDemo,
    account: {
      id: account.id,
      displayName: account.displayName,
      phoneMasked: maskPhone(account.phone),
      residentId: account.residentId,
      locale: account.locale,
      mustChangePassword: account.mustChangePassword,
      hasPassword: account.passwordHash !== null,
      grants: grants.map((g) => {
        const place = byId.get(g.placeId)!;
        return {
          role: g.role,
          placeId: g.placeId,
          placeName: place.name,
          placeKind: place.kind,
          placePath: place.path,
          abilities: grantAbilities(
            { accountId: account.id, residentId: account.residentId },
            { role: g.role, placeId: g.placeId, placePath: place.path },
          ),
        };
      }),
    },
  };
}
