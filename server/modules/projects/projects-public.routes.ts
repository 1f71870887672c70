import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  IdParamsSchema,
  MatterProjectsReplySchema,
  PublicProjectSchema,
  PublicProjectsReplySchema,
} from '../../../contracts/projects';
import type { AppDeps } from '../../deps';
import { requireActor } from '../../plugins/session';
import { loadVisibleMatter } from '../matters';
import { projectIdsOfMatter } from './project-parts.repository';
import { readPublicProject, readPublicProjects } from './projects-read.service';
import { projectById } from './projects.repository';

/** The public results of closed projects (showcase), and the matter page's card of its projects. */
export const projectsPublicRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  // Public pages tolerate a few seconds of lag: the read replica when one is set.
  const { db, readDb } = deps;

  app.get(
    '/public/projects',
    { schema: { tags: ['public'], response: { 200: PublicProjectsReplySchema } } },
    async (_request, reply) =>
      reply.header('cache-control', 'public, max-age=60').send({ items: await readPublicProjects(readDb) }),
  );

  app.get(
    '/public/projects/:id',
    { schema: { tags: ['public'], params: IdParamsSchema, response: { 200: PublicProjectSchema } } },
    async (request, reply) =>
      reply.header('cache-control', 'public, max-age=60').send(await readPublicProject(readDb, request.params.id)),
  );

  // Whoever sees the matter sees which projects carry it (titles and stages; organisations are not persons).
  app.get(
    '/matters/:id/projects',
    { schema: { tags: ['projects'], params: IdParamsSchema, response: { 200: MatterProjectsReplySchema } } },
    async (request) => {
      await loadVisibleMatter(db, requireActor(request), request.params.id);
      const links = await projectIdsOfMatter(db, request.params.id);
      const items = [];
      for (const link of links) {
        const project = await projectById(db, link.projectId);
        if (project)
          items.push({ id: project.id, title: project.title, status: project.status, relation: link.relation });
      }
      return { items };
    },
  );
};
