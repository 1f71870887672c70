import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../deps';
import { requireActor } from '../../plugins/session';
import {
  commentParams,
  commentView,
  commentsReply,
  createCommentBody,
  hideCommentBody,
  matterParams,
} from './discussion.schemas';
import { hideComment, listComments, postComment } from './discussion.service';

const tags = ['discussion'];
const hiddenReply = z.object({ id: z.number(), isHidden: z.boolean(), hiddenReason: z.string() });

/** 云议事: /api/matters/:id/comments and moderation at /api/comments/:id/hide. */
export const discussionRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db } = deps;

  app.get(
    '/matters/:id/comments',
    { schema: { tags, params: matterParams, response: { 200: commentsReply } } },
    async (request) => listComments(db, requireActor(request), request.params.id),
  );

  app.post(
    '/matters/:id/comments',
    { schema: { tags, params: matterParams, body: createCommentBody, response: { 201: commentView } } },
    async (request, reply) => {
      const comment = await postComment(db, requireActor(request), request.params.id, request.body);
      return reply.status(201).send(comment);
    },
  );

  app.post(
    '/comments/:id/hide',
    { schema: { tags, params: commentParams, body: hideCommentBody, response: { 200: hiddenReply } } },
    async (request) => hideComment(db, requireActor(request), request.params.id, request.body.reason),
  );
};
