import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../../deps';
import { requireActor } from '../../../plugins/session';
import {
  ballotListSchema,
  ballotParamsSchema,
  ballotSummarySchema,
  ballotViewSchema,
  createCouncilBallotBodySchema,
  createMatterBallotBodySchema,
  electorsQuerySchema,
  electorsReplySchema,
  extendBodySchema,
  openBodySchema,
  ruleListSchema,
} from '../../../../contracts/ballots';
import { closeEarly, extendBallot, listElectors, openBallot, readBallotView } from '../ballots.service';
import { createCouncilBallot, createMatterBallot, listMatterBallots, listRules } from './setup.service';

const tags = ['ballots'];

/** 票决: setup, the electorate snapshot, extending and closing, the staff's electorate view. */
export const ballotSetupRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db } = deps;

  app.get('/ballot-rules', { schema: { tags, response: { 200: ruleListSchema } } }, async (request) => {
    requireActor(request);
    return listRules();
  });

  app.post(
    '/matters/:id/ballots',
    {
      schema: {
        tags,
        params: ballotParamsSchema,
        body: createMatterBallotBodySchema,
        response: { 201: ballotSummarySchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createMatterBallot(db, requireActor(request), request.params.id, request.body)),
  );

  app.post(
    '/councils/:id/ballots',
    {
      schema: {
        tags,
        params: ballotParamsSchema,
        body: createCouncilBallotBodySchema,
        response: { 201: ballotSummarySchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createCouncilBallot(db, requireActor(request), request.params.id, request.body)),
  );

  app.get(
    '/matters/:id/ballots',
    { schema: { tags, params: ballotParamsSchema, response: { 200: ballotListSchema } } },
    async (request) => listMatterBallots(db, requireActor(request), request.params.id),
  );

  app.get(
    '/ballots/:id',
    { schema: { tags, params: ballotParamsSchema, response: { 200: ballotViewSchema } } },
    async (request) => readBallotView(db, requireActor(request), request.params.id),
  );

  app.post(
    '/ballots/:id/open',
    { schema: { tags, params: ballotParamsSchema, body: openBodySchema, response: { 200: ballotViewSchema } } },
    async (request) => openBallot(db, requireActor(request), request.params.id, request.body),
  );

  app.get(
    '/ballots/:id/electors',
    {
      schema: {
        tags,
        params: ballotParamsSchema,
        querystring: electorsQuerySchema,
        response: { 200: electorsReplySchema },
      },
    },
    async (request) => listElectors(db, requireActor(request), request.params.id, request.query),
  );

  app.post(
    '/ballots/:id/extend',
    { schema: { tags, params: ballotParamsSchema, body: extendBodySchema, response: { 200: ballotViewSchema } } },
    async (request) => extendBallot(db, requireActor(request), request.params.id, request.body),
  );

  app.post(
    '/ballots/:id/close',
    { schema: { tags, params: ballotParamsSchema, response: { 200: ballotViewSchema } } },
    async (request) => closeEarly(db, requireActor(request), request.params.id),
  );
};
