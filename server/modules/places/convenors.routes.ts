import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { maskPhone } from '../../../domain/people/phone';
import type { AppDeps } from '../../deps';
import { requireActor } from '../../plugins/session';
import { PlaceParamsSchema } from '../../../contracts/common';
import { ConvenorsReplySchema } from '../../../contracts/places';
import { authorizePlace, listConvenorsOver, placeOrNotFound } from './places.service';

/** GET /places/:id/convenors: who may convene a matter here (the accept form's picker); staff of the place. */
export const convenorsRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  app.get(
    '/places/:id/convenors',
    { schema: { tags: ['places'], params: PlaceParamsSchema, response: { 200: ConvenorsReplySchema } } },
    async (request) => {
      const actor = requireActor(request);
      const place = await placeOrNotFound(deps.db, request.params.id);
      authorizePlace(actor, 'place.viewRoster', place);
      const rows = await listConvenorsOver(deps.db, place.path);
      return {
        items: rows.map((r) => ({
          accountId: r.accountId,
          name: r.name,
          phoneMasked: maskPhone(r.phone),
          placeName: r.placeName,
        })),
      };
    },
  );
};
