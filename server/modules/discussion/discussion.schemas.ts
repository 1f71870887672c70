import { z } from 'zod';
import { idField, idParam } from '../../../contracts/common';

export const stances = ['for', 'against', 'neutral'] as const;

export const matterParams = z.object({ id: idParam });
export const commentParams = z.object({ id: idParam });

export const createCommentBody = z.object({
  body: z.string().trim().min(1).max(2000),
  stance: z.enum(stances),
  parentId: idField.optional(),
});
export type CreateCommentBody = z.infer<typeof createCommentBody>;

export const hideCommentBody = z.object({ reason: z.string().trim().min(1).max(200) });

export const commentView = z.object({
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
export type CommentView = z.infer<typeof commentView>;

export const commentsReply = z.object({
  items: z.array(commentView),
  counts: z.object({ for: z.number(), against: z.number(), neutral: z.number() }),
  abilities: z.object({ 'matter.discuss': z.boolean(), 'matter.moderate': z.boolean() }),
});
