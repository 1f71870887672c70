import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../../deps';
import { requireActor } from '../../../plugins/session';
import {
  ballotList,
  ballotParams,
  ballotSummary,
  ballotView,
  createCouncilBallotBody,
  createMatterBallotBody,
  electorsQuery,
  electorsReply,
  extendBody,
  openBody,
  ruleList,
} from '../ballots.schemas';
import { closeEarly, extendBallot, listElectors, openBallot, readBallotView } from '../ballots.service';
import { createCouncilBallot, createMatterBallot, listMatterBallots, listRules } from './setup.service';

const tags = ['ballots'];

/** 票决: setup, the electorate snapshot, extending and closing, the staff's electorate view. */
export const ballotSetupRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db } = deps;

  app.get('/ballot-rules', { schema: { tags, response: { 200: ruleList } } }, async (request) => {
    requireActor(request);
    return listRules();
  });

  app.post(
    '/matters/:id/ballots',
    { schema: { tags, params: ballotParams, body: createMatterBallotBody, response: { 201: ballotSummary } } },
    async (request, reply) =>
      reply.status(201).send(await createMatterBallot(db, requireActor(request), request.params.id, request.body)),
  );

  app.post(
    '/councils/:id/ballots',
    { schema: { tags, params: ballotParams, body: createCouncilBallotBody, response: { 201: ballotSummary } } },
    async (request, reply) =>
      reply.status(201).send(await createCouncilBallot(db, requireActor(request), request.params.id, request.body)),
  );

  app.get(
    '/matters/:id/ballots',
    { schema: { tags, params: ballotParams, response: { 200: ballotList } } },
    async (request) => listMatterBallots(db, requireActor(request), request.params.id),
  );

  app.get('/ballots/:id', { schema: { tags, params: ballotParams, response: { 200: ballotView } } }, async (request) =>
    readBallotView(db, requireActor(request), request.params.id),
  );

  app.post(
    '/ballots/:id/open',
    { schema: { tags, params: ballotParams, body: openBody, response: { 200: ballotView } } },
    async (request) => openBallot(db, requireActor(request), request.params.id, request.body),
  );

  app.get(
    '/ballots/:id/electors',
    { schema: { tags, params: ballotParams, querystring: electorsQuery, response: { 200: electorsReply } } },
    async (request) => listElectors(db, requireActor(request), request.params.id, request.query),
  );

  app.post(
    '/ballots/:id/extend',
    { schema: { tags, params: ballotParams, body: extendBody, response: { 200: ballotView } } },
    async (request) => extendBallot(db, requireActor(request), request.params.id, request.body),
  );

  app.post(
    '/ballots/:id/close',
    { schema: { tags, params: ballotParams, response: { 200: ballotView } } },
    async (request) => closeEarly(db, requireActor(request), request.params.id),
  );
};
