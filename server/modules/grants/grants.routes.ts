import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../deps';
import { requireActor } from '../../plugins/session';
import { placeParams } from '../places';
import {
  appointStaffBody,
  changedReply,
  historyQuery,
  historyReply,
  revokeStaffBody,
  staffParams,
  staffReply,
} from './grants.schemas';
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
    { schema: { tags, params: placeParams, querystring: historyQuery, response: { 200: historyReply } } },
    async (request) => readGrantHistory(db, requireActor(request), request.params.id, request.query.page),
  );

  app.get(
    '/places/:id/staff',
    { schema: { tags, params: placeParams, response: { 200: staffReply } } },
    async (request) => listPlaceStaff(db, requireActor(request), request.params.id),
  );

  app.post(
    '/places/:id/staff',
    { schema: { tags, params: placeParams, body: appointStaffBody, response: { 201: changedReply } } },
    async (request, reply) =>
      reply
        .status(201)
        .send(await appointToPlace(db, requireActor(request), { placeId: request.params.id, ...request.body })),
  );

  app.delete(
    '/places/:id/staff/:accountId',
    { schema: { tags, params: staffParams, body: revokeStaffBody, response: { 200: changedReply } } },
    async (request) =>
      revokeFromPlace(db, requireActor(request), {
        placeId: request.params.id,
        accountId: request.params.accountId,
        ...request.body,
      }),
  );
};
