import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../deps';
import { requireActor } from '../../plugins/session';
import {
  commentParamsSchema,
  commentViewSchema,
  commentsReplySchema,
  createCommentBodySchema,
  hiddenReplySchema,
  hideCommentBodySchema,
  matterParamsSchema,
} from '../../../contracts/discussion';
import { hideComment, listComments, postComment } from './discussion.service';

const tags = ['discussion'];

/** 云议事: /api/matters/:id/comments and moderation at /api/comments/:id/hide. */
export const discussionRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db } = deps;

  app.get(
    '/matters/:id/comments',
    { schema: { tags, params: matterParamsSchema, response: { 200: commentsReplySchema } } },
    async (request) => listComments(db, requireActor(request), request.params.id),
  );

  app.post(
    '/matters/:id/comments',
    {
      schema: { tags, params: matterParamsSchema, body: createCommentBodySchema, response: { 201: commentViewSchema } },
    },
    async (request, reply) => {
      const comment = await postComment(db, requireActor(request), request.params.id, request.body);
      return reply.status(201).send(comment);
    },
  );

  app.post(
    '/comments/:id/hide',
    {
      schema: { tags, params: commentParamsSchema, body: hideCommentBodySchema, response: { 200: hiddenReplySchema } },
    },
    async (request) => hideComment(db, requireActor(request), request.params.id, request.body.reason),
  );
};
