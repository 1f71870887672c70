import path from 'node:path';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Actor } from '../../../domain/access';
import type { Db } from '../../db/client';
import type { AppDeps } from '../../deps';
import { authorize } from '../../plugins/authorize';
import { requireActor } from '../../plugins/session';
import { LocalFolderStorage } from '../../storage';
import { PlaceParamsSchema } from '../../../contracts/common';
import {
  VenueBodySchema,
  VenueBookingBodySchema,
  VenueDetailReplySchema,
  VenueFileParamsSchema,
  VenueOptionsReplySchema,
  VenueParamsSchema,
  VenuePhotoBodySchema,
  VenueReturnBodySchema,
  VenuesReplySchema,
  VenueViewSchema,
  PublicVenueReplySchema,
} from '../../../contracts/venues';
import { z } from 'zod';
import { RulesVersionBodySchema, RulesVersionCreatedSchema } from '../../../contracts/rules';
import { readPhotoForm, uploadedPhotos } from '../matters';
import { authorizePlace, placeOrNotFound } from '../places';
import { venueAccess, venueSubject } from './venues.access';
import { presentBooking, presentVenue, venueAbilities } from './venues.presenter';
import { findVenueRef } from './venues.repository';
import {
  addVenuePhotos,
  addVenueRules,
  bookVenueForActivity,
  createVenue,
  editVenue,
  listVenues,
  readVenueDetail,
  readVenueOptions,
  reviewVenue,
} from './venues.service';
import { readPublicVenue, readVenueFile } from './venues-public.service';

const tags = ['venues'];
const readVenuePhotoForm = readPhotoForm((fields) => ({ purpose: fields.purpose }));
const BookingCreatedSchema = z.object({ id: z.number() });

/** The venue, if the actor may do `action` on it (venues outside their places answer as missing). */
async function venueFor(db: Db, actor: Actor, action: 'venue.view' | 'venue.manage' | 'venue.review', id: number) {
  const venue = await findVenueRef(db, id);
  authorize(actor, action, venue && venueSubject(venue.placePath), venueAccess);
  return venue!;
}

/** 议事阵地: /api/places/:id/venues, /api/venues/…, and the public page /api/public/venues/:id. */
export const venuesRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  // Public pages tolerate a few seconds of lag: the read replica when one is set (AppDeps.readDb).
  const { db, readDb } = deps;
  const storage = new LocalFolderStorage(path.join(deps.config.dataDir, 'files'));
  const detail = async (actor: Actor, id: number) => {
    const { row, bookings } = await readVenueDetail(db, id);
    return {
      venue: presentVenue(row),
      bookings: bookings.map(presentBooking),
      abilities: venueAbilities(actor, row.placePath),
    };
  };

  app.get(
    '/places/:id/venues',
    { schema: { tags, params: PlaceParamsSchema, response: { 200: VenuesReplySchema } } },
    async (request) => {
      const actor = requireActor(request);
      const place = await placeOrNotFound(db, request.params.id);
      authorizePlace(actor, 'venue.view', place);
      const rows = await listVenues(db, place);
      return { items: rows.map(presentVenue), abilities: venueAbilities(actor, place.path) };
    },
  );

  app.get(
    '/places/:id/venue-options',
    { schema: { tags, params: PlaceParamsSchema, response: { 200: VenueOptionsReplySchema } } },
    async (request) => {
      const actor = requireActor(request);
      const place = await placeOrNotFound(db, request.params.id);
      authorizePlace(actor, 'venue.manage', place);
      return readVenueOptions(db, place);
    },
  );

  app.post(
    '/places/:id/venues',
    { schema: { tags, params: PlaceParamsSchema, body: VenueBodySchema, response: { 201: VenueViewSchema } } },
    async (request, reply) => {
      const actor = requireActor(request);
      const place = await placeOrNotFound(db, request.params.id);
      authorizePlace(actor, 'venue.manage', place);
      return reply.status(201).send(presentVenue(await createVenue(db, actor, place, request.body)));
    },
  );

  app.get(
    '/venues/:id',
    { schema: { tags, params: VenueParamsSchema, response: { 200: VenueDetailReplySchema } } },
    async (request) => {
      const actor = requireActor(request);
      const venue = await venueFor(db, actor, 'venue.view', request.params.id);
      return detail(actor, venue.id);
    },
  );

  app.put(
    '/venues/:id',
    { schema: { tags, params: VenueParamsSchema, body: VenueBodySchema, response: { 200: VenueViewSchema } } },
    async (request) => {
      const actor = requireActor(request);
      const venue = await venueFor(db, actor, 'venue.manage', request.params.id);
      return presentVenue(await editVenue(db, venue.id, request.body));
    },
  );

  app.post(
    '/venues/:id/photos',
    {
      // multipart/form-data: `purpose` (signage | photo) and the photo file(s).
      schema: { tags, params: VenueParamsSchema, body: VenuePhotoBodySchema, response: { 201: VenueViewSchema } },
      preValidation: readVenuePhotoForm,
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const venue = await venueFor(db, actor, 'venue.manage', request.params.id);
      const row = await addVenuePhotos(db, storage, actor, venue.id, request.body.purpose, uploadedPhotos(request));
      return reply.status(201).send(presentVenue(row));
    },
  );

  app.post(
    '/venues/:id/submit',
    { schema: { tags, params: VenueParamsSchema, response: { 200: VenueViewSchema } } },
    async (request) => {
      const actor = requireActor(request);
      const venue = await venueFor(db, actor, 'venue.manage', request.params.id);
      return presentVenue(await reviewVenue(db, actor, venue.id, 'submit'));
    },
  );

  app.post(
    '/venues/:id/approve',
    { schema: { tags, params: VenueParamsSchema, response: { 200: VenueViewSchema } } },
    async (request) => {
      const actor = requireActor(request);
      const venue = await venueFor(db, actor, 'venue.review', request.params.id);
      return presentVenue(await reviewVenue(db, actor, venue.id, 'approve'));
    },
  );

  app.post(
    '/venues/:id/return',
    { schema: { tags, params: VenueParamsSchema, body: VenueReturnBodySchema, response: { 200: VenueViewSchema } } },
    async (request) => {
      const actor = requireActor(request);
      const venue = await venueFor(db, actor, 'venue.review', request.params.id);
      return presentVenue(await reviewVenue(db, actor, venue.id, 'return', request.body));
    },
  );

  app.post(
    '/venues/:id/bookings',
    {
      schema: {
        tags,
        params: VenueParamsSchema,
        body: VenueBookingBodySchema,
        response: { 201: BookingCreatedSchema },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const venue = await venueFor(db, actor, 'venue.manage', request.params.id);
      return reply.status(201).send(await bookVenueForActivity(db, actor, venue.id, request.body));
    },
  );

  app.post(
    '/venues/:id/rules',
    {
      schema: {
        tags,
        params: VenueParamsSchema,
        body: RulesVersionBodySchema,
        response: { 201: RulesVersionCreatedSchema },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const venue = await venueFor(db, actor, 'venue.manage', request.params.id);
      return reply.status(201).send(await addVenueRules(db, actor, venue.id, request.body));
    },
  );

  app.get(
    '/public/venues/:id',
    { schema: { tags: ['public'], params: VenueParamsSchema, response: { 200: PublicVenueReplySchema } } },
    async (request, reply) =>
      reply.header('cache-control', 'public, max-age=60').send(await readPublicVenue(readDb, request.params.id)),
  );

  app.get(
    '/public/venue-files/:id',
    { schema: { tags: ['public'], params: VenueFileParamsSchema } },
    async (request, reply) => {
      const file = await readVenueFile(readDb, storage, request.params.id);
      return reply
        .header('content-type', file.contentType)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'public, max-age=86400')
        .send(file.bytes);
    },
  );
};
