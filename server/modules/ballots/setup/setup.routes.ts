import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../../deps';
import { requireActor } from '../../../plugins/session';
import {
  BallotListSchema,
  BallotParamsSchema,
  BallotSummarySchema,
  BallotViewSchema,
  CreateCouncilBallotBodySchema,
  CreateMatterBallotBodySchema,
  ElectorsQuerySchema,
  ElectorsReplySchema,
  ExtendBodySchema,
  OpenBodySchema,
  RuleListSchema,
} from '../../../../contracts/ballots';
import { closeEarly, extendBallot, listElectors, openBallot, readBallotView } from '../ballots.service';
import { createCouncilBallot, createMatterBallot, listMatterBallots, listRules } from './setup.service';

const tags = ['ballots'];

/** 票决: setup, the electorate snapshot, extending and closing, the staff's electorate view. */
export const ballotSetupRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db } = deps;

  app.get('/ballot-rules', { schema: { tags, response: { 200: RuleListSchema } } }, async (request) => {
    requireActor(request);
    return listRules();
  });

  app.post(
    '/matters/:id/ballots',
    {
      schema: {
        tags,
        params: BallotParamsSchema,
        body: CreateMatterBallotBodySchema,
        response: { 201: BallotSummarySchema },
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
        params: BallotParamsSchema,
        body: CreateCouncilBallotBodySchema,
        response: { 201: BallotSummarySchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createCouncilBallot(db, requireActor(request), request.params.id, request.body)),
  );

  app.get(
    '/matters/:id/ballots',
    { schema: { tags, params: BallotParamsSchema, response: { 200: BallotListSchema } } },
    async (request) => listMatterBallots(db, requireActor(request), request.params.id),
  );

  app.get(
    '/ballots/:id',
    { schema: { tags, params: BallotParamsSchema, response: { 200: BallotViewSchema } } },
    async (request) => readBallotView(db, requireActor(request), request.params.id),
  );

  app.post(
    '/ballots/:id/open',
    { schema: { tags, params: BallotParamsSchema, body: OpenBodySchema, response: { 200: BallotViewSchema } } },
    async (request) => openBallot(db, requireActor(request), request.params.id, request.body),
  );

  app.get(
    '/ballots/:id/electors',
    {
      schema: {
        tags,
        params: BallotParamsSchema,
        querystring: ElectorsQuerySchema,
        response: { 200: ElectorsReplySchema },
      },
    },
    async (request) => listElectors(db, requireActor(request), request.params.id, request.query),
  );

  app.post(
    '/ballots/:id/extend',
    { schema: { tags, params: BallotParamsSchema, body: ExtendBodySchema, response: { 200: BallotViewSchema } } },
    async (request) => extendBallot(db, requireActor(request), request.params.id, request.body),
  );

  app.post(
    '/ballots/:id/close',
    { schema: { tags, params: BallotParamsSchema, response: { 200: BallotViewSchema } } },
    async (request) => closeEarly(db, requireActor(request), request.params.id),
  );
};
