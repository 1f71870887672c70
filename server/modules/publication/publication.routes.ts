import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../deps';
import { requireActor } from '../../plugins/session';
import { ConfirmPublicTextBodySchema, PublicationReplySchema } from '../../../contracts/publication';
import { MatterParamsSchema } from '../../../contracts/common';
import { confirmPublicText, readPublication } from './publication.service';

const tags = ['publication'];

/** 公开文本: staff compare each text with its redacted version and confirm what the public sees. */
export const publicationRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db } = deps;

  app.get(
    '/matters/:id/public-texts',
    { schema: { tags, params: MatterParamsSchema, response: { 200: PublicationReplySchema } } },
    async (request) => readPublication(db, requireActor(request), request.params.id),
  );

  app.post(
    '/matters/:id/public-texts',
    {
      schema: {
        tags,
        params: MatterParamsSchema,
        body: ConfirmPublicTextBodySchema,
        response: { 200: PublicationReplySchema },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      await confirmPublicText(db, actor, request.params.id, request.body);
      return readPublication(db, actor, request.params.id);
    },
  );
};
