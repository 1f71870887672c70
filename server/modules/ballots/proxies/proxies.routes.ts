import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import path from 'node:path';
import type { AppDeps } from '../../../deps';
import { requireActor } from '../../../plugins/session';
import { LocalFolderStorage } from '../../../storage';
import { readProxyForm, uploadedLetter } from './proxies.letter';
import {
  castReplySchema,
  proxyListReplySchema,
  proxyParamsSchema,
  proxyViewSchema,
  proxyVoteBodySchema,
  registerProxyBodySchema,
  revokeReplySchema,
} from '../../../../contracts/ballot-proxies';
import { ballotParamsSchema } from '../../../../contracts/ballots';
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
      schema: { tags, params: ballotParamsSchema, body: registerProxyBodySchema, response: { 201: proxyViewSchema } },
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
    { schema: { tags, params: ballotParamsSchema, response: { 200: proxyListReplySchema } } },
    async (request) => listProxies(db, requireActor(request), request.params.id),
  );

  app.delete(
    '/ballot-proxies/:id',
    { schema: { tags, params: proxyParamsSchema, response: { 200: revokeReplySchema } } },
    async (request) => revokeProxy(db, requireActor(request), request.params.id),
  );

  app.get('/ballot-proxies/:id/letter', { schema: { tags, params: proxyParamsSchema } }, async (request, reply) => {
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
    { schema: { tags, params: ballotParamsSchema, body: proxyVoteBodySchema, response: { 201: castReplySchema } } },
    async (request, reply) =>
      reply.status(201).send(await castProxyVote(db, requireActor(request), request.params.id, request.body)),
  );
};
