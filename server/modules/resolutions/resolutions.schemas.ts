import { z } from 'zod';
import { idField, idParam } from '../../../contracts/common';

export const matterParams = z.object({ id: idParam });
export const objectionParams = z.object({ id: idParam });

/**
 * A resolution rests on consensus at a meeting or on a ballot: a ballot basis names a closed ballot
 * of the same matter (checked by the service against the ballot engine).
 */
export const draftResolutionBody = z
  .object({
    body: z.string().trim().min(1).max(5000),
    basis: z.enum(['consensus', 'ballot']),
    meetingId: idField.optional(),
    ballotId: idField.optional(),
    objectionDays: z.number().int().min(1).max(30),
  })
  .refine((b) => b.basis !== 'ballot' || b.ballotId !== undefined, {
    path: ['ballotId'],
    message: 'resolution.ballot_required',
  });
export type DraftResolutionBody = z.infer<typeof draftResolutionBody>;

export const objectionBody = z.object({ body: z.string().trim().min(1).max(2000) });
export const answerBody = z.object({ answer: z.string().trim().min(1).max(2000) });

export const objectionView = z.object({
  id: z.number(),
  author: z.string(),
  isMine: z.boolean(),
  body: z.string(),
  answer: z.string().nullable(),
  answeredAt: z.string().nullable(),
  createdAt: z.string(),
});
export const resolutionView = z.object({
  id: z.number(),
  matterId: z.number(),
  body: z.string(),
  basis: z.enum(['consensus', 'ballot']),
  meetingId: z.number().nullable(),
  ballotId: z.number().nullable(),
  objectionEndsAt: z.string(),
  isObjectionWindowOpen: z.boolean(),
  createdAt: z.string(),
});
export const resolutionDetailReply = z.object({
  resolution: resolutionView.nullable(),
  confirmations: z.array(z.object({ name: z.string(), at: z.string() })),
  confirmedByMe: z.boolean(),
  objections: z.array(objectionView),
});
export const confirmReply = z.object({ confirmed: z.boolean(), at: z.string() });
export const statusReply = z.object({ id: z.number(), status: z.string() });
