import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import path from 'node:path';
import type { AppDeps } from '../../deps';
import { requireActor } from '../../plugins/session';
import { LocalFolderStorage } from '../../storage';
import { advanceMatter } from '../matters';
import {
  AssigneesReplySchema,
  CreateTaskBodySchema,
  CreatedReplySchema,
  EvaluationBodySchema,
  FollowUpBodySchema,
  ImplementationReplySchema,
  MyTasksReplySchema,
  PatchTaskBodySchema,
  ProgressBodySchema,
  ProgressViewSchema,
  ReassignBodySchema,
  SupervisionBodySchema,
  TaskParamsSchema,
} from '../../../contracts/implementation';
import { MatterParamsSchema } from '../../../contracts/common';
import { StatusReplySchema } from '../../../contracts/matter-commands';
import { addProgress, completeTask, createTask, readImplementationView } from './implementation.service';
import { readMatterFile } from './matter-files.service';
import { listAssignees, readMyTasks, reassignTask } from './assignment.service';
import { progressPhotos, readProgressForm } from './progress-photos';
import { recordEvaluation, recordFollowUp, recordSupervision } from './review.service';

const tags = ['implementation'];

/** Implementation (tasks, progress) and review (follow-ups, supervision, evaluation) of a matter. */
export const implementationRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db } = deps;
  const storage = new LocalFolderStorage(path.join(deps.config.dataDir, 'files'));
  const created = { 201: CreatedReplySchema };

  app.get(
    '/matters/:id/implementation',
    { schema: { tags, params: MatterParamsSchema, response: { 200: ImplementationReplySchema } } },
    async (request) => readImplementationView(db, requireActor(request), request.params.id),
  );

  app.post(
    '/matters/:id/tasks',
    { schema: { tags, params: MatterParamsSchema, body: CreateTaskBodySchema, response: created } },
    async (request, reply) =>
      reply.status(201).send(await createTask(db, requireActor(request), request.params.id, request.body)),
  );

  app.patch(
    '/tasks/:id',
    { schema: { tags, params: TaskParamsSchema, body: PatchTaskBodySchema, response: { 200: StatusReplySchema } } },
    async (request) => completeTask(db, requireActor(request), request.params.id),
  );

  app.get(
    '/matters/:id/assignees',
    { schema: { tags, params: MatterParamsSchema, response: { 200: AssigneesReplySchema } } },
    async (request) => listAssignees(db, requireActor(request), request.params.id),
  );

  app.put(
    '/tasks/:id/owner',
    { schema: { tags, params: TaskParamsSchema, body: ReassignBodySchema, response: { 200: CreatedReplySchema } } },
    async (request) => reassignTask(db, requireActor(request), request.params.id, request.body),
  );

  app.get('/tasks/mine', { schema: { tags, response: { 200: MyTasksReplySchema } } }, async (request) =>
    readMyTasks(db, requireActor(request)),
  );

  app.post(
    '/tasks/:id/progress',
    {
      // JSON, or multipart/form-data with `note`, `percent` and up to nine `photos`.
      schema: { tags, params: TaskParamsSchema, body: ProgressBodySchema, response: { 201: ProgressViewSchema } },
      preValidation: readProgressForm,
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const photos = progressPhotos(request);
      return reply.status(201).send(await addProgress(db, storage, actor, request.params.id, request.body, photos));
    },
  );

  app.get('/matter-files/:id', { schema: { tags, params: TaskParamsSchema } }, async (request, reply) => {
    const file = await readMatterFile(db, storage, requireActor(request), request.params.id);
    return reply
      .header('content-type', file.contentType)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, max-age=86400')
      .send(file.bytes);
  });

  app.post(
    '/matters/:id/start-implementation',
    { schema: { tags, params: MatterParamsSchema, response: { 200: StatusReplySchema } } },
    async (request) => advanceMatter(db, requireActor(request), request.params.id, 'startImplementation'),
  );

  app.post(
    '/matters/:id/start-review',
    { schema: { tags, params: MatterParamsSchema, response: { 200: StatusReplySchema } } },
    async (request) => advanceMatter(db, requireActor(request), request.params.id, 'startReview'),
  );

  app.post(
    '/matters/:id/follow-ups',
    { schema: { tags, params: MatterParamsSchema, body: FollowUpBodySchema, response: created } },
    async (request, reply) =>
      reply.status(201).send(await recordFollowUp(db, requireActor(request), request.params.id, request.body)),
  );

  app.post(
    '/matters/:id/supervision-reviews',
    { schema: { tags, params: MatterParamsSchema, body: SupervisionBodySchema, response: created } },
    async (request, reply) =>
      reply.status(201).send(await recordSupervision(db, requireActor(request), request.params.id, request.body)),
  );

  app.post(
    '/matters/:id/evaluation',
    { schema: { tags, params: MatterParamsSchema, body: EvaluationBodySchema, response: created } },
    async (request, reply) =>
      reply.status(201).send(await recordEvaluation(db, requireActor(request), request.params.id, request.body)),
  );
};
