import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../deps';
import { requireActor } from '../../plugins/session';
import { confirmPublicTextBody, matterParams, publicationReply } from './publication.schemas';
import { confirmPublicText, readPublication } from './publication.service';

const tags = ['publication'];

/** 公开文本: staff compare each text with its redacted version and confirm what the public sees. */
export const publicationRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db } = deps;

  app.get(
    '/matters/:id/public-texts',
    { schema: { tags, params: matterParams, response: { 200: publicationReply } } },
    async (request) => readPublication(db, requireActor(request), request.params.id),
  );

  app.post(
    '/matters/:id/public-texts',
    { schema: { tags, params: matterParams, body: confirmPublicTextBody, response: { 200: publicationReply } } },
    async (request) => {
      const actor = requireActor(request);
      await confirmPublicText(db, actor, request.params.id, request.body);
      return readPublication(db, actor, request.params.id);
    },
  );
};
