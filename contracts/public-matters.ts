import { z } from 'zod';
import { governances } from '../domain/governance/governances';
import { proofSides } from '../domain/matters/chain-anchor';
import { matterKinds, matterLevels } from '../domain/matters/taxonomy';
import { MatterStatusSchema } from './common';

/**
 * The public, redacted record of a decided matter (no login). Every object here is an allow-list:
 * fastify-type-provider-zod encodes replies through these schemas and `z.object` drops keys it does
 * not name, so a field added to the presenter is not published until it is added here.
 */

/** 链锚 as published: the anchored head and the proof up to the day's signed root. */
export const PublicAnchorSchema = z.object({
  day: z.string(),
  length: z.number().int(),
  head: z.string(),
  root: z.string(),
  matterCount: z.number().int(),
  signature: z.string(),
  keyId: z.string(),
  proof: z.array(z.object({ side: z.enum(proofSides), hash: z.string() })),
  matchesChain: z.boolean(),
});
export type PublicAnchor = z.infer<typeof PublicAnchorSchema>;

/** GET /api/public/matters/:id. */
export const PublicMatterSchema = z.object({
  id: z.number().int(),
  title: z.string(),
  // Stored as text (retired categories stay readable); the web labels it by key.
  category: z.string(),
  governances: z.array(z.enum(governances)),
  kind: z.enum(matterKinds),
  level: z.enum(matterLevels),
  trail: z.array(z.object({ kind: z.string(), name: z.string() })),
  status: MatterStatusSchema,
  step: z.number().int().nullable(),
  sealedAt: z.string().nullable(),
  timeline: z.array(z.object({ seq: z.number().int(), action: z.string(), at: z.string() })),
  minutes: z.array(
    z.object({
      meetingMode: z.string(),
      meetingStartsAt: z.string(),
      publishedAt: z.string().nullable(),
      body: z.string(),
    }),
  ),
  /** body is null until staff confirm the resolution's public text. */
  resolution: z.object({ body: z.string().nullable(), basis: z.string(), objectionEndsAt: z.string() }).nullable(),
  objections: z.object({
    count: z.number().int(),
    answers: z.array(z.object({ answer: z.string(), answeredAt: z.string().nullable() })),
  }),
  tasks: z.array(
    z.object({
      title: z.string(),
      dueOn: z.string(),
      status: z.string(),
      isOverdue: z.boolean(),
      percent: z.number(),
      notes: z.array(z.object({ note: z.string(), percent: z.number(), at: z.string() })),
    }),
  ),
  followUps: z.object({ count: z.number().int(), averageSatisfaction: z.number().nullable() }),
  evaluation: z.object({ outcome: z.string(), score: z.number(), isDisputeResolved: z.boolean() }).nullable(),
  chain: z.union([
    z.object({ isIntact: z.literal(true), length: z.number().int(), head: z.string().nullable() }),
    z.object({ isIntact: z.literal(false), length: z.number().int(), brokenAt: z.number().int(), reason: z.string() }),
  ]),
  /** The latest signed anchor of the matter's chain (null before the first). */
  anchor: PublicAnchorSchema.nullable(),
});
export type PublicMatter = z.infer<typeof PublicMatterSchema>;

/** GET /api/public/matters/:id/file.json: the page plus the chain's links (no payloads, no actors). */
export const PublicMatterFileSchema = PublicMatterSchema.extend({
  format: z.literal('yishi.public-matter-file/1'),
  exportedAt: z.string(),
  chainEntries: z.array(
    z.object({ seq: z.number().int(), action: z.string(), at: z.string(), prevHash: z.string(), hash: z.string() }),
  ),
});
