import { z } from 'zod';
import { resolutionBases } from '../domain/matters/resolutions';
import { PersonLabelSchema, idField, idParam } from './common';

/** 协商结果: the resolution, its confirmations, objections and answers. */

export const ObjectionParamsSchema = z.object({ id: idParam });

export { resolutionBases, type ResolutionBasis } from '../domain/matters/resolutions';

export const DraftResolutionBodySchema = z
  .object({
    body: z.string().trim().min(1).max(5000),
    basis: z.enum(resolutionBases),
    meetingId: idField.optional(),
    ballotId: idField.optional(),
    objectionDays: z.number().int().min(1).max(30),
  })
  .refine((b) => b.basis !== 'ballot' || b.ballotId !== undefined, {
    path: ['ballotId'],
    message: 'resolution.ballot_required',
  });
export type DraftResolutionBody = z.infer<typeof DraftResolutionBodySchema>;

export const ObjectionBodySchema = z.object({ body: z.string().trim().min(1).max(2000) });
export const AnswerBodySchema = z.object({ answer: z.string().trim().min(1).max(2000) });

export const ObjectionViewSchema = z.object({
  id: z.number(),
  author: PersonLabelSchema,
  isMine: z.boolean(),
  body: z.string(),
  answer: z.string().nullable(),
  answeredAt: z.string().nullable(),
  createdAt: z.string(),
});
export type Objection = z.infer<typeof ObjectionViewSchema>;
export const ResolutionViewSchema = z.object({
  id: z.number(),
  matterId: z.number(),
  body: z.string(),
  basis: z.enum(resolutionBases),
  meetingId: z.number().nullable(),
  ballotId: z.number().nullable(),
  objectionEndsAt: z.string(),
  isObjectionWindowOpen: z.boolean(),
  createdAt: z.string(),
});
export type Resolution = z.infer<typeof ResolutionViewSchema>;
export const ResolutionDetailReplySchema = z.object({
  resolution: ResolutionViewSchema.nullable(),
  confirmations: z.array(z.object({ person: PersonLabelSchema, at: z.string() })),
  confirmedByMe: z.boolean(),
  objections: z.array(ObjectionViewSchema),
});
export type ResolutionDetail = z.infer<typeof ResolutionDetailReplySchema>;
export const ObjectionReplySchema = z.object({ id: z.number(), body: z.string(), createdAt: z.string() });
export type ObjectionReply = z.infer<typeof ObjectionReplySchema>;
export const AnswerReplySchema = z.object({ id: z.number(), answer: z.string(), answeredAt: z.string() });
export type AnswerReply = z.infer<typeof AnswerReplySchema>;
export const ConfirmReplySchema = z.object({ confirmed: z.boolean(), at: z.string() });
export type ConfirmReply = z.infer<typeof ConfirmReplySchema>;
