import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { can } from '../../../domain/access';
import type { AppDeps } from '../../deps';
import { requireActor } from '../../plugins/session';
import { todayInChina } from '../../calendar';
import { convenorsRoutes } from './convenors.routes';
import {
  presentDwellingsPage,
  presentHome,
  presentPlaceDetail,
  presentPlaceRef,
  presentResidentsPage,
  presentSummary,
} from './places.presenter';
import {
  DwellingsReplySchema,
  HomeReplySchema,
  PageQuerySchema,
  PlaceDetailReplySchema,
  PlaceListReplySchema,
  ResidentsQuerySchema,
  ResidentsReplySchema,
  SearchQuerySchema,
  SearchReplySchema,
} from '../../../contracts/places';
import { PlaceParamsSchema } from '../../../contracts/common';
import {
  authorizePlace,
  listChildren,
  listRoots,
  listSubtreeDwellings,
  listSubtreeResidents,
  placeOrNotFound,
  readHome,
  readPlaceDetail,
  searchPlaces,
} from './places.service';

const tags = ['places'];

/** Browsing the place tree and its roster: /api/places/… */
export const placesRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db } = deps;
  await app.register(convenorsRoutes, { deps });

  app.get('/places/home', { schema: { tags, response: { 200: HomeReplySchema } } }, async (request) => {
    const actor = requireActor(request);
    return presentHome(await readHome(db, actor.residentId), todayInChina());
  });

  app.get('/places/roots', { schema: { tags, response: { 200: PlaceListReplySchema } } }, async (request) => {
    const actor = requireActor(request);
    return { items: (await listRoots(db, actor)).map(presentSummary) };
  });

  app.get(
    '/places/search',
    { schema: { tags, querystring: SearchQuerySchema, response: { 200: SearchReplySchema } } },
    async (request) => {
      const actor = requireActor(request);
      const { q, within, limit } = request.query;
      const withinPlace = within === undefined ? undefined : await placeOrNotFound(db, within);
      if (withinPlace) authorizePlace(actor, 'place.view', withinPlace);
      const items = await searchPlaces(db, actor, { q, within: withinPlace, limit });
      return { items: items.map((p) => ({ ...presentPlaceRef(p), trail: p.trail })) };
    },
  );

  app.get(
    '/places/:id',
    { schema: { tags, params: PlaceParamsSchema, response: { 200: PlaceDetailReplySchema } } },
    async (request) => {
      const actor = requireActor(request);
      const place = await placeOrNotFound(db, request.params.id);
      authorizePlace(actor, 'place.view', place);
      return presentPlaceDetail(actor, place, await readPlaceDetail(db, place));
    },
  );

  app.get(
    '/places/:id/children',
    { schema: { tags, params: PlaceParamsSchema, response: { 200: PlaceListReplySchema } } },
    async (request) => {
      const actor = requireActor(request);
      const place = await placeOrNotFound(db, request.params.id);
      authorizePlace(actor, 'place.view', place);
      return { items: (await listChildren(db, actor, place)).map(presentSummary) };
    },
  );

  app.get(
    '/places/:id/dwellings',
    {
      schema: {
        tags,
        params: PlaceParamsSchema,
        querystring: PageQuerySchema,
        response: { 200: DwellingsReplySchema },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const place = await placeOrNotFound(db, request.params.id);
      authorizePlace(actor, 'place.viewRoster', place);
      return presentDwellingsPage(await listSubtreeDwellings(db, place, request.query), request.query);
    },
  );

  app.get(
    '/places/:id/residents',
    {
      schema: {
        tags,
        params: PlaceParamsSchema,
        querystring: ResidentsQuerySchema,
        response: { 200: ResidentsReplySchema },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const place = await placeOrNotFound(db, request.params.id);
      authorizePlace(actor, 'place.viewRoster', place);
      // One decision for the whole page: the subtree lies inside a staff grant or it does not.
      const showsPhones = can(actor, 'resident.viewPhone', { type: 'place', path: place.path });
      const { page, pageSize, q, after } = request.query;
      const rows = await listSubtreeResidents(
        db,
        place,
        { page, pageSize, q, after },
        showsPhones ? actor.accountId : null,
      );
      return presentResidentsPage(rows, { page, pageSize }, showsPhones, todayInChina());
    },
  );
};
