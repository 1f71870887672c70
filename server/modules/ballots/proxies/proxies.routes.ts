import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import path from 'node:path';
import type { AppDeps } from '../../../deps';
import { requireActor } from '../../../plugins/session';
import { LocalFolderStorage } from '../../../storage';
import { readProxyForm, uploadedLetter } from './proxies.letter';
import {
  CastReplySchema,
  ProxyListReplySchema,
  ProxyParamsSchema,
  ProxyViewSchema,
  ProxyVoteBodySchema,
  RegisterProxyBodySchema,
  RevokeReplySchema,
} from '../../../../contracts/ballot-proxies';
import { BallotParamsSchema } from '../../../../contracts/ballots';
import { castProxyVote, listProxies, readProxyLetter, registerProxy, revokeProxy } from './proxies.service';

const tags = ['ballots'];

/** 委托代投: registering and revoking proxies (staff) and the proxy's vote for a principal. */
export const ballotProxyRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db } = deps;
  const storage = new LocalFolderStorage(path.join(deps.config.dataDir, 'files'));

  app.post(
    '/ballots/:id/proxies',
    {
      // multipart/form-data: principalElectorId, proxyAccountId and the `letter` (委托书).
      schema: { tags, params: BallotParamsSchema, body: RegisterProxyBodySchema, response: { 201: ProxyViewSchema } },
      preValidation: readProxyForm,
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const letter = uploadedLetter(request);
      return reply.status(201).send(await registerProxy(db, storage, actor, request.params.id, request.body, letter));
    },
  );

  app.get(
    '/ballots/:id/proxies',
    { schema: { tags, params: BallotParamsSchema, response: { 200: ProxyListReplySchema } } },
    async (request) => listProxies(db, requireActor(request), request.params.id),
  );

  app.delete(
    '/ballot-proxies/:id',
    { schema: { tags, params: ProxyParamsSchema, response: { 200: RevokeReplySchema } } },
    async (request) => revokeProxy(db, requireActor(request), request.params.id),
  );

  app.get('/ballot-proxies/:id/letter', { schema: { tags, params: ProxyParamsSchema } }, async (request, reply) => {
    const letter = await readProxyLetter(db, storage, requireActor(request), request.params.id);
    return reply
      .header('content-type', letter.contentType)
      .header('content-disposition', 'inline')
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
      .send(letter.bytes);
  });

  app.post(
    '/ballots/:id/votes/proxy',
    { schema: { tags, params: BallotParamsSchema, body: ProxyVoteBodySchema, response: { 201: CastReplySchema } } },
    async (request, reply) =>
      reply.status(201).send(await castProxyVote(db, requireActor(request), request.params.id, request.body)),
  );
};
