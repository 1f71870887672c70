import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../../deps';
import { requireActor } from '../../../plugins/session';
import { castAssistedVote } from './assisted.service';
import {
  AssistedBodySchema,
  PaperBodySchema,
  PaperListReplySchema,
  PaperParamsSchema,
  PapersQuerySchema,
  PaperViewSchema,
  ReconcileBodySchema,
} from '../../../../contracts/ballot-papers';
import { CastReplySchema } from '../../../../contracts/ballot-proxies';
import { BallotParamsSchema } from '../../../../contracts/ballots';
import { enterPaper, listPapers, reconcilePaper } from './papers.service';

const tags = ['ballots'];

/** Votes staff enter for others: assisted (door to door, mobile box) and double-entered paper ballots. */
export const ballotPaperRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db } = deps;

  app.post(
    '/ballots/:id/votes/assisted',
    { schema: { tags, params: BallotParamsSchema, body: AssistedBodySchema, response: { 201: CastReplySchema } } },
    async (request, reply) =>
      reply.status(201).send(await castAssistedVote(db, requireActor(request), request.params.id, request.body)),
  );

  app.post(
    '/ballots/:id/papers',
    { schema: { tags, params: BallotParamsSchema, body: PaperBodySchema, response: { 201: PaperViewSchema } } },
    async (request, reply) =>
      reply.status(201).send(await enterPaper(db, requireActor(request), request.params.id, request.body)),
  );

  app.get(
    '/ballots/:id/papers',
    {
      schema: {
        tags,
        params: BallotParamsSchema,
        querystring: PapersQuerySchema,
        response: { 200: PaperListReplySchema },
      },
    },
    async (request) => listPapers(db, requireActor(request), request.params.id, request.query.status),
  );

  app.post(
    '/ballot-papers/:id/reconcile',
    { schema: { tags, params: PaperParamsSchema, body: ReconcileBodySchema, response: { 200: PaperViewSchema } } },
    async (request) => reconcilePaper(db, requireActor(request), request.params.id, request.body),
  );
};
