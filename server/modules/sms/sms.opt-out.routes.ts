import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { OptOutBodySchema, OptOutViewSchema, ResidentParamsSchema } from '../../../contracts/sms';
import { abilitiesFor, type Actor } from '../../../domain/access';
import type { Db } from '../../db/client';
import type { AppDeps } from '../../deps';
import { authorize, type Access } from '../../plugins/authorize';
import { requireActor } from '../../plugins/session';
import { findResidentOptOut } from './sms.repository';
import { changeSmsOptOut } from './sms.service';

const tags = ['sms'];

/** Residents are hidden from who may not view them. */
const residentAccess: Access = { what: 'resident', seeIf: ['resident.view'] };

/** The resident as an access subject, or a 404 that does not tell whether they exist. */
async function loadResident(db: Db, actor: Actor, id: number) {
  const row = await findResidentOptOut(db, id);
  const subject = row && ({ type: 'resident', path: row.path, residentId: row.id } as const);
  authorize(actor, null, subject, residentAccess);
  return { row: row!, subject };
}

/**
 * Declining text messages (the flag on the resident): GET and PATCH /api/residents/:id/sms. Turning it
 * on also stops the texts still queued for the resident, in the same transaction.
 */
export const smsOptOutRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db } = deps;

  app.get(
    '/residents/:id/sms',
    { schema: { tags, params: ResidentParamsSchema, response: { 200: OptOutViewSchema } } },
    async (request) => {
      const actor = requireActor(request);
      const { row, subject } = await loadResident(db, actor, request.params.id);
      const abilities = abilitiesFor(actor, ['resident.setSmsOptOut'], subject);
      return { residentId: row.id, smsOptOut: row.smsOptOut, abilities };
    },
  );

  app.patch(
    '/residents/:id/sms',
    { schema: { tags, params: ResidentParamsSchema, body: OptOutBodySchema, response: { 200: OptOutViewSchema } } },
    async (request) => {
      const actor = requireActor(request);
      const { row, subject } = await loadResident(db, actor, request.params.id);
      authorize(actor, 'resident.setSmsOptOut', subject, residentAccess);
      const { smsOptOut } = request.body;
      await changeSmsOptOut(db, row.id, smsOptOut);
      return { residentId: row.id, smsOptOut, abilities: { 'resident.setSmsOptOut': true } };
    },
  );
};
