import { z } from 'zod';
import { stances, type Stance } from '../domain/matters/stances';
import { idField, idParam } from './common';

/** 云议事: comments with stances on a matter, and their moderation. */

export type { Stance };

// TODO(contracts-a): use the shared matterParams from contracts/common.ts once it lands.
export const matterParamsSchema = z.object({ id: idParam });
export const commentParamsSchema = z.object({ id: idParam });

export const createCommentBodySchema = z.object({
  body: z.string().trim().min(1).max(2000),
  stance: z.enum(stances),
  parentId: idField.optional(),
});
export type CreateCommentBody = z.infer<typeof createCommentBodySchema>;

export const hideCommentBodySchema = z.object({ reason: z.string().trim().min(1).max(200) });

export const commentViewSchema = z.object({
  id: z.number(),
  parentId: z.number().nullable(),
  author: z.string(),
  isMine: z.boolean(),
  stance: z.enum(stances),
  /** For non-staff a hidden comment's body reads "已隐藏：<reason>". */
  body: z.string(),
  isHidden: z.boolean(),
  hiddenReason: z.string().nullable(),
  createdAt: z.string(),
});
export type CommentView = z.infer<typeof commentViewSchema>;
export type Comment = CommentView;

export const hiddenReplySchema = z.object({ id: z.number(), isHidden: z.boolean(), hiddenReason: z.string() });
export type HiddenReply = z.infer<typeof hiddenReplySchema>;

export const commentsReplySchema = z.object({
  items: z.array(commentViewSchema),
  counts: z.object({ for: z.number(), against: z.number(), neutral: z.number() }),
  abilities: z.object({ 'matter.discuss': z.boolean(), 'matter.moderate': z.boolean() }),
});
export type CommentList = z.infer<typeof commentsReplySchema>;
