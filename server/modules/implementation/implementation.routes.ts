import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import path from 'node:path';
import type { AppDeps } from '../../deps';
import { requireActor } from '../../plugins/session';
import { LocalFolderStorage } from '../../storage';
import { advanceMatter } from '../matters';
import {
  createTaskBody,
  createdReply,
  evaluationBody,
  followUpBody,
  implementationReply,
  matterParams,
  patchTaskBody,
  progressBody,
  progressView,
  statusReply,
  supervisionBody,
  taskParams,
} from './implementation.schemas';
import { addProgress, completeTask, createTask, readImplementationView } from './implementation.service';
import { readMatterFile } from './matter-files.service';
import { progressPhotos, readProgressForm } from './progress-photos';
import { recordEvaluation, recordFollowUp, recordSupervision } from './review.service';

const tags = ['implementation'];

/** Implementation (tasks, progress) and review (follow-ups, supervision, evaluation) of a matter. */
export const implementationRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db } = deps;
  const storage = new LocalFolderStorage(path.join(deps.config.dataDir, 'files'));
  const created = { 201: createdReply };

  app.get(
    '/matters/:id/implementation',
    { schema: { tags, params: matterParams, response: { 200: implementationReply } } },
    async (request) => readImplementationView(db, requireActor(request), request.params.id),
  );

  app.post(
    '/matters/:id/tasks',
    { schema: { tags, params: matterParams, body: createTaskBody, response: created } },
    async (request, reply) =>
      reply.status(201).send(await createTask(db, requireActor(request), request.params.id, request.body)),
  );

  app.patch(
    '/tasks/:id',
    { schema: { tags, params: taskParams, body: patchTaskBody, response: { 200: statusReply } } },
    async (request) => completeTask(db, requireActor(request), request.params.id),
  );

  app.post(
    '/tasks/:id/progress',
    {
      // JSON, or multipart/form-data with `note`, `percent` and up to nine `photos`.
      schema: { tags, params: taskParams, body: progressBody, response: { 201: progressView } },
      preValidation: readProgressForm,
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const photos = progressPhotos(request);
      return reply.status(201).send(await addProgress(db, storage, actor, request.params.id, request.body, photos));
    },
  );

  app.get('/matter-files/:id', { schema: { tags, params: taskParams } }, async (request, reply) => {
    const file = await readMatterFile(db, storage, requireActor(request), request.params.id);
    return reply
      .header('content-type', file.contentType)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, max-age=86400')
      .send(file.bytes);
  });

  app.post(
    '/matters/:id/start-implementation',
    { schema: { tags, params: matterParams, response: { 200: statusReply } } },
    async (request) => advanceMatter(db, requireActor(request), request.params.id, 'startImplementation'),
  );

  app.post(
    '/matters/:id/start-review',
    { schema: { tags, params: matterParams, response: { 200: statusReply } } },
    async (request) => advanceMatter(db, requireActor(request), request.params.id, 'startReview'),
  );

  app.post(
    '/matters/:id/follow-ups',
    { schema: { tags, params: matterParams, body: followUpBody, response: created } },
    async (request, reply) =>
      reply.status(201).send(await recordFollowUp(db, requireActor(request), request.params.id, request.body)),
  );

  app.post(
    '/matters/:id/supervision-reviews',
    { schema: { tags, params: matterParams, body: supervisionBody, response: created } },
    async (request, reply) =>
      reply.status(201).send(await recordSupervision(db, requireActor(request), request.params.id, request.body)),
  );

  app.post(
    '/matters/:id/evaluation',
    { schema: { tags, params: matterParams, body: evaluationBody, response: created } },
    async (request, reply) =>
      reply.status(201).send(await recordEvaluation(db, requireActor(request), request.params.id, request.body)),
  );
};
