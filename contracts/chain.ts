import { z } from 'zod';
import { chainFailures } from '../domain/matters/chain-report';
import { textMismatchStatuses } from '../domain/matters/chain-texts';

/** GET /api/matters/:id/chain: the verdict on a matter's chain (`domain/matters/chain-report`). */
const chainCommon = {
  length: z.number().int(),
  truncated: z.object({ atEntry: z.number().int(), anchoredLength: z.number().int(), day: z.string() }).nullable(),
  rewritten: z.object({ atEntry: z.number().int(), lastMatchingEntry: z.number().int(), day: z.string() }).nullable(),
  /** The latest anchor that vouches for this chain (null before the first anchor). */
  anchor: z.object({ day: z.string(), length: z.number().int(), head: z.string() }).nullable(),
  forgedAnchorDays: z.array(z.string()),
  textMismatches: z.array(
    z.object({
      kind: z.string(),
      id: z.number().int(),
      field: z.string(),
      seq: z.number().int(),
      status: z.enum(textMismatchStatuses),
    }),
  ),
};
export const ChainReportSchema = z.union([
  z.object({ ...chainCommon, isIntact: z.literal(true), head: z.string() }),
  z.object({
    ...chainCommon,
    isIntact: z.literal(false),
    brokenAt: z.number().int(),
    reason: z.enum(chainFailures),
  }),
]);
export type ChainReport = z.infer<typeof ChainReportSchema>;

/** GET /api/public/anchor-key (public): the anchors' verifying key and how an anchor is checked. */
export const AnchorKeySchema = z.object({
  algorithm: z.literal('Ed25519'),
  keyId: z.string(),
  publicKeyPem: z.string(),
  message: z.string(),
  leaf: z.string(),
  node: z.string(),
});
export type AnchorKey = z.infer<typeof AnchorKeySchema>;
