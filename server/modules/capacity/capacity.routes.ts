import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../deps';
import { requireActor } from '../../plugins/session';
import { CapacityQuerySchema, CapacityReplySchema } from '../../../contracts/capacity';
import { readCapacity } from './capacity.service';

const tags = ['statistics'];

/** 能力建设统计: social organisations, projects, training and leading talents of a place for a year. */
export const capacityRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  // Figures tolerate a few seconds of lag: the read replica when one is set.
  const { readDb: db } = deps;

  app.get(
    '/statistics/capacity',
    { schema: { tags, querystring: CapacityQuerySchema, response: { 200: CapacityReplySchema } } },
    async (request) => readCapacity(db, requireActor(request), request.query),
  );
};
