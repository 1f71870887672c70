import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../deps';
import { requireActor } from '../../plugins/session';
import {
  AnswerBodySchema,
  ApplicationParamsSchema,
  ApplicationViewSchema,
  ObjectionBodySchema,
  ObjectionParamsSchema,
  ObjectionReplySchema,
  ReasonBodySchema,
  ReassessBodySchema,
  ReviewBodySchema,
  SiteCheckBodySchema,
} from '../../../contracts/demonstration';
import { readApplication } from './demonstration-read.service';
import {
  answerObjection,
  confirmNaming,
  declineApplication,
  nameApplication,
  raiseObjection,
  reassessApplication,
  recordSiteCheck,
  scoreApplication,
} from './demonstration-review.service';

const tags = ['demonstration'];
const params = ApplicationParamsSchema;
const reply = { 200: ApplicationViewSchema };

/** The city's side: scores, the on-site check, naming with its public notice, objections, re-assessment. */
export const demonstrationReviewRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db } = deps;
  /** Runs one command on the application, then answers with the application as the actor now sees it. */
  const thenRead = async (
    actorRequest: Parameters<typeof requireActor>[0],
    id: number,
    run: () => Promise<unknown>,
  ) => {
    await run();
    return readApplication(db, requireActor(actorRequest), id);
  };

  app.put(
    '/demonstration/applications/:id/review',
    { schema: { tags, params, body: ReviewBodySchema, response: reply } },
    async (request) =>
      thenRead(request, request.params.id, () =>
        scoreApplication(db, requireActor(request), request.params.id, request.body),
      ),
  );

  app.put(
    '/demonstration/applications/:id/site-check',
    { schema: { tags, params, body: SiteCheckBodySchema, response: reply } },
    async (request) =>
      thenRead(request, request.params.id, () =>
        recordSiteCheck(db, requireActor(request), request.params.id, request.body),
      ),
  );

  app.post('/demonstration/applications/:id/name', { schema: { tags, params, response: reply } }, async (request) =>
    thenRead(request, request.params.id, () => nameApplication(db, requireActor(request), request.params.id)),
  );

  app.post('/demonstration/applications/:id/confirm', { schema: { tags, params, response: reply } }, async (request) =>
    thenRead(request, request.params.id, () => confirmNaming(db, requireActor(request), request.params.id)),
  );

  app.post(
    '/demonstration/applications/:id/decline',
    { schema: { tags, params, body: ReasonBodySchema, response: reply } },
    async (request) =>
      thenRead(request, request.params.id, () =>
        declineApplication(db, requireActor(request), request.params.id, request.body.reason),
      ),
  );

  app.post(
    '/demonstration/applications/:id/reassess',
    { schema: { tags, params, body: ReassessBodySchema, response: reply } },
    async (request) =>
      thenRead(request, request.params.id, () =>
        reassessApplication(db, requireActor(request), request.params.id, request.body),
      ),
  );

  app.post(
    '/demonstration/applications/:id/objections',
    { schema: { tags, params, body: ObjectionBodySchema, response: { 201: ObjectionReplySchema } } },
    async (request, res) => {
      const id = await raiseObjection(db, requireActor(request), request.params.id, request.body.body);
      return res.status(201).send({ id });
    },
  );

  app.post(
    '/demonstration/objections/:id/answer',
    {
      schema: { tags, params: ObjectionParamsSchema, body: AnswerBodySchema, response: { 200: ObjectionReplySchema } },
    },
    async (request) => {
      await answerObjection(db, requireActor(request), request.params.id, request.body.answer);
      return { id: request.params.id };
    },
  );
};
