import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { can, type Actor } from '../../../domain/access';
import type { Db } from '../../db/client';
import type { AppDeps } from '../../deps';
import { authorize } from '../../plugins/authorize';
import { requireActor } from '../../plugins/session';
import { todayInChina } from '../../calendar';
import { PlaceParamsSchema } from '../../../contracts/common';
import { authorizePlace, placeOrNotFound } from '../places';
import { councilAccess, councilSubject } from './councils.access';
import { presentCouncil } from './councils.presenter';
import { findCouncilRef } from './councils.repository';
import {
  AddSeatBodySchema,
  CouncilDetailReplySchema,
  CouncilParamsSchema,
  CouncilsReplySchema,
  CouncilViewSchema,
  CreateCouncilBodySchema,
  SeatParamsSchema,
  SeatRemovedReplySchema,
  SeatViewSchema,
} from '../../../contracts/councils';
import { addSeat, createCouncil, listCouncils, readCouncil, removeSeat } from './councils.service';

const tags = ['councils'];
const manageAbility = (actor: Actor, path: string) => ({
  'council.manage': can(actor, 'council.manage', { type: 'council', path }),
});

/** The council, if the actor may do `action` on it (another community's councils answer as missing). */
async function councilFor(db: Db, actor: Actor, action: 'council.view' | 'council.manage', id: number) {
  const council = await findCouncilRef(db, id);
  authorize(actor, action, council && councilSubject(council.placePath), councilAccess);
  return council!;
}

/** Councils (议事会) with seats and terms: /api/places/:id/councils and /api/councils/… */
export const councilsRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db } = deps;

  app.get(
    '/places/:id/councils',
    { schema: { tags, params: PlaceParamsSchema, response: { 200: CouncilsReplySchema } } },
    async (request) => {
      const actor = requireActor(request);
      const place = await placeOrNotFound(db, request.params.id);
      authorizePlace(actor, 'council.view', place);
      const today = todayInChina();
      const rows = await listCouncils(db, place);
      return { items: rows.map((r) => presentCouncil(r, today)), abilities: manageAbility(actor, place.path) };
    },
  );

  app.post(
    '/places/:id/councils',
    {
      schema: { tags, params: PlaceParamsSchema, body: CreateCouncilBodySchema, response: { 201: CouncilViewSchema } },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const place = await placeOrNotFound(db, request.params.id);
      authorizePlace(actor, 'council.manage', place);
      const row = await createCouncil(db, place, request.body);
      return reply.status(201).send(presentCouncil(row, todayInChina()));
    },
  );

  app.get(
    '/councils/:id',
    { schema: { tags, params: CouncilParamsSchema, response: { 200: CouncilDetailReplySchema } } },
    async (request) => {
      const actor = requireActor(request);
      const ref = await councilFor(db, actor, 'council.view', request.params.id);
      const { council, seats } = await readCouncil(db, ref.id);
      return {
        council: presentCouncil(council, todayInChina()),
        members: seats,
        abilities: manageAbility(actor, ref.placePath),
      };
    },
  );

  app.post(
    '/councils/:id/members',
    { schema: { tags, params: CouncilParamsSchema, body: AddSeatBodySchema, response: { 201: SeatViewSchema } } },
    async (request, reply) => {
      const actor = requireActor(request);
      const council = await councilFor(db, actor, 'council.manage', request.params.id);
      return reply.status(201).send(await addSeat(db, council, request.body));
    },
  );

  app.delete(
    '/councils/:id/members/:seatId',
    { schema: { tags, params: SeatParamsSchema, response: { 200: SeatRemovedReplySchema } } },
    async (request) => {
      const actor = requireActor(request);
      const council = await councilFor(db, actor, 'council.manage', request.params.id);
      await removeSeat(db, council.id, request.params.seatId);
      return { removed: true as const };
    },
  );
};
