import type { ChainEntry } from '../../../domain/matters/audit-chain';
import { compareWithAnchors } from '../../../domain/matters/chain-anchor';
import { reportChain, type ChainReport } from '../../../domain/matters/chain-report';
import { compareTexts, latestTextDigests } from '../../../domain/matters/chain-texts';
import type { DbOrTx } from '../../db/client';
import { readMatterChain, verifyChainEntries } from '../matters';
import type { AnchorKey } from './anchor-key';
import { readAnchorPoints, readStoredAnchorPoints } from './anchors.service';
import { readCurrentTexts } from './chain-texts.repository';
import { sha256 } from '../../hash';

/** The full check of entries already read: links, every anchor of the matter, and the texts stored now. */
export async function reportChainEntries(
  db: DbOrTx,
  key: AnchorKey,
  matterId: number,
  entries: readonly ChainEntry[],
): Promise<ChainReport> {
  const latest = latestTextDigests(entries);
  const points = await readAnchorPoints(db, key, matterId);
  const current = await readCurrentTexts(db, latest.keys());
  return reportChain(
    verifyChainEntries(entries),
    compareWithAnchors(entries, points),
    compareTexts(sha256, latest, current),
  );
}

/**
 * 校验: recomputes every link, compares the chain with what the signed anchors say of its length and
 * head (truncated, rewritten) and every covered text with its digest; names the first entry at fault.
 */
export async function reportMatterChain(db: DbOrTx, key: AnchorKey, matterId: number): Promise<ChainReport> {
  return reportChainEntries(db, key, matterId, await readMatterChain(db, matterId));
}

/**
 * The check before 归档 (sealing), inside the archive command's transaction: links, covered texts,
 * and the anchors as stored. It needs no key: an anchor can only make the seal refuse, so one
 * forged in the database could block a seal but never let a cut or rewritten chain be sealed.
 */
export async function checkChainBeforeSeal(
  db: DbOrTx,
  matterId: number,
  entries: readonly ChainEntry[],
): Promise<ChainReport> {
  const latest = latestTextDigests(entries);
  const points = await readStoredAnchorPoints(db, matterId);
  const current = await readCurrentTexts(db, latest.keys());
  return reportChain(
    verifyChainEntries(entries),
    compareWithAnchors(entries, points),
    compareTexts(sha256, latest, current),
  );
}
