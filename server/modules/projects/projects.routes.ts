import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ApplicationBodySchema,
  ContractBodySchema,
  IdParamsSchema,
  NoteBodySchema,
  ProjectsQuerySchema,
  ProjectsReplySchema,
  ProjectViewSchema,
  ReasonBodySchema,
  ScoresBodySchema,
} from '../../../contracts/projects';
import type { AppDeps } from '../../deps';
import { requireActor } from '../../plugins/session';
import { saveApplication, submitApplication } from './applications.service';
import { listProjects, readProject } from './projects-read.service';
import { contractProject, decideProject, returnProject, scoreProject } from './review.service';

const tags = ['projects'];
const params = IdParamsSchema;
const reply200 = { 200: ProjectViewSchema };

/** 微治理项目: the list, a project's page, the organisation's application and the officers' review and contract. */
export const projectsRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db } = deps;

  app.get(
    '/projects',
    { schema: { tags, querystring: ProjectsQuerySchema, response: { 200: ProjectsReplySchema } } },
    async (request) => listProjects(db, requireActor(request), request.query),
  );

  app.get('/projects/:id', { schema: { tags, params, response: reply200 } }, async (request) =>
    readProject(db, requireActor(request), request.params.id),
  );

  app.put(
    '/projects/:id',
    { schema: { tags, params, body: ApplicationBodySchema, response: reply200 } },
    async (request) => {
      const actor = requireActor(request);
      await saveApplication(db, actor, request.params.id, request.body);
      return readProject(db, actor, request.params.id);
    },
  );

  app.post('/projects/:id/submit', { schema: { tags, params, response: reply200 } }, async (request) => {
    const actor = requireActor(request);
    await submitApplication(db, actor, request.params.id);
    return readProject(db, actor, request.params.id);
  });

  app.post(
    '/projects/:id/return',
    { schema: { tags, params, body: ReasonBodySchema, response: reply200 } },
    async (request) => {
      const actor = requireActor(request);
      await returnProject(db, actor, request.params.id, request.body.reason);
      return readProject(db, actor, request.params.id);
    },
  );

  app.put(
    '/projects/:id/scores',
    { schema: { tags, params, body: ScoresBodySchema, response: reply200 } },
    async (request) => {
      const actor = requireActor(request);
      await scoreProject(db, actor, request.params.id, request.body);
      return readProject(db, actor, request.params.id);
    },
  );

  for (const command of ['approve', 'decline'] as const) {
    app.post(
      `/projects/:id/${command}`,
      { schema: { tags, params, body: NoteBodySchema, response: reply200 } },
      async (request) => {
        const actor = requireActor(request);
        await decideProject(db, actor, request.params.id, command, request.body.note);
        return readProject(db, actor, request.params.id);
      },
    );
  }

  app.post(
    '/projects/:id/contract',
    { schema: { tags, params, body: ContractBodySchema, response: reply200 } },
    async (request) => {
      const actor = requireActor(request);
      await contractProject(db, actor, request.params.id, request.body);
      return readProject(db, actor, request.params.id);
    },
  );
};
