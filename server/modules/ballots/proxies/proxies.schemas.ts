import { z } from 'zod';
import { proxyStatuses } from '../../../../domain/voting';
import { idField, idParam } from '../../../../contracts/common';

export const ballotParams = z.object({ id: idParam });
export const proxyParams = z.object({ id: idParam });

/** The choice part of a vote body: `{ choice }` (yes/no, consent) or `{ optionIds }` (approval, ranked). */
export const choiceFields = {
  choice: z.enum(['for', 'against', 'abstain']).optional(),
  optionIds: z.array(idField).min(1).max(20).optional(),
};

/**
 * The text fields of the multipart registration (the `letter` file is read aside). The proxy is named
 * by account id or, as staff at a desk know them, by mobile number (`proxyPhone`).
 */
export const registerProxyBody = z.object({
  principalElectorId: idField,
  proxyAccountId: idField.optional(),
  proxyPhone: z
    .string()
    .trim()
    .regex(/^1\d{10}$/)
    .optional(),
});
export type RegisterProxyBody = z.infer<typeof registerProxyBody>;

export const proxyView = z.object({
  id: z.number(),
  principal: z.object({ electorId: z.number(), label: z.string() }),
  proxyName: z.string(),
  status: z.enum(proxyStatuses),
  hasVoted: z.boolean(),
  createdAt: z.string(),
});
export type ProxyView = z.infer<typeof proxyView>;

export const proxyListReply = z.object({ items: z.array(proxyView) });
export const revokeReply = z.object({ id: z.number(), status: z.literal('revoked') });

export const proxyVoteBody = z.object({
  principalElectorId: idField,
  ...choiceFields,
  /** Secret ballots that allow changes: the receipt of the proxy's earlier vote. */
  receipt: z.string().trim().min(1).max(40).optional(),
});
export type ProxyVoteBody = z.infer<typeof proxyVoteBody>;

export const castReply = z.object({
  receipt: z.string(),
  channel: z.enum(['proxy', 'assisted']),
  castAt: z.string(),
});
