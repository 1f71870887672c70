import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { MatterParamsSchema } from '../../../contracts/common';
import { PublicMatterFileSchema, PublicMatterSchema } from '../../../contracts/public-matters';
import type { AppDeps } from '../../deps';
import { readPublicFile, readPublicMatter } from './public-matters.service';

const tags = ['public'];
/** Public records change rarely and carry nothing personal: shared caches may keep them a minute. */
const CACHE = 'public, max-age=60';

/** 公开: a decided, public matter's redacted page and file, for anyone without logging in. */
export const publicMatterRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  // Public pages tolerate a few seconds of lag: the read replica when one is set.
  const { readDb: db } = deps;

  app.get(
    '/public/matters/:id',
    { schema: { tags, params: MatterParamsSchema, response: { 200: PublicMatterSchema } } },
    async (request, reply) => {
      const page = await readPublicMatter(db, request.params.id);
      return reply.header('cache-control', CACHE).send(page);
    },
  );

  app.get(
    '/public/matters/:id/file.json',
    { schema: { tags, params: MatterParamsSchema, response: { 200: PublicMatterFileSchema } } },
    async (request, reply) => {
      const file = await readPublicFile(db, request.params.id);
      return reply
        .header('cache-control', CACHE)
        .header('content-disposition', `attachment; filename="matter-${request.params.id}-public.json"`)
        .send(file);
    },
  );
};
