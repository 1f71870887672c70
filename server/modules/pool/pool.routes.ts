import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { can, type Actor } from '../../../domain/access';
import { builtInTags } from '../../../domain/people/tags';
import type { AppDeps } from '../../deps';
import { authorize, type Access } from '../../plugins/authorize';
import { requireActor } from '../../plugins/session';
import { PlaceParamsSchema } from '../../../contracts/common';
import { authorizePlace, placeOrNotFound } from '../places';
import { presentPoolMember, presentPoolMembers } from './pool.presenter';
import { findPoolMemberRef } from './pool.repository';
import {
  AddPoolMemberBodySchema,
  BuiltInTagsReplySchema,
  MemberParamsSchema,
  PoolMemberViewSchema,
  PoolQuerySchema,
  PoolReplySchema,
  UpdatePoolMemberBodySchema,
} from '../../../contracts/pool';
import { addPoolMember, listPool, updatePoolMember } from './pool.service';

/** Pool entries are hidden from who may not read the community's pool. */
const poolMemberAccess: Access = { what: 'poolMember', seeIf: ['pool.view'] };
const tags = ['pool'];
/** Full phones only for staff of the pool's place; members see them masked. */
const showsPhonesAt = (actor: Actor, path: string) => can(actor, 'resident.viewPhone', { type: 'pool', path });

/** The member pool (议事协商成员库): /api/places/:id/pool and /api/pool/… */
export const poolRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db } = deps;

  app.get('/pool/tags', { schema: { tags, response: { 200: BuiltInTagsReplySchema } } }, async (request) => {
    requireActor(request);
    return { builtIn: [...builtInTags] };
  });

  app.get(
    '/places/:id/pool',
    { schema: { tags, params: PlaceParamsSchema, querystring: PoolQuerySchema, response: { 200: PoolReplySchema } } },
    async (request) => {
      const actor = requireActor(request);
      const place = await placeOrNotFound(db, request.params.id);
      authorizePlace(actor, 'pool.view', place);
      const showsPhones = showsPhonesAt(actor, place.path);
      const pool = await listPool(db, place, request.query, showsPhones ? actor.accountId : null);
      return {
        items: presentPoolMembers(pool.rows, pool.seats, showsPhones),
        tags: pool.tags,
        abilities: { 'pool.manage': can(actor, 'pool.manage', { type: 'pool', path: place.path }) },
      };
    },
  );

  app.post(
    '/places/:id/pool',
    {
      schema: {
        tags,
        params: PlaceParamsSchema,
        body: AddPoolMemberBodySchema,
        response: { 201: PoolMemberViewSchema },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const place = await placeOrNotFound(db, request.params.id);
      authorizePlace(actor, 'pool.manage', place);
      const member = await addPoolMember(db, place, request.body);
      return reply.status(201).send(presentPoolMember(member, showsPhonesAt(actor, place.path)));
    },
  );

  app.patch(
    '/pool/:memberId',
    {
      schema: {
        tags,
        params: MemberParamsSchema,
        body: UpdatePoolMemberBodySchema,
        response: { 200: PoolMemberViewSchema },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const ref = await findPoolMemberRef(db, request.params.memberId);
      // Another community's entries answer as missing: their ids reveal nothing.
      authorize(actor, 'pool.manage', ref && { type: 'pool', path: ref.placePath }, poolMemberAccess);
      const member = await updatePoolMember(db, ref!.id, request.body);
      return presentPoolMember(member, showsPhonesAt(actor, ref!.placePath));
    },
  );
};
