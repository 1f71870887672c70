import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../deps';
import { requireActor } from '../../plugins/session';
import { PlaceParamsSchema } from '../../../contracts/common';
import {
  AgentParamsSchema,
  AppointAgentBodySchema,
  CategoriesReplySchema,
  CategoryBodySchema,
  CategoryOrderBodySchema,
  CategoryParamsSchema,
  CoverageReplySchema,
  IdReplySchema,
  MyOrganisationsReplySchema,
  OrganisationBodySchema,
  OrganisationParamsSchema,
  OrganisationReplySchema,
  OrganisationsQuerySchema,
  OrganisationsReplySchema,
  RevokeAgentBodySchema,
  UpdateCategoryBodySchema,
  UpdateOrganisationBodySchema,
} from '../../../contracts/organisations';
import { appointAgent, readMyOrganisations, revokeAgent } from './agents.service';
import { addCategory, editCategory, readCategories, reorderCategories } from './categories.service';
import { readCoverage } from './coverage.service';
import { readOrganisation, readOrganisations, registerOrganisation, updateOrganisation } from './organisations.service';

const tags = ['organisations'];

/**
 * 社会组织: the city's "1+3+N" categories, the register of social organisations with the communities
 * they serve, their agents (联络人), and the coverage view of a city or town.
 */
export const organisationsRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db } = deps;

  app.get(
    '/places/:id/organisation-categories',
    { schema: { tags, params: PlaceParamsSchema, response: { 200: CategoriesReplySchema } } },
    async (request) => readCategories(db, requireActor(request), request.params.id),
  );
  app.post(
    '/places/:id/organisation-categories',
    { schema: { tags, params: PlaceParamsSchema, body: CategoryBodySchema, response: { 201: IdReplySchema } } },
    async (request, reply) =>
      reply.status(201).send(await addCategory(db, requireActor(request), request.params.id, request.body)),
  );
  app.post(
    '/places/:id/organisation-categories/order',
    { schema: { tags, params: PlaceParamsSchema, body: CategoryOrderBodySchema, response: { 200: IdReplySchema } } },
    async (request) => reorderCategories(db, requireActor(request), request.params.id, request.body.ids),
  );
  app.patch(
    '/organisation-categories/:id',
    {
      schema: { tags, params: CategoryParamsSchema, body: UpdateCategoryBodySchema, response: { 200: IdReplySchema } },
    },
    async (request) => editCategory(db, requireActor(request), request.params.id, request.body),
  );

  app.get(
    '/organisations',
    { schema: { tags, querystring: OrganisationsQuerySchema, response: { 200: OrganisationsReplySchema } } },
    async (request) => readOrganisations(db, requireActor(request), request.query),
  );
  app.get('/organisations/mine', { schema: { tags, response: { 200: MyOrganisationsReplySchema } } }, async (request) =>
    readMyOrganisations(db, requireActor(request)),
  );
  app.post(
    '/places/:id/organisations',
    { schema: { tags, params: PlaceParamsSchema, body: OrganisationBodySchema, response: { 201: IdReplySchema } } },
    async (request, reply) =>
      reply.status(201).send(await registerOrganisation(db, requireActor(request), request.params.id, request.body)),
  );
  app.get(
    '/organisations/:id',
    { schema: { tags, params: OrganisationParamsSchema, response: { 200: OrganisationReplySchema } } },
    async (request) => readOrganisation(db, requireActor(request), request.params.id),
  );
  app.patch(
    '/organisations/:id',
    {
      schema: {
        tags,
        params: OrganisationParamsSchema,
        body: UpdateOrganisationBodySchema,
        response: { 200: IdReplySchema },
      },
    },
    async (request) => updateOrganisation(db, requireActor(request), request.params.id, request.body),
  );
  app.post(
    '/organisations/:id/agents',
    {
      schema: {
        tags,
        params: OrganisationParamsSchema,
        body: AppointAgentBodySchema,
        response: { 201: IdReplySchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await appointAgent(db, requireActor(request), request.params.id, request.body.phone)),
  );
  app.delete(
    '/organisations/:id/agents/:accountId',
    { schema: { tags, params: AgentParamsSchema, body: RevokeAgentBodySchema, response: { 200: IdReplySchema } } },
    async (request) =>
      revokeAgent(db, requireActor(request), request.params.id, request.params.accountId, request.body.reason),
  );

  app.get(
    '/places/:id/organisation-coverage',
    { schema: { tags, params: PlaceParamsSchema, response: { 200: CoverageReplySchema } } },
    async (request) => readCoverage(db, requireActor(request), request.params.id),
  );
};
