import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../deps';
import { requireActor } from '../../plugins/session';
import {
  CommentParamsSchema,
  CommentViewSchema,
  CommentsReplySchema,
  CreateCommentBodySchema,
  HiddenReplySchema,
  HideCommentBodySchema,
} from '../../../contracts/discussion';
import { MatterParamsSchema } from '../../../contracts/common';
import { hideComment, listComments, postComment } from './discussion.service';

const tags = ['discussion'];

/** 云议事: /api/matters/:id/comments and moderation at /api/comments/:id/hide. */
export const discussionRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db } = deps;

  app.get(
    '/matters/:id/comments',
    { schema: { tags, params: MatterParamsSchema, response: { 200: CommentsReplySchema } } },
    async (request) => listComments(db, requireActor(request), request.params.id),
  );

  app.post(
    '/matters/:id/comments',
    {
      schema: { tags, params: MatterParamsSchema, body: CreateCommentBodySchema, response: { 201: CommentViewSchema } },
    },
    async (request, reply) => {
      const comment = await postComment(db, requireActor(request), request.params.id, request.body);
      return reply.status(201).send(comment);
    },
  );

  app.post(
    '/comments/:id/hide',
    {
      schema: { tags, params: CommentParamsSchema, body: HideCommentBodySchema, response: { 200: HiddenReplySchema } },
    },
    async (request) => hideComment(db, requireActor(request), request.params.id, request.body.reason),
  );
};
