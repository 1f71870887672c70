import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../../deps';
import { requireActor } from '../../../plugins/session';
import { castAssistedVote } from './assisted.service';
import {
  assistedBody,
  ballotParams,
  castReply,
  paperBody,
  paperListReply,
  paperParams,
  papersQuery,
  paperView,
  reconcileBody,
} from './papers.schemas';
import { enterPaper, listPapers, reconcilePaper } from './papers.service';

const tags = ['ballots'];

/** Votes staff enter for others: assisted (door to door, mobile box) and double-entered paper ballots. */
export const ballotPaperRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db } = deps;

  app.post(
    '/ballots/:id/votes/assisted',
    { schema: { tags, params: ballotParams, body: assistedBody, response: { 201: castReply } } },
    async (request, reply) =>
      reply.status(201).send(await castAssistedVote(db, requireActor(request), request.params.id, request.body)),
  );

  app.post(
    '/ballots/:id/papers',
    { schema: { tags, params: ballotParams, body: paperBody, response: { 201: paperView } } },
    async (request, reply) =>
      reply.status(201).send(await enterPaper(db, requireActor(request), request.params.id, request.body)),
  );

  app.get(
    '/ballots/:id/papers',
    { schema: { tags, params: ballotParams, querystring: papersQuery, response: { 200: paperListReply } } },
    async (request) => listPapers(db, requireActor(request), request.params.id, request.query.status),
  );

  app.post(
    '/ballot-papers/:id/reconcile',
    { schema: { tags, params: paperParams, body: reconcileBody, response: { 200: paperView } } },
    async (request) => reconcilePaper(db, requireActor(request), request.params.id, request.body),
  );
};
