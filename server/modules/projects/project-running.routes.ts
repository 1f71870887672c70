import path from 'node:path';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  CloseBodySchema,
  EvaluationBodySchema,
  IdParamsSchema,
  MilestoneParamsSchema,
  MilestoneReportBodySchema,
  NoteBodySchema,
  ProjectViewSchema,
  SpendingBodySchema,
} from '../../../contracts/projects';
import type { AppDeps } from '../../deps';
import { notFound } from '../../errors';
import { requireActor } from '../../plugins/session';
import { LocalFolderStorage } from '../../storage';
import { readPhotoForm, uploadedPhotos } from '../matters';
import { projectFor } from './projects.access';
import { evidenceFileById } from './project-parts.repository';
import { readProject } from './projects-read.service';
import { projectBudgetXlsx } from './projects.export';
import { closeProject, evaluateProject, recordSpending, reportMilestone, reviewMilestone } from './running.service';

const tags = ['projects'];
const reply200 = { 200: ProjectViewSchema };
const readReportForm = readPhotoForm((fields) => ({ report: fields.report }));

/** A running project: milestones with evidence, spending against lines, evaluations, close, and the finance sheet. */
export const projectRunningRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db } = deps;
  const storage = new LocalFolderStorage(path.join(deps.config.dataDir, 'files'));

  app.post(
    '/projects/:id/milestones/:milestoneId/report',
    {
      schema: { tags, params: MilestoneParamsSchema, body: MilestoneReportBodySchema, response: reply200 },
      preValidation: readReportForm,
    },
    async (request) => {
      const actor = requireActor(request);
      const { id, milestoneId } = request.params;
      await reportMilestone(db, storage, actor, id, milestoneId, request.body.report, uploadedPhotos(request));
      return readProject(db, actor, id);
    },
  );

  for (const command of ['accept', 'reopen'] as const) {
    app.post(
      `/projects/:id/milestones/:milestoneId/${command}`,
      { schema: { tags, params: MilestoneParamsSchema, body: NoteBodySchema, response: reply200 } },
      async (request) => {
        const actor = requireActor(request);
        const { id, milestoneId } = request.params;
        await reviewMilestone(db, actor, id, milestoneId, command, request.body.note);
        return readProject(db, actor, id);
      },
    );
  }

  app.post(
    '/projects/:id/spendings',
    { schema: { tags, params: IdParamsSchema, body: SpendingBodySchema, response: { 201: ProjectViewSchema } } },
    async (request, reply) => {
      const actor = requireActor(request);
      await recordSpending(db, actor, request.params.id, request.body);
      return reply.status(201).send(await readProject(db, actor, request.params.id));
    },
  );

  app.post(
    '/projects/:id/evaluate',
    { schema: { tags, params: IdParamsSchema, body: EvaluationBodySchema, response: reply200 } },
    async (request) => {
      const actor = requireActor(request);
      await evaluateProject(db, actor, request.params.id, request.body);
      return readProject(db, actor, request.params.id);
    },
  );

  app.post(
    '/projects/:id/close',
    { schema: { tags, params: IdParamsSchema, body: CloseBodySchema, response: reply200 } },
    async (request) => {
      const actor = requireActor(request);
      await closeProject(db, actor, request.params.id, request.body.resultSummary);
      return readProject(db, actor, request.params.id);
    },
  );

  app.get('/projects/:id/budget.xlsx', { schema: { tags, params: IdParamsSchema } }, async (request, reply) => {
    const file = await projectBudgetXlsx(db, requireActor(request), request.params.id);
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="${file.fileName}"`)
      .header('cache-control', 'no-store')
      .send(file.bytes);
  });

  app.get('/project-evidence-files/:id', { schema: { tags, params: IdParamsSchema } }, async (request, reply) => {
    const actor = requireActor(request);
    const file = await evidenceFileById(db, request.params.id);
    if (!file) throw notFound('file');
    await projectFor(db, actor, null, file.projectId).catch(() => {
      throw notFound('file');
    });
    return reply
      .header('content-type', file.contentType)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, max-age=3600')
      .send(await storage.read(file.storageKey));
  });
};
