import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../../deps';
import type { CastInput } from './cast';
import { requireActor } from '../../../plugins/session';
import {
  BallotParamsSchema,
  ReceiptParamsSchema,
  ReceiptReplySchema,
  VoteBodySchema,
  VoteReplySchema,
} from '../../../../contracts/ballots';
import { VoteReadCache } from './vote-cache';
import { castOnlineVote, checkReceipt } from './votes.service';
import type { VoteWriter } from './vote-writer';

const tags = ['ballots'];

/**
 * The voter online, and receipts checked after close. Votes go through the app's group-commit
 * `writer` (shared commits, acknowledged after COMMIT) when given, else one transaction each.
 */
export const ballotVoteRoutes: FastifyPluginAsyncZod<{ deps: AppDeps; writer?: VoteWriter }> = async (
  app,
  { deps, writer },
) => {
  const { db } = deps;
  const run = writer ? (input: CastInput) => writer.cast(input) : undefined;
  // Per app process: what a burst of votes on one ballot would otherwise read for every vote.
  const cache = new VoteReadCache();

  app.post(
    '/ballots/:id/votes',
    { schema: { tags, params: BallotParamsSchema, body: VoteBodySchema, response: { 201: VoteReplySchema } } },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await castOnlineVote(
            db,
            requireActor(request),
            request.params.id,
            request.body,
            run,
            cache,
            request.idempotency,
          ),
        ),
  );

  app.get(
    '/ballots/:id/receipts/:code',
    { schema: { tags, params: ReceiptParamsSchema, response: { 200: ReceiptReplySchema } } },
    async (request) => checkReceipt(db, request.params.id, request.params.code),
  );
};
