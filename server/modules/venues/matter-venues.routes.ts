import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../deps';
import { requireActor } from '../../plugins/session';
import { MatterVenuesReplySchema, VenueParamsSchema } from '../../../contracts/venues';
import { listMatterVenues } from './venues.service';

/** GET /api/matters/:id/venues: the venues of the matter's community, for its meeting form's picker. */
export const matterVenuesRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db } = deps;
  app.get(
    '/matters/:id/venues',
    { schema: { tags: ['venues'], params: VenueParamsSchema, response: { 200: MatterVenuesReplySchema } } },
    async (request) => ({ items: await listMatterVenues(db, requireActor(request), request.params.id) }),
  );
};
