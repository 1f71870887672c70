import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../deps';
import { requireActor } from '../../plugins/session';
import { listDue } from './supervision.due';
import { AppointSupervisorBodySchema, RevokeBodySchema } from '../../../contracts/grants';
import { appointToPlace, revokeFromPlace } from '../grants';
import {
  AnswerBodySchema,
  CreatedReplySchema,
  DueReplySchema,
  FindingBodySchema,
  FindingParamsSchema,
  MatterSupervisionReplySchema,
  OversightBodySchema,
  SupervisorParamsSchema,
  SupervisorsReplySchema,
} from '../../../contracts/supervision';
import { MatterParamsSchema, PlaceParamsSchema } from '../../../contracts/common';
import {
  answerFinding,
  assignOversight,
  endOversight,
  listSupervisors,
  readMatterSupervision,
  recordFinding,
} from './supervision.service';

const tags = ['supervision'];
const created = { 201: CreatedReplySchema };

/** 监督队伍: supervisors of a place, matters assigned for oversight, findings and their answers, what is due. */
export const supervisionRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db } = deps;

  app.get(
    '/places/:id/supervisors',
    { schema: { tags, params: PlaceParamsSchema, response: { 200: SupervisorsReplySchema } } },
    async (request) => listSupervisors(db, requireActor(request), request.params.id),
  );

  app.post(
    '/places/:id/supervisors',
    { schema: { tags, params: PlaceParamsSchema, body: AppointSupervisorBodySchema, response: created } },
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
    { schema: { tags, params: SupervisorParamsSchema, body: RevokeBodySchema, response: { 200: CreatedReplySchema } } },
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
    { schema: { tags, params: MatterParamsSchema, response: { 200: MatterSupervisionReplySchema } } },
    async (request) => readMatterSupervision(db, requireActor(request), request.params.id),
  );

  app.post(
    '/matters/:id/oversight',
    { schema: { tags, params: MatterParamsSchema, body: OversightBodySchema, response: created } },
    async (request, reply) =>
      reply
        .status(201)
        .send(await assignOversight(db, requireActor(request), request.params.id, request.body.supervisorAccountId)),
  );

  app.delete(
    '/matters/:id/oversight/:accountId',
    { schema: { tags, params: SupervisorParamsSchema, response: { 200: CreatedReplySchema } } },
    async (request) => endOversight(db, requireActor(request), request.params.id, request.params.accountId),
  );

  app.post(
    '/matters/:id/findings',
    { schema: { tags, params: MatterParamsSchema, body: FindingBodySchema, response: created } },
    async (request, reply) =>
      reply.status(201).send(await recordFinding(db, requireActor(request), request.params.id, request.body)),
  );

  app.post(
    '/findings/:id/answer',
    { schema: { tags, params: FindingParamsSchema, body: AnswerBodySchema, response: { 200: CreatedReplySchema } } },
    async (request) => answerFinding(db, requireActor(request), request.params.id, request.body.answer),
  );

  app.get('/supervision/due', { schema: { tags, response: { 200: DueReplySchema } } }, async (request) =>
    listDue(db, requireActor(request)),
  );
};
