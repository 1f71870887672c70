import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../deps';
import { requireActor } from '../../plugins/session';
import { listDue } from './supervision.due';
import { appointSupervisorBody, appointToPlace, revokeBody, revokeFromPlace } from '../grants';
import {
  answerBody,
  createdReply,
  dueReply,
  findingBody,
  findingParams,
  matterParams,
  matterSupervisionReply,
  oversightBody,
  placeParams,
  supervisorParams,
  supervisorsReply,
} from './supervision.schemas';
import {
  answerFinding,
  assignOversight,
  endOversight,
  listSupervisors,
  readMatterSupervision,
  recordFinding,
} from './supervision.service';

const tags = ['supervision'];
const created = { 201: createdReply };

/** 监督队伍: supervisors of a place, matters assigned for oversight, findings and their answers, what is due. */
export const supervisionRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db } = deps;

  app.get(
    '/places/:id/supervisors',
    { schema: { tags, params: placeParams, response: { 200: supervisorsReply } } },
    async (request) => listSupervisors(db, requireActor(request), request.params.id),
  );

  app.post(
    '/places/:id/supervisors',
    { schema: { tags, params: placeParams, body: appointSupervisorBody, response: created } },
    async (request, reply) =>
      reply.status(201).send(
        await appointToPlace(db, requireActor(request), {
          placeId: request.params.id,
          role: 'supervisor',
          ...request.body,
        }),
      ),
  );

  // Revoking needs a reason: DELETE with a JSON body { reason }.
  app.delete(
    '/places/:id/supervisors/:accountId',
    { schema: { tags, params: supervisorParams, body: revokeBody, response: { 200: createdReply } } },
    async (request) =>
      revokeFromPlace(db, requireActor(request), {
        placeId: request.params.id,
        role: 'supervisor',
        accountId: request.params.accountId,
        reason: request.body.reason,
      }),
  );

  app.get(
    '/matters/:id/supervision',
    { schema: { tags, params: matterParams, response: { 200: matterSupervisionReply } } },
    async (request) => readMatterSupervision(db, requireActor(request), request.params.id),
  );

  app.post(
    '/matters/:id/oversight',
    { schema: { tags, params: matterParams, body: oversightBody, response: created } },
    async (request, reply) =>
      reply
        .status(201)
        .send(await assignOversight(db, requireActor(request), request.params.id, request.body.supervisorAccountId)),
  );

  app.delete(
    '/matters/:id/oversight/:accountId',
    { schema: { tags, params: supervisorParams, response: { 200: createdReply } } },
    async (request) => endOversight(db, requireActor(request), request.params.id, request.params.accountId),
  );

  app.post(
    '/matters/:id/findings',
    { schema: { tags, params: matterParams, body: findingBody, response: created } },
    async (request, reply) =>
      reply.status(201).send(await recordFinding(db, requireActor(request), request.params.id, request.body)),
  );

  app.post(
    '/findings/:id/answer',
    { schema: { tags, params: findingParams, body: answerBody, response: { 200: createdReply } } },
    async (request) => answerFinding(db, requireActor(request), request.params.id, request.body.answer),
  );

  app.get('/supervision/due', { schema: { tags, response: { 200: dueReply } } }, async (request) =>
    listDue(db, requireActor(request)),
  );
};
