import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../deps';
import { requireActor } from '../../plugins/session';
import {
  AnswerBodySchema,
  AnswerReplySchema,
  ConfirmReplySchema,
  DraftResolutionBodySchema,
  ObjectionBodySchema,
  ObjectionParamsSchema,
  ObjectionReplySchema,
  ResolutionDetailReplySchema,
  ResolutionViewSchema,
} from '../../../contracts/resolutions';
import { MatterParamsSchema } from '../../../contracts/common';
import { StatusReplySchema } from '../../../contracts/matter-commands';
import {
  answerObjection,
  confirmResolution,
  draftResolution,
  raiseObjection,
  readResolution,
  resolveMatter,
} from './resolutions.service';

const tags = ['resolutions'];

/** The outcome of deliberation: resolution, resolve, confirmations, objections and answers. */
export const resolutionsRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db } = deps;

  app.get(
    '/matters/:id/resolution',
    { schema: { tags, params: MatterParamsSchema, response: { 200: ResolutionDetailReplySchema } } },
    async (request) => readResolution(db, requireActor(request), request.params.id),
  );

  app.post(
    '/matters/:id/resolution',
    {
      schema: {
        tags,
        params: MatterParamsSchema,
        body: DraftResolutionBodySchema,
        response: { 200: ResolutionViewSchema },
      },
    },
    async (request) => draftResolution(db, requireActor(request), request.params.id, request.body),
  );

  app.post(
    '/matters/:id/resolve',
    { schema: { tags, params: MatterParamsSchema, response: { 200: StatusReplySchema } } },
    async (request) => resolveMatter(db, requireActor(request), request.params.id),
  );

  app.post(
    '/matters/:id/resolution/confirm',
    { schema: { tags, params: MatterParamsSchema, response: { 200: ConfirmReplySchema } } },
    async (request) => confirmResolution(db, requireActor(request), request.params.id),
  );

  app.post(
    '/matters/:id/objections',
    {
      schema: { tags, params: MatterParamsSchema, body: ObjectionBodySchema, response: { 201: ObjectionReplySchema } },
    },
    async (request, reply) => {
      const objection = await raiseObjection(db, requireActor(request), request.params.id, request.body.body);
      return reply.status(201).send(objection);
    },
  );

  app.post(
    '/objections/:id/answer',
    { schema: { tags, params: ObjectionParamsSchema, body: AnswerBodySchema, response: { 200: AnswerReplySchema } } },
    async (request) => answerObjection(db, requireActor(request), request.params.id, request.body.answer),
  );
};
