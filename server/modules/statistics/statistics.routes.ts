import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../deps';
import { requireActor } from '../../plugins/session';
import { behindReply, behindQuery, statisticsQuery, statisticsReply } from './statistics.schemas';
import { readBehind, readStatistics } from './statistics.service';

const tags = ['statistics'];

/** 统计: a place's figures for a period, per group, and the matters behind each number. */
export const statisticsRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db } = deps;

  app.get(
    '/statistics',
    { schema: { tags, querystring: statisticsQuery, response: { 200: statisticsReply } } },
    async (request) => readStatistics(db, requireActor(request), request.query),
  );

  app.get(
    '/statistics/matters',
    { schema: { tags, querystring: behindQuery, response: { 200: behindReply } } },
    async (request) => readBehind(db, requireActor(request), request.query),
  );
};
