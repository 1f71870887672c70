import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import path from 'node:path';
import type { AppDeps } from '../../deps';
import { requireActor } from '../../plugins/session';
import { LocalFolderStorage } from '../../storage';
import {
  createTaskBodySchema,
  createdReplySchema,
  evaluationBodySchema,
  followUpBodySchema,
  implementationReplySchema,
  matterParamsSchema,
  patchTaskBodySchema,
  progressBodySchema,
  progressViewSchema,
  supervisionBodySchema,
  taskParamsSchema,
} from '../../../contracts/implementation';
import { statusReplySchema } from '../../../contracts/matter-commands';
import { addProgress, completeTask, createTask, moveMatter, readImplementationView } from './implementation.service';
import { readMatterFile } from './matter-files.service';
import { progressPhotos, readProgressForm } from './progress-photos';
import { recordEvaluation, recordFollowUp, recordSupervision } from './review.service';

const tags = ['implementation'];

/** Implementation (tasks, progress) and review (follow-ups, supervision, evaluation) of a matter. */
export const implementationRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db } = deps;
  const storage = new LocalFolderStorage(path.join(deps.config.dataDir, 'files'));
  const created = { 201: createdReplySchema };

  app.get(
    '/matters/:id/implementation',
    { schema: { tags, params: matterParamsSchema, response: { 200: implementationReplySchema } } },
    async (request) => readImplementationView(db, requireActor(request), request.params.id),
  );

  app.post(
    '/matters/:id/tasks',
    { schema: { tags, params: matterParamsSchema, body: createTaskBodySchema, response: created } },
    async (request, reply) =>
      reply.status(201).send(await createTask(db, requireActor(request), request.params.id, request.body)),
  );

  app.patch(
    '/tasks/:id',
    { schema: { tags, params: taskParamsSchema, body: patchTaskBodySchema, response: { 200: statusReplySchema } } },
    async (request) => completeTask(db, requireActor(request), request.params.id),
  );

  app.post(
    '/tasks/:id/progress',
    {
      // JSON, or multipart/form-data with `note`, `percent` and up to nine `photos`.
      schema: { tags, params: taskParamsSchema, body: progressBodySchema, response: { 201: progressViewSchema } },
      preValidation: readProgressForm,
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const photos = progressPhotos(request);
      return reply.status(201).send(await addProgress(db, storage, actor, request.params.id, request.body, photos));
    },
  );

  app.get('/matter-files/:id', { schema: { tags, params: taskParamsSchema } }, async (request, reply) => {
    const file = await readMatterFile(db, storage, requireActor(request), request.params.id);
    return reply
      .header('content-type', file.contentType)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, max-age=86400')
      .send(file.bytes);
  });

  app.post(
    '/matters/:id/start-implementation',
    { schema: { tags, params: matterParamsSchema, response: { 200: statusReplySchema } } },
    async (request) => moveMatter(db, requireActor(request), request.params.id, 'startImplementation'),
  );

  app.post(
    '/matters/:id/start-review',
    { schema: { tags, params: matterParamsSchema, response: { 200: statusReplySchema } } },
    async (request) => moveMatter(db, requireActor(request), request.params.id, 'startReview'),
  );

  app.post(
    '/matters/:id/follow-ups',
    { schema: { tags, params: matterParamsSchema, body: followUpBodySchema, response: created } },
    async (request, reply) =>
      reply.status(201).send(await recordFollowUp(db, requireActor(request), request.params.id, request.body)),
  );

  app.post(
    '/matters/:id/supervision-reviews',
    { schema: { tags, params: matterParamsSchema, body: supervisionBodySchema, response: created } },
    async (request, reply) =>
      reply.status(201).send(await recordSupervision(db, requireActor(request), request.params.id, request.body)),
  );

  app.post(
    '/matters/:id/evaluation',
    { schema: { tags, params: matterParamsSchema, body: evaluationBodySchema, response: created } },
    async (request, reply) =>
      reply.status(201).send(await recordEvaluation(db, requireActor(request), request.params.id, request.body)),
  );
};
