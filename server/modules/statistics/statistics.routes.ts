import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../deps';
import { requireActor } from '../../plugins/session';
import {
  BehindReplySchema,
  BehindQuerySchema,
  StatisticsQuerySchema,
  StatisticsReplySchema,
} from '../../../contracts/statistics';
import { refreshFactsOnPrimary } from './statistics.facts';
import { readBehind, readStatistics } from './statistics.service';

const tags = ['statistics'];

/** 统计: a place's figures for a period, per group, and the matters behind each number. */
export const statisticsRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  // Figures tolerate a few seconds of lag: the read replica when one is set, its facts rebuilt on the
  // primary first (a standby cannot write them).
  const { readDb: db } = deps;

  app.get(
    '/statistics',
    { schema: { tags, querystring: StatisticsQuerySchema, response: { 200: StatisticsReplySchema } } },
    async (request) => {
      await refreshFactsOnPrimary(deps);
      return readStatistics(db, requireActor(request), request.query);
    },
  );

  app.get(
    '/statistics/matters',
    { schema: { tags, querystring: BehindQuerySchema, response: { 200: BehindReplySchema } } },
    async (request) => {
      await refreshFactsOnPrimary(deps);
      return readBehind(db, requireActor(request), request.query);
    },
  );
};
