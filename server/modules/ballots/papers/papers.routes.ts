import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../../deps';
import { requireActor } from '../../../plugins/session';
import { castAssistedVote } from './assisted.service';
import {
  assistedBodySchema,
  paperBodySchema,
  paperListReplySchema,
  paperParamsSchema,
  papersQuerySchema,
  paperViewSchema,
  reconcileBodySchema,
} from '../../../../contracts/ballot-papers';
import { castReplySchema } from '../../../../contracts/ballot-proxies';
import { ballotParamsSchema } from '../../../../contracts/ballots';
import { enterPaper, listPapers, reconcilePaper } from './papers.service';

const tags = ['ballots'];

/** Votes staff enter for others: assisted (door to door, mobile box) and double-entered paper ballots. */
export const ballotPaperRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db } = deps;

  app.post(
    '/ballots/:id/votes/assisted',
    { schema: { tags, params: ballotParamsSchema, body: assistedBodySchema, response: { 201: castReplySchema } } },
    async (request, reply) =>
      reply.status(201).send(await castAssistedVote(db, requireActor(request), request.params.id, request.body)),
  );

  app.post(
    '/ballots/:id/papers',
    { schema: { tags, params: ballotParamsSchema, body: paperBodySchema, response: { 201: paperViewSchema } } },
    async (request, reply) =>
      reply.status(201).send(await enterPaper(db, requireActor(request), request.params.id, request.body)),
  );

  app.get(
    '/ballots/:id/papers',
    {
      schema: {
        tags,
        params: ballotParamsSchema,
        querystring: papersQuerySchema,
        response: { 200: paperListReplySchema },
      },
    },
    async (request) => listPapers(db, requireActor(request), request.params.id, request.query.status),
  );

  app.post(
    '/ballot-papers/:id/reconcile',
    { schema: { tags, params: paperParamsSchema, body: reconcileBodySchema, response: { 200: paperViewSchema } } },
    async (request) => reconcilePaper(db, requireActor(request), request.params.id, request.body),
  );
};
