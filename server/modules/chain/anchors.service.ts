import { and, asc, desc, eq, gte, lt, sql } from 'drizzle-orm';
import {
  anchorMessage,
  buildAnchorTree,
  rootFromProof,
  type AnchorPoint,
  type AnchoredHead,
} from '../../../domain/matters/chain-anchor';
import { todayInChina } from '../../calendar';
import type { Db, DbOrTx } from '../../db/client';
import { chainAnchorHeads, chainAnchors, matterEvents } from '../../db/schema';
import type { AnchorKey } from './anchor-key';
import { clockNow } from '../../clock';
import { sha256 } from '../../hash';

/** Rows of head proofs written per INSERT. */
const BATCH = 1000;

/** Every matter's chain length and head now, in one statement (one snapshot). */
async function currentHeads(db: DbOrTx): Promise<AnchoredHead[]> {
  const { rows } = await db.execute<{ matter_id: number; length: number; head: string }>(sql`
    select distinct on (matter_id) matter_id, seq as length, hash as head
      from ${matterEvents} order by matter_id, seq desc`);
  return rows.map((r) => ({ matterId: r.matter_id, length: r.length, head: r.head }));
}

/** Each matter's head in its latest anchor. */
async function lastAnchoredHeads(db: DbOrTx): Promise<Map<number, { length: number; head: string }>> {
  const { rows } = await db.execute<{ matter_id: number; length: number; head: string }>(sql`
    select distinct on (matter_id) matter_id, length, head
      from ${chainAnchorHeads} order by matter_id, anchor_id desc`);
  return new Map(rows.map((r) => [r.matter_id, { length: r.length, head: r.head }]));
}

export type AnchorSummary = { anchorId: number; day: string; root: string; matterCount: number; changed: number };

/**
 * 链锚: signs the Merkle root over every matter's (length, head) and stores it, with the head and
 * inclusion proof of each matter whose chain moved since its last anchor. `now` sets the China day.
 */
export async function anchorChains(db: Db, key: AnchorKey, now = clockNow()): Promise<AnchorSummary> {
  return db.transaction(async (tx) => {
    // One anchor at a time across app processes: the "changed since" comparison stays exact.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('chain_anchors'))`);
    return anchorInTransaction(tx, key, now);
  });
}

async function anchorInTransaction(tx: DbOrTx, key: AnchorKey, now: Date): Promise<AnchorSummary> {
  const heads = await currentHeads(tx);
  const tree = buildAnchorTree(sha256, heads);
  const day = todayInChina(now);
  const matterCount = tree.heads.length;
  const signature = key.sign(anchorMessage({ day, root: tree.root, matterCount }));
  const [anchor] = await tx
    .insert(chainAnchors)
    .values({ day, anchoredAt: now, root: tree.root, matterCount, signature, keyId: key.keyId })
    .returning({ id: chainAnchors.id });
  const previous = await lastAnchoredHeads(tx);
  const changed = tree.heads
    .map((head, index) => ({ head, index }))
    .filter(({ head }) => {
      const before = previous.get(head.matterId);
      return !before || before.length !== head.length || before.head !== head.head;
    });
  for (let i = 0; i < changed.length; i += BATCH) {
    await tx.insert(chainAnchorHeads).values(
      changed.slice(i, i + BATCH).map(({ head, index }) => ({
        anchorId: anchor!.id,
        matterId: head.matterId,
        length: head.length,
        head: head.head,
        proof: tree.proofOf(index),
      })),
    );
  }
  return { anchorId: anchor!.id, day, root: tree.root, matterCount, changed: changed.length };
}

/** The daily anchor (job): none if today's (China time) is already taken, by this or another process. */
export async function anchorDaily(db: Db, key: AnchorKey, now = clockNow()): Promise<AnchorSummary | null> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('chain_anchors'))`);
    const [taken] = await tx
      .select({ id: chainAnchors.id })
      .from(chainAnchors)
      .where(eq(chainAnchors.day, todayInChina(now)))
      .limit(1);
    return taken ? null : anchorInTransaction(tx, key, now);
  });
}

type HeadRow = {
  anchorId: number;
  day: string;
  root: string;
  matterCount: number;
  signature: string;
  keyId: string;
  length: number;
  head: string;
  proof: { side: 'left' | 'right'; hash: string }[];
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

/** Whether a head row reaches its anchor's root and the root carries this key's signature. */
function isAuthentic(key: AnchorKey, matterId: number, row: HeadRow): boolean {
  if (row.keyId !== key.keyId) return false;
  if (rootFromProof(sha256, { matterId, length: row.length, head: row.head }, row.proof) !== row.root) return false;
  return key.verify(anchorMessage(row), row.signature);
}

/** Every anchor's word on one matter, each checked against the key. */
export async function readAnchorPoints(db: DbOrTx, key: AnchorKey, matterId: number): Promise<AnchorPoint[]> {
  const rows: HeadRow[] = await db
    .select(headColumns)
    .from(chainAnchorHeads)
    .innerJoin(chainAnchors, eq(chainAnchors.id, chainAnchorHeads.anchorId))
    .where(eq(chainAnchorHeads.matterId, matterId))
    .orderBy(asc(chainAnchors.id));
  return rows.map((row) => ({
    anchorId: row.anchorId,
    day: row.day,
    length: row.length,
    head: row.head,
    isAuthentic: isAuthentic(key, matterId, row),
  }));
}

/**
 * Every anchor's word on one matter taken as stored, without the key: for checks where an anchor can
 * only refuse (the archive seal), so a forged one could never make a cut chain pass.
 */
export async function readStoredAnchorPoints(db: DbOrTx, matterId: number): Promise<AnchorPoint[]> {
  const rows = await db
    .select(headColumns)
    .from(chainAnchorHeads)
    .innerJoin(chainAnchors, eq(chainAnchors.id, chainAnchorHeads.anchorId))
    .where(eq(chainAnchorHeads.matterId, matterId));
  return rows.map((row) => ({
    anchorId: row.anchorId,
    day: row.day,
    length: row.length,
    head: row.head,
    isAuthentic: true,
  }));
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

/** The anchors taken in one month (`YYYY-MM`, China days), oldest first: for the monthly bulletin. */
export async function readMonthAnchors(db: DbOrTx, month: string) {
  const [year, mon] = month.split('-').map(Number) as [number, number];
  const next = mon === 12 ? `${year + 1}-01-01` : `${year}-${String(mon + 1).padStart(2, '0')}-01`;
  return db
    .select({
      day: chainAnchors.day,
      root: chainAnchors.root,
      matterCount: chainAnchors.matterCount,
      signature: chainAnchors.signature,
      keyId: chainAnchors.keyId,
    })
    .from(chainAnchors)
    .where(and(gte(chainAnchors.day, `${month}-01`), lt(chainAnchors.day, next)))
    .orderBy(asc(chainAnchors.day), asc(chainAnchors.id));
}
