import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../deps';
import { requireActor } from '../../plugins/session';
import {
  answerBodySchema,
  answerReplySchema,
  confirmReplySchema,
  draftResolutionBodySchema,
  matterParamsSchema,
  objectionBodySchema,
  objectionParamsSchema,
  objectionReplySchema,
  resolutionDetailReplySchema,
  resolutionViewSchema,
} from '../../../contracts/resolutions';
import { statusReplySchema } from '../../../contracts/matter-commands';
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
    { schema: { tags, params: matterParamsSchema, response: { 200: resolutionDetailReplySchema } } },
    async (request) => readResolution(db, requireActor(request), request.params.id),
  );

  app.post(
    '/matters/:id/resolution',
    {
      schema: {
        tags,
        params: matterParamsSchema,
        body: draftResolutionBodySchema,
        response: { 200: resolutionViewSchema },
      },
    },
    async (request) => draftResolution(db, requireActor(request), request.params.id, request.body),
  );

  app.post(
    '/matters/:id/resolve',
    { schema: { tags, params: matterParamsSchema, response: { 200: statusReplySchema } } },
    async (request) => resolveMatter(db, requireActor(request), request.params.id),
  );

  app.post(
    '/matters/:id/resolution/confirm',
    { schema: { tags, params: matterParamsSchema, response: { 200: confirmReplySchema } } },
    async (request) => confirmResolution(db, requireActor(request), request.params.id),
  );

  app.post(
    '/matters/:id/objections',
    {
      schema: { tags, params: matterParamsSchema, body: objectionBodySchema, response: { 201: objectionReplySchema } },
    },
    async (request, reply) => {
      const objection = await raiseObjection(db, requireActor(request), request.params.id, request.body.body);
      return reply.status(201).send(objection);
    },
  );

  app.post(
    '/objections/:id/answer',
    { schema: { tags, params: objectionParamsSchema, body: answerBodySchema, response: { 200: answerReplySchema } } },
    async (request) => answerObjection(db, requireActor(request), request.params.id, request.body.answer),
  );
};
