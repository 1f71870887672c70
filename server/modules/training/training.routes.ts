import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { can } from '../../../domain/access';
import type { AppDeps } from '../../deps';
import { requireActor } from '../../plugins/session';
import {
  ProgrammeBodySchema,
  ProgrammesQuerySchema,
  ProgrammesReplySchema,
  ProgrammeViewSchema,
  SessionBodySchema,
  TrainingParamsSchema,
} from '../../../contracts/training';
import { presentProgramme, presentProgrammeSummary } from './training.presenter';
import { addSession, createProgramme, listProgrammes, moveProgrammeBy, readProgramme } from './training.service';

const tags = ['training'];

/** 培训项目: programmes of a city or town, opened and closed by its officers, and their sessions. */
export const trainingRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db } = deps;
  const params = TrainingParamsSchema;
  const view = { 200: ProgrammeViewSchema };

  app.get(
    '/training/programmes',
    { schema: { tags, querystring: ProgrammesQuerySchema, response: { 200: ProgrammesReplySchema } } },
    async (request) => {
      const actor = requireActor(request);
      const rows = await listProgrammes(db, actor, request.query);
      const managesAny = actor.grants.some((g) => can(actor, 'training.manage', { type: 'place', path: g.placePath }));
      return { items: rows.map(presentProgrammeSummary), abilities: { 'training.manage': managesAny } };
    },
  );

  app.post(
    '/training/programmes',
    { schema: { tags, body: ProgrammeBodySchema, response: { 201: ProgrammeViewSchema } } },
    async (request, reply) => {
      const actor = requireActor(request);
      const id = await createProgramme(db, actor, request.body);
      return reply.status(201).send(presentProgramme(actor, await readProgramme(db, actor, id)));
    },
  );

  app.get('/training/programmes/:id', { schema: { tags, params, response: view } }, async (request) => {
    const actor = requireActor(request);
    return presentProgramme(actor, await readProgramme(db, actor, request.params.id));
  });

  for (const command of ['open', 'close'] as const) {
    app.post(`/training/programmes/:id/${command}`, { schema: { tags, params, response: view } }, async (request) => {
      const actor = requireActor(request);
      await moveProgrammeBy(db, actor, request.params.id, command);
      return presentProgramme(actor, await readProgramme(db, actor, request.params.id));
    });
  }

  app.post(
    '/training/programmes/:id/sessions',
    { schema: { tags, params, body: SessionBodySchema, response: { 201: ProgrammeViewSchema } } },
    async (request, reply) => {
      const actor = requireActor(request);
      await addSession(db, actor, request.params.id, request.body);
      return reply.status(201).send(presentProgramme(actor, await readProgramme(db, actor, request.params.id)));
    },
  );
};
