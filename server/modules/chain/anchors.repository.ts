import { and, asc, desc, eq, gte, lt, sql } from 'drizzle-orm';
import type { AnchoredHead, ProofStep } from '../../../domain/matters/chain-anchor';
import type { DbOrTx } from '../../db/client';
import { chainAnchorHeads, chainAnchors, matterEvents } from '../../db/schema';

/** Every matter's chain length and head now, in one statement (one snapshot). */
export async function currentHeads(db: DbOrTx): Promise<AnchoredHead[]> {
  const { rows } = await db.execute<{ matter_id: number; length: number; head: string }>(sql`
    select distinct on (matter_id) matter_id, seq as length, hash as head
      from ${matterEvents} order by matter_id, seq desc`);
  return rows.map((r) => ({ matterId: r.matter_id, length: r.length, head: r.head }));
}

/** Each matter's head in its latest anchor. */
export async function lastAnchoredHeads(db: DbOrTx): Promise<Map<number, { length: number; head: string }>> {
  const { rows } = await db.execute<{ matter_id: number; length: number; head: string }>(sql`
    select distinct on (matter_id) matter_id, length, head
      from ${chainAnchorHeads} order by matter_id, anchor_id desc`);
  return new Map(rows.map((r) => [r.matter_id, { length: r.length, head: r.head }]));
}

/** Takes the anchors' transaction-scoped advisory lock: one anchor at a time across app processes. */
export async function lockAnchors(tx: DbOrTx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('chain_anchors'))`);
}

/** Inserts a signed anchor; its id. */
export async function insertAnchor(tx: DbOrTx, values: typeof chainAnchors.$inferInsert): Promise<number> {
  const [anchor] = await tx.insert(chainAnchors).values(values).returning({ id: chainAnchors.id });
  return anchor!.id;
}

/** Inserts head proofs of one anchor in one statement. */
export async function insertAnchorHeads(tx: DbOrTx, rows: (typeof chainAnchorHeads.$inferInsert)[]): Promise<void> {
  await tx.insert(chainAnchorHeads).values(rows);
}

/** Whether an anchor was already taken on this (China) day. */
export async function hasAnchorOn(tx: DbOrTx, day: string): Promise<boolean> {
  const [taken] = await tx.select({ id: chainAnchors.id }).from(chainAnchors).where(eq(chainAnchors.day, day)).limit(1);
  return taken !== undefined;
}

export type HeadRow = {
  anchorId: number;
  day: string;
  root: string;
  matterCount: number;
  signature: string;
  keyId: string;
  length: number;
  head: string;
  proof: ProofStep[];
};

const headColumns = {
  anchorId: chainAnchors.id,
  day: chainAnchors.day,
  root: chainAnchors.root,
  matterCount: chainAnchors.matterCount,
  signature: chainAnchors.signature,
  keyId: chainAnchors.keyId,
  length: chainAnchorHeads.length,
  head: chainAnchorHeads.head,
  proof: chainAnchorHeads.proof,
};

/** Every anchor's head row for one matter, oldest anchor first. */
export async function anchorHeadsOf(db: DbOrTx, matterId: number): Promise<HeadRow[]> {
  return db
    .select(headColumns)
    .from(chainAnchorHeads)
    .innerJoin(chainAnchors, eq(chainAnchors.id, chainAnchorHeads.anchorId))
    .where(eq(chainAnchorHeads.matterId, matterId))
    .orderBy(asc(chainAnchors.id));
}

/** Every anchor's head row for one matter, in no particular order. */
export async function unorderedAnchorHeadsOf(db: DbOrTx, matterId: number): Promise<HeadRow[]> {
  return db
    .select(headColumns)
    .from(chainAnchorHeads)
    .innerJoin(chainAnchors, eq(chainAnchors.id, chainAnchorHeads.anchorId))
    .where(eq(chainAnchorHeads.matterId, matterId));
}

/**
 * The matter's latest anchor with everything anyone needs to check it without us: the head, the
 * proof up to the root, the root's signature and the id of the key (GET /api/public/anchor-key).
 */
export async function readLatestAnchor(db: DbOrTx, matterId: number): Promise<HeadRow | null> {
  const [row] = await db
    .select(headColumns)
    .from(chainAnchorHeads)
    .innerJoin(chainAnchors, eq(chainAnchors.id, chainAnchorHeads.anchorId))
    .where(eq(chainAnchorHeads.matterId, matterId))
    .orderBy(desc(chainAnchors.id))
    .limit(1);
  return row ?? null;
}

/** The anchors of the days in [`from`, `before`), oldest first. */
export async function anchorsBetween(db: DbOrTx, from: string, before: string) {
  return db
    .select({
      day: chainAnchors.day,
      root: chainAnchors.root,
      matterCount: chainAnchors.matterCount,
      signature: chainAnchors.signature,
      keyId: chainAnchors.keyId,
    })
    .from(chainAnchors)
    .where(and(gte(chainAnchors.day, from), lt(chainAnchors.day, before)))
    .orderBy(asc(chainAnchors.day), asc(chainAnchors.id));
}
