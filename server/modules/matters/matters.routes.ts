import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import path from 'node:path';
import type { AppDeps } from '../../deps';
import { requireActor } from '../../plugins/session';
import { LocalFolderStorage } from '../../storage';
import { readPhotoForm, uploadedPhotos } from './matter-photos';
import {
  AcceptBodySchema,
  DeclineBodySchema,
  EscalateBodySchema,
  GovernancesBodySchema,
  GovernancesReplySchema,
  MatterIdReplySchema,
  CommunityListReplySchema,
  CommunityQuerySchema,
  ListQuerySchema,
  MatterListReplySchema,
  MatterPageReplySchema,
  MatterViewSchema,
  MergeBodySchema,
  RaiseBodySchema,
  SimilarQuerySchema,
  SimilarReplySchema,
  SupportReplySchema,
} from '../../../contracts/matters';
import { MatterParamsSchema } from '../../../contracts/common';
import {
  acceptMatter,
  declineMatter,
  escalateMatter,
  mergeMatter,
  supportMatter,
  tagGovernances,
} from './matters.service';
import { listMatters, presentMatter, readMatterPage } from './matters.queries';
import { listCommunityMatters } from './matters-community.queries';
import { findSimilarMatters, raiseMatter } from './raise.service';

const tags = ['matters'];

/** A raise sent as multipart/form-data: its text fields, typed as the JSON body would be. */
const raiseFields = readPhotoForm((fields) => ({
  ...fields,
  placeId: Number(fields.placeId),
  onBehalfOfResidentId: fields.onBehalfOfResidentId?.trim() ? Number(fields.onBehalfOfResidentId) : undefined,
}));

export const matterRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db } = deps;
  const storage = new LocalFolderStorage(path.join(deps.config.dataDir, 'files'));

  app.post(
    '/matters',
    // JSON, or multipart/form-data with the same fields and up to nine `photos`.
    { schema: { tags, body: RaiseBodySchema, response: { 201: MatterViewSchema } }, preValidation: raiseFields },
    async (request, reply) => {
      const items = uploadedPhotos(request);
      const matter = await raiseMatter(db, requireActor(request), request.body, { storage, items });
      return reply.status(201).send(presentMatter(matter, false));
    },
  );

  app.get(
    '/matters/similar',
    { schema: { tags, querystring: SimilarQuerySchema, response: { 200: SimilarReplySchema } } },
    async (request) => ({
      items: await findSimilarMatters(db, requireActor(request), request.query.placeId, request.query.title),
    }),
  );

  app.get(
    '/matters',
    { schema: { tags, querystring: ListQuerySchema, response: { 200: MatterListReplySchema } } },
    async (request) => listMatters(db, requireActor(request), request.query),
  );

  app.get(
    '/matters/community',
    { schema: { tags, querystring: CommunityQuerySchema, response: { 200: CommunityListReplySchema } } },
    async (request) => listCommunityMatters(db, requireActor(request), request.query),
  );

  app.get(
    '/matters/:id',
    { schema: { tags, params: MatterParamsSchema, response: { 200: MatterPageReplySchema } } },
    async (request) => readMatterPage(db, requireActor(request), request.params.id),
  );

  app.post(
    '/matters/:id/supports',
    { schema: { tags, params: MatterParamsSchema, response: { 200: SupportReplySchema } } },
    async (request) => supportMatter(db, requireActor(request), request.params.id),
  );

  app.post(
    '/matters/:id/accept',
    { schema: { tags, params: MatterParamsSchema, body: AcceptBodySchema, response: { 200: MatterIdReplySchema } } },
    async (request) => acceptMatter(db, requireActor(request), request.params.id, request.body),
  );
  app.put(
    '/matters/:id/governances',
    {
      schema: {
        tags,
        params: MatterParamsSchema,
        body: GovernancesBodySchema,
        response: { 200: GovernancesReplySchema },
      },
    },
    async (request) => tagGovernances(db, requireActor(request), request.params.id, request.body.governances),
  );
  app.post(
    '/matters/:id/decline',
    { schema: { tags, params: MatterParamsSchema, body: DeclineBodySchema, response: { 200: MatterIdReplySchema } } },
    async (request) => declineMatter(db, requireActor(request), request.params.id, request.body.reason),
  );
  app.post(
    '/matters/:id/merge',
    { schema: { tags, params: MatterParamsSchema, body: MergeBodySchema, response: { 200: MatterIdReplySchema } } },
    async (request) => mergeMatter(db, requireActor(request), request.params.id, request.body.intoMatterId),
  );
  app.post(
    '/matters/:id/escalate',
    { schema: { tags, params: MatterParamsSchema, body: EscalateBodySchema, response: { 200: MatterIdReplySchema } } },
    async (request) => escalateMatter(db, requireActor(request), request.params.id, request.body.reason),
  );
};
