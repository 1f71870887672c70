import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { abilitiesFor, can, type Actor } from '../../../domain/access';
import type { CallView } from '../../../contracts/projects';
import {
  ApplyBodySchema,
  CallBodySchema,
  CallDetailSchema,
  CallsReplySchema,
  CallViewSchema,
  IdParamsSchema,
  ProjectViewSchema,
} from '../../../contracts/projects';
import type { AppDeps } from '../../deps';
import { requireActor } from '../../plugins/session';
import { applyToCall } from './applications.service';
import type { CallRow } from './calls.repository';
import { createCall, listCalls, moveCallBy, readCallDetail } from './calls.service';
import { presentSummaries, readProject } from './projects-read.service';
import { callBudgetXlsx } from './projects.export';

const tags = ['projects'];

function presentCall(actor: Actor, c: CallRow): CallView {
  return {
    id: c.id,
    placeId: c.placeId,
    placeName: c.placeName,
    year: c.year,
    title: c.title,
    description: c.description,
    budgetFen: c.budgetFen,
    maxPerProjectFen: c.maxPerProjectFen,
    criteria: c.criteria,
    opensOn: c.opensOn,
    closesOn: c.closesOn,
    status: c.status,
    projectCount: c.projectCount,
    abilities: abilitiesFor(actor, ['call.manage'], { type: 'place', path: c.placePath }),
  };
}

/** 项目征集: officers publish, open and close calls; agents of reached organisations read open ones and apply. */
export const callsRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db } = deps;

  app.get('/calls', { schema: { tags, response: { 200: CallsReplySchema } } }, async (request) => {
    const actor = requireActor(request);
    const rows = await listCalls(db, actor);
    const managesAny = actor.grants.some((g) => can(actor, 'call.manage', { type: 'place', path: g.placePath }));
    return { items: rows.map((r) => presentCall(actor, r)), abilities: { 'call.manage': managesAny } };
  });

  app.post(
    '/calls',
    { schema: { tags, body: CallBodySchema, response: { 201: CallViewSchema } } },
    async (request, reply) => {
      const actor = requireActor(request);
      return reply.status(201).send(presentCall(actor, await createCall(db, actor, request.body)));
    },
  );

  app.get(
    '/calls/:id',
    { schema: { tags, params: IdParamsSchema, response: { 200: CallDetailSchema } } },
    async (request) => {
      const actor = requireActor(request);
      const { call, projects, organisations } = await readCallDetail(db, actor, request.params.id);
      return {
        ...presentCall(actor, call),
        projects: await presentSummaries(db, projects),
        myOrganisations: organisations.map((o) => ({
          id: o.id,
          name: o.name,
          communities: o.communities.map(({ id, name }) => ({ id, name })),
        })),
      };
    },
  );

  for (const command of ['open', 'close'] as const) {
    app.post(
      `/calls/:id/${command}`,
      { schema: { tags, params: IdParamsSchema, response: { 200: CallViewSchema } } },
      async (request) => {
        const actor = requireActor(request);
        return presentCall(actor, await moveCallBy(db, actor, request.params.id, command));
      },
    );
  }

  app.post(
    '/calls/:id/projects',
    { schema: { tags, params: IdParamsSchema, body: ApplyBodySchema, response: { 201: ProjectViewSchema } } },
    async (request, reply) => {
      const actor = requireActor(request);
      const id = await applyToCall(db, actor, request.params.id, request.body);
      return reply.status(201).send(await readProject(db, actor, id));
    },
  );

  app.get('/calls/:id/budget.xlsx', { schema: { tags, params: IdParamsSchema } }, async (request, reply) => {
    const file = await callBudgetXlsx(db, requireActor(request), request.params.id);
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="${file.fileName}"`)
      .header('cache-control', 'no-store')
      .send(file.bytes);
  });
};
