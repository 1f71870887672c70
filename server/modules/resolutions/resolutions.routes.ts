import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../deps';
import { requireActor } from '../../plugins/session';
import {
  answerBody,
  confirmReply,
  draftResolutionBody,
  matterParams,
  objectionBody,
  objectionParams,
  resolutionDetailReply,
  resolutionView,
  statusReply,
} from './resolutions.schemas';
import {
  answerObjection,
  confirmResolution,
  draftResolution,
  raiseObjection,
  readResolution,
  resolveMatter,
} from './resolutions.service';

const tags = ['resolutions'];
const objectionReply = z.object({ id: z.number(), body: z.string(), createdAt: z.string() });
const answerReply = z.object({ id: z.number(), answer: z.string(), answeredAt: z.string() });

/** The outcome of deliberation: resolution, resolve, confirmations, objections and answers. */
export const resolutionsRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db } = deps;

  app.get(
    '/matters/:id/resolution',
    { schema: { tags, params: matterParams, response: { 200: resolutionDetailReply } } },
    async (request) => readResolution(db, requireActor(request), request.params.id),
  );

  app.post(
    '/matters/:id/resolution',
    { schema: { tags, params: matterParams, body: draftResolutionBody, response: { 200: resolutionView } } },
    async (request) => draftResolution(db, requireActor(request), request.params.id, request.body),
  );

  app.post(
    '/matters/:id/resolve',
    { schema: { tags, params: matterParams, response: { 200: statusReply } } },
    async (request) => resolveMatter(db, requireActor(request), request.params.id),
  );

  app.post(
    '/matters/:id/resolution/confirm',
    { schema: { tags, params: matterParams, response: { 200: confirmReply } } },
    async (request) => confirmResolution(db, requireActor(request), request.params.id),
  );

  app.post(
    '/matters/:id/objections',
    { schema: { tags, params: matterParams, body: objectionBody, response: { 201: objectionReply } } },
    async (request, reply) => {
      const objection = await raiseObjection(db, requireActor(request), request.params.id, request.body.body);
      return reply.status(201).send(objection);
    },
  );

  app.post(
    '/objections/:id/answer',
    { schema: { tags, params: objectionParams, body: answerBody, response: { 200: answerReply } } },
    async (request) => answerObjection(db, requireActor(request), request.params.id, request.body.answer),
  );
};
