import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { MatterParamsSchema } from '../../../contracts/common';
import { FollowReplySchema } from '../../../contracts/follows';
import type { AppDeps } from '../../deps';
import { requireActor } from '../../plugins/session';
import { setFollowing } from './follows.service';

const tags = ['follows'];
const schema = { tags, params: MatterParamsSchema, response: { 200: FollowReplySchema } };

export const followsRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db } = deps;
  app.put('/matters/:id/follow', { schema }, async (request) =>
    setFollowing(db, requireActor(request), request.params.id, true),
  );
  app.delete('/matters/:id/follow', { schema }, async (request) =>
    setFollowing(db, requireActor(request), request.params.id, false),
  );
};
