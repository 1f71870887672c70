import { z } from 'zod';
import { stances, type Stance } from '../domain/matters/stances';
import { PersonLabelSchema, abilitiesSchema, idField, idParam } from './common';

/** 云议事: comments with stances on a matter, and their moderation. */

export type { Stance };

export const CommentParamsSchema = z.object({ id: idParam });

export const CreateCommentBodySchema = z.object({
  body: z.string().trim().min(1).max(2000),
  stance: z.enum(stances),
  parentId: idField.optional(),
});
export type CreateCommentBody = z.infer<typeof CreateCommentBodySchema>;

export const HideCommentBodySchema = z.object({ reason: z.string().trim().min(1).max(200) });

export const CommentViewSchema = z.object({
  id: z.number(),
  parentId: z.number().nullable(),
  author: PersonLabelSchema,
  isMine: z.boolean(),
  stance: z.enum(stances),
  /** Empty for non-staff when the comment is hidden: they read its hiddenReason instead. */
  body: z.string(),
  isHidden: z.boolean(),
  hiddenReason: z.string().nullable(),
  createdAt: z.string(),
});
export type CommentView = z.infer<typeof CommentViewSchema>;
export type Comment = CommentView;

export const HiddenReplySchema = z.object({ id: z.number(), isHidden: z.boolean(), hiddenReason: z.string() });
export type HiddenReply = z.infer<typeof HiddenReplySchema>;

export const CommentsReplySchema = z.object({
  items: z.array(CommentViewSchema),
  counts: z.object({ for: z.number(), against: z.number(), neutral: z.number() }),
  abilities: abilitiesSchema(['matter.discuss', 'matter.moderate']),
});
export type CommentList = z.infer<typeof CommentsReplySchema>;
