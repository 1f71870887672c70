import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../deps';
import { requireActor } from '../../plugins/session';
import { PlaceParamsSchema } from '../../../contracts/common';
import {
  AppointStaffBodySchema,
  ChangedReplySchema,
  HistoryQuerySchema,
  HistoryReplySchema,
  RevokeStaffBodySchema,
  StaffParamsSchema,
  StaffReplySchema,
} from '../../../contracts/grants';
import { appointToPlace, listPlaceStaff, readGrantHistory, revokeFromPlace } from './grants.service';

const tags = ['grants'];

/**
 * 任免: officers above a place appoint and revoke its convenors and grid workers (supervisors have
 * their own routes under supervision), and read the record of every grant on the subtree.
 */
export const grantsRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db } = deps;

  app.get(
    '/places/:id/grant-events',
    {
      schema: {
        tags,
        params: PlaceParamsSchema,
        querystring: HistoryQuerySchema,
        response: { 200: HistoryReplySchema },
      },
    },
    async (request) => readGrantHistory(db, requireActor(request), request.params.id, request.query.page),
  );

  app.get(
    '/places/:id/staff',
    { schema: { tags, params: PlaceParamsSchema, response: { 200: StaffReplySchema } } },
    async (request) => listPlaceStaff(db, requireActor(request), request.params.id),
  );

  app.post(
    '/places/:id/staff',
    {
      schema: { tags, params: PlaceParamsSchema, body: AppointStaffBodySchema, response: { 201: ChangedReplySchema } },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await appointToPlace(db, requireActor(request), { placeId: request.params.id, ...request.body })),
  );

  app.delete(
    '/places/:id/staff/:accountId',
    { schema: { tags, params: StaffParamsSchema, body: RevokeStaffBodySchema, response: { 200: ChangedReplySchema } } },
    async (request) =>
      revokeFromPlace(db, requireActor(request), {
        placeId: request.params.id,
        accountId: request.params.accountId,
        ...request.body,
      }),
  );
};
