import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../deps';
import { requireActor } from '../../plugins/session';
import { ballotParams, receiptParams, receiptReply, voteBody, voteReply } from './ballots.schemas';
import { castOnlineVote, checkReceipt } from './ballots.votes.service';

const tags = ['ballots'];

/** The voter online, and receipts checked after close. */
export const ballotVoteRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db } = deps;

  app.post(
    '/ballots/:id/votes',
    { schema: { tags, params: ballotParams, body: voteBody, response: { 201: voteReply } } },
    async (request, reply) =>
      reply.status(201).send(await castOnlineVote(db, requireActor(request), request.params.id, request.body)),
  );

  app.get(
    '/ballots/:id/receipts/:code',
    { schema: { tags, params: receiptParams, response: { 200: receiptReply } } },
    async (request) => checkReceipt(db, request.params.id, request.params.code),
  );
};
