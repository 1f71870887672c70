import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { can } from '../../../domain/access';
import type { AppDeps } from '../../deps';
import { requireActor } from '../../plugins/session';
import {
  ApplicationParamsSchema,
  ApplicationsQuerySchema,
  ApplicationsReplySchema,
  ApplicationViewSchema,
  ApplyBodySchema,
  DraftBodySchema,
  NoteBodySchema,
  OverviewQuerySchema,
  OverviewReplySchema,
  PublicDemonstrationSchema,
  ReasonBodySchema,
  SchemeBodySchema,
  SchemeParamsSchema,
  SchemesReplySchema,
  SchemeViewSchema,
} from '../../../contracts/demonstration';
import { presentScheme, presentSummary } from './demonstration.presenter';
import { readApplication, readOverview, readPublicDemonstration } from './demonstration-read.service';
import {
  applyFor,
  createScheme,
  listApplications,
  listSchemes,
  recommendApplication,
  returnApplication,
  saveDraft,
  schemeOrNotFound,
  submitApplication,
  updateScheme,
} from './demonstration.service';

const tags = ['demonstration'];

/** 示范社区创建: schemes, a community's application, the town's recommendation, lists and the public badges. */
export const demonstrationRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  // Public pages tolerate a few seconds of lag: the read replica when one is set (AppDeps.readDb).
  const { db, readDb } = deps;

  app.get('/demonstration/schemes', { schema: { tags, response: { 200: SchemesReplySchema } } }, async (request) => {
    const actor = requireActor(request);
    const rows = await listSchemes(db);
    const managesAny = actor.grants.some((g) => can(actor, 'scheme.manage', { type: 'place', path: g.placePath }));
    return { items: rows.map((r) => presentScheme(actor, r)), abilities: { 'scheme.manage': managesAny } };
  });

  app.post(
    '/demonstration/schemes',
    { schema: { tags, body: SchemeBodySchema, response: { 201: SchemeViewSchema } } },
    async (request, reply) => {
      const actor = requireActor(request);
      return reply.status(201).send(presentScheme(actor, await createScheme(db, actor, request.body)));
    },
  );

  app.get(
    '/demonstration/schemes/:id',
    { schema: { tags, params: SchemeParamsSchema, response: { 200: SchemeViewSchema } } },
    async (request) => presentScheme(requireActor(request), await schemeOrNotFound(db, request.params.id)),
  );

  app.put(
    '/demonstration/schemes/:id',
    { schema: { tags, params: SchemeParamsSchema, body: SchemeBodySchema, response: { 200: SchemeViewSchema } } },
    async (request) => {
      const actor = requireActor(request);
      return presentScheme(actor, await updateScheme(db, actor, request.params.id, request.body));
    },
  );

  app.post(
    '/demonstration/schemes/:id/applications',
    { schema: { tags, params: SchemeParamsSchema, body: ApplyBodySchema, response: { 201: ApplicationViewSchema } } },
    async (request, reply) => {
      const actor = requireActor(request);
      const id = await applyFor(db, actor, request.params.id, request.body.placeId);
      return reply.status(201).send(await readApplication(db, actor, id));
    },
  );

  app.get(
    '/demonstration/applications',
    { schema: { tags, querystring: ApplicationsQuerySchema, response: { 200: ApplicationsReplySchema } } },
    async (request) => {
      const rows = await listApplications(db, requireActor(request), request.query);
      return { items: rows.map(presentSummary) };
    },
  );

  app.get(
    '/demonstration/overview',
    { schema: { tags, querystring: OverviewQuerySchema, response: { 200: OverviewReplySchema } } },
    async (request) => readOverview(db, requireActor(request), request.query.schemeId),
  );

  app.get(
    '/demonstration/applications/:id',
    { schema: { tags, params: ApplicationParamsSchema, response: { 200: ApplicationViewSchema } } },
    async (request) => readApplication(db, requireActor(request), request.params.id),
  );

  app.put(
    '/demonstration/applications/:id',
    {
      schema: {
        tags,
        params: ApplicationParamsSchema,
        body: DraftBodySchema,
        response: { 200: ApplicationViewSchema },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      await saveDraft(db, actor, request.params.id, request.body);
      return readApplication(db, actor, request.params.id);
    },
  );

  app.post(
    '/demonstration/applications/:id/submit',
    { schema: { tags, params: ApplicationParamsSchema, response: { 200: ApplicationViewSchema } } },
    async (request) => {
      const actor = requireActor(request);
      await submitApplication(db, actor, request.params.id);
      return readApplication(db, actor, request.params.id);
    },
  );

  app.post(
    '/demonstration/applications/:id/recommend',
    {
      schema: { tags, params: ApplicationParamsSchema, body: NoteBodySchema, response: { 200: ApplicationViewSchema } },
    },
    async (request) => {
      const actor = requireActor(request);
      await recommendApplication(db, actor, request.params.id, request.body.note);
      return readApplication(db, actor, request.params.id);
    },
  );

  app.post(
    '/demonstration/applications/:id/return',
    {
      schema: {
        tags,
        params: ApplicationParamsSchema,
        body: ReasonBodySchema,
        response: { 200: ApplicationViewSchema },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      await returnApplication(db, actor, request.params.id, request.body.reason);
      return readApplication(db, actor, request.params.id);
    },
  );

  app.get(
    '/public/demonstration',
    { schema: { tags: ['public'], response: { 200: PublicDemonstrationSchema } } },
    async (_request, reply) =>
      reply.header('cache-control', 'public, max-age=60').send(await readPublicDemonstration(readDb)),
  );
};
