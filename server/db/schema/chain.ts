import { date, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import type { ProofStep } from '../../../domain/matters/chain-anchor';
import { matters } from './matters';

/**
 * 链锚: a signed Merkle root over every matter's chain length and head at one moment (daily, and on
 * demand). The signing key lives outside the database, so rows here cannot be forged from inside it.
 */
export const chainAnchors = pgTable(
  'chain_anchors',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    /** China date the anchor was taken. */
    day: date('day', { mode: 'string' }).notNull(),
    anchoredAt: timestamp('anchored_at', { withTimezone: true }).notNull().defaultNow(),
    root: text('root').notNull(),
    matterCount: integer('matter_count').notNull(),
    /** Ed25519 signature of `anchorMessage(day, root, matterCount)`, base64. */
    signature: text('signature').notNull(),
    /** First 16 hex digits of SHA-256 over the public key (SPKI DER). */
    keyId: text('key_id').notNull(),
  },
  (t) => [index('chain_anchors_day_idx').on(t.day)],
);

/**
 * One matter's head in one anchor, with its inclusion proof. Written only when the head changed since
 * the matter's previous anchor; the root covers every matter either way.
 */
export const chainAnchorHeads = pgTable(
  'chain_anchor_heads',
  {
    anchorId: integer('anchor_id')
      .notNull()
      .references(() => chainAnchors.id),
    matterId: integer('matter_id')
      .notNull()
      .references(() => matters.id),
    length: integer('length').notNull(),
    head: text('head').notNull(),
    proof: jsonb('proof').$type<ProofStep[]>().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.anchorId, t.matterId] }),
    index('chain_anchor_heads_matter_idx').on(t.matterId, t.anchorId),
  ],
);
