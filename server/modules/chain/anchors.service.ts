import { anchorMessage, buildAnchorTree, rootFromProof, type AnchorPoint } from '../../../domain/matters/chain-anchor';
import { todayInChina } from '../../calendar';
import type { Db, DbOrTx } from '../../db/client';
import type { AnchorKey } from './anchor-key';
import {
  anchorHeadsOf,
  anchorsBetween,
  currentHeads,
  hasAnchorOn,
  insertAnchor,
  insertAnchorHeads,
  lastAnchoredHeads,
  lockAnchors,
  unorderedAnchorHeadsOf,
  type HeadRow,
} from './anchors.repository';
import { clockNow } from '../../clock';
import { sha256 } from '../../hash';

/** Rows of head proofs written per INSERT. */
const BATCH = 1000;

export type AnchorSummary = { anchorId: number; day: string; root: string; matterCount: number; changed: number };

/**
 * 链锚: signs the Merkle root over every matter's (length, head) and stores it, with the head and
 * inclusion proof of each matter whose chain moved since its last anchor. `now` sets the China day.
 */
export async function anchorChains(db: Db, key: AnchorKey, now = clockNow()): Promise<AnchorSummary> {
  return db.transaction(async (tx) => {
    // One anchor at a time across app processes: the "changed since" comparison stays exact.
    await lockAnchors(tx);
    return anchorInTransaction(tx, key, now);
  });
}

async function anchorInTransaction(tx: DbOrTx, key: AnchorKey, now: Date): Promise<AnchorSummary> {
  const heads = await currentHeads(tx);
  const tree = buildAnchorTree(sha256, heads);
  const day = todayInChina(now);
  const matterCount = tree.heads.length;
  const signature = key.sign(anchorMessage({ day, root: tree.root, matterCount }));
  const anchorId = await insertAnchor(tx, {
    day,
    anchoredAt: now,
    root: tree.root,
    matterCount,
    signature,
    keyId: key.keyId,
  });
  const previous = await lastAnchoredHeads(tx);
  const changed = tree.heads
    .map((head, index) => ({ head, index }))
    .filter(({ head }) => {
      const before = previous.get(head.matterId);
      return !before || before.length !== head.length || before.head !== head.head;
    });
  for (let i = 0; i < changed.length; i += BATCH) {
    await insertAnchorHeads(
      tx,
      changed.slice(i, i + BATCH).map(({ head, index }) => ({
        anchorId,
        matterId: head.matterId,
        length: head.length,
        head: head.head,
        proof: tree.proofOf(index),
      })),
    );
  }
  return { anchorId, day, root: tree.root, matterCount, changed: changed.length };
}

/** The daily anchor (job): none if today's (China time) is already taken, by this or another process. */
export async function anchorDaily(db: Db, key: AnchorKey, now = clockNow()): Promise<AnchorSummary | null> {
  return db.transaction(async (tx) => {
    await lockAnchors(tx);
    return (await hasAnchorOn(tx, todayInChina(now))) ? null : anchorInTransaction(tx, key, now);
  });
}

/** Whether a head row reaches its anchor's root and the root carries this key's signature. */
function isAuthentic(key: AnchorKey, matterId: number, row: HeadRow): boolean {
  if (row.keyId !== key.keyId) return false;
  if (rootFromProof(sha256, { matterId, length: row.length, head: row.head }, row.proof) !== row.root) return false;
  return key.verify(anchorMessage(row), row.signature);
}

/** Every anchor's word on one matter, each checked against the key. */
export async function readAnchorPoints(db: DbOrTx, key: AnchorKey, matterId: number): Promise<AnchorPoint[]> {
  const rows = await anchorHeadsOf(db, matterId);
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
  const rows = await unorderedAnchorHeadsOf(db, matterId);
  return rows.map((row) => ({
    anchorId: row.anchorId,
    day: row.day,
    length: row.length,
    head: row.head,
    isAuthentic: true,
  }));
}

/** The anchors taken in one month (`YYYY-MM`, China days), oldest first: for the monthly bulletin. */
export async function readMonthAnchors(db: DbOrTx, month: string) {
  const [year, mon] = month.split('-').map(Number) as [number, number];
  const next = mon === 12 ? `${year + 1}-01-01` : `${year}-${String(mon + 1).padStart(2, '0')}-01`;
  return anchorsBetween(db, `${month}-01`, next);
}
