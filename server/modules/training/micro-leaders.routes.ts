import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../deps';
import { requireActor } from '../../plugins/session';
import {
  MicroLeaderChangeReplySchema,
  MicroLeadersQuerySchema,
  MicroLeadersReplySchema,
  MicroLeaderTagsBodySchema,
  TrainingParamsSchema,
  WithdrawBodySchema,
} from '../../../contracts/training';
import { listMicroLeaders, updateMicroLeaderTags, withdrawLeader } from './micro-leaders.service';

const tags = ['training'];

/** 微领袖库: the micro-leaders of a place, with tags; staff keep the tags and withdraw with a reason. */
export const microLeaderRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db } = deps;
  const params = TrainingParamsSchema;

  app.get(
    '/micro-leaders',
    { schema: { tags, querystring: MicroLeadersQuerySchema, response: { 200: MicroLeadersReplySchema } } },
    async (request) => listMicroLeaders(db, requireActor(request), request.query),
  );

  app.put(
    '/micro-leaders/:id/tags',
    { schema: { tags, params, body: MicroLeaderTagsBodySchema, response: { 200: MicroLeaderChangeReplySchema } } },
    async (request) => updateMicroLeaderTags(db, requireActor(request), request.params.id, request.body.tags),
  );

  app.post(
    '/micro-leaders/:id/withdraw',
    { schema: { tags, params, body: WithdrawBodySchema, response: { 200: MicroLeaderChangeReplySchema } } },
    async (request) => withdrawLeader(db, requireActor(request), request.params.id, request.body.reason),
  );
};
