import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../deps';
import { requireActor } from '../../plugins/session';
import {
  RulesDocumentReplySchema,
  RulesParamsSchema,
  RulesVersionBodySchema,
  RulesVersionCreatedSchema,
  StandardPageReplySchema,
} from '../../../contracts/rules';
import { addCouncilRulesVersion, addStandardVersion, readRulesDocument, readStandardPage } from './rules.service';

const CACHE = 'public, max-age=60';

/** 议事制度: the public standard page and rules, and the versions staff add. */
export const rulesRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  // Public pages tolerate a few seconds of lag: the read replica when one is set (AppDeps.readDb).
  const { db, readDb } = deps;

  app.get(
    '/public/standard',
    { schema: { tags: ['public'], response: { 200: StandardPageReplySchema } } },
    async (_request, reply) => reply.header('cache-control', CACHE).send(await readStandardPage(readDb)),
  );

  app.get(
    '/public/rules/council/:id',
    { schema: { tags: ['public'], params: RulesParamsSchema, response: { 200: RulesDocumentReplySchema } } },
    async (request, reply) =>
      reply.header('cache-control', CACHE).send(await readRulesDocument(readDb, 'council', request.params.id)),
  );

  app.get(
    '/public/rules/venue/:id',
    { schema: { tags: ['public'], params: RulesParamsSchema, response: { 200: RulesDocumentReplySchema } } },
    async (request, reply) =>
      reply.header('cache-control', CACHE).send(await readRulesDocument(readDb, 'venue', request.params.id)),
  );

  app.post(
    '/standard/versions',
    { schema: { tags: ['rules'], body: RulesVersionBodySchema, response: { 201: RulesVersionCreatedSchema } } },
    async (request, reply) => reply.status(201).send(await addStandardVersion(db, requireActor(request), request.body)),
  );

  app.post(
    '/councils/:id/rules',
    {
      schema: {
        tags: ['rules'],
        params: RulesParamsSchema,
        body: RulesVersionBodySchema,
        response: { 201: RulesVersionCreatedSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await addCouncilRulesVersion(db, requireActor(request), request.params.id, request.body)),
  );
};
