import { z } from 'zod';
import { proxyLifecycle, proxyStatuses } from '../domain/voting/proxy-status';
import { onBehalfChannels, yesNoChoices } from '../domain/voting/rules';
import { idField, idParam } from './common';

/** 委托代投: proxies staff register for electors, and the votes proxies cast for them. */

export const ProxyParamsSchema = z.object({ id: idParam });

/** The choice part of a vote body: `{ choice }` (yes/no, consent) or `{ optionIds }` (approval, ranked). */
export const choiceFields = {
  choice: z.enum(yesNoChoices).optional(),
  optionIds: z.array(idField).min(1).max(20).optional(),
};

/**
 * The text fields of the multipart registration (the `letter` file is read aside). The proxy is named
 * by account id or, as staff at a desk know them, by mobile number (`proxyPhone`).
 */
export const RegisterProxyBodySchema = z.object({
  principalElectorId: idField,
  proxyAccountId: idField.optional(),
  proxyPhone: z
    .string()
    .trim()
    .regex(/^1\d{10}$/)
    .optional(),
});
export type RegisterProxyBody = z.infer<typeof RegisterProxyBodySchema>;

export const ProxyViewSchema = z.object({
  id: z.number(),
  principal: z.object({ electorId: z.number(), label: z.string() }),
  proxyName: z.string(),
  status: z.enum(proxyStatuses),
  hasVoted: z.boolean(),
  createdAt: z.string(),
});
export type ProxyView = z.infer<typeof ProxyViewSchema>;

export const ProxyListReplySchema = z.object({ items: z.array(ProxyViewSchema) });
export type ProxyList = z.infer<typeof ProxyListReplySchema>;
export const RevokeReplySchema = z.object({ id: z.number(), status: z.literal(proxyLifecycle.state.revoked) });
export type RevokeReply = z.infer<typeof RevokeReplySchema>;

export const ProxyVoteBodySchema = z.object({
  principalElectorId: idField,
  ...choiceFields,
  /** Secret ballots that allow changes: the receipt of the proxy's earlier vote. */
  receipt: z.string().trim().min(1).max(40).optional(),
});
export type ProxyVoteBody = z.infer<typeof ProxyVoteBodySchema>;

/** A vote cast for someone else: by their proxy, or entered by staff (assisted). */
export const CastReplySchema = z.object({
  receipt: z.string(),
  channel: z.enum(onBehalfChannels),
  castAt: z.string(),
});
export type CastReply = z.infer<typeof CastReplySchema>;
