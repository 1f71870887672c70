/**
 * One verdict on a matter's chain from its links, its anchors and its texts: intact only when all
 * three hold. A failed verdict names the first entry at fault and why.
 */
import { linkFailures, type ChainVerdict } from './audit-chain';
import type { AnchorFinding } from './chain-anchor';
import type { TextMismatch } from './chain-texts';

/** Why a chain fails: its links (audit-chain), its anchors (truncated, rewritten, forged) or its texts. */
export const chainFailures = [...linkFailures, 'truncated', 'rewritten', 'text_altered', 'anchor_forged'] as const;
export type ChainFailure = (typeof chainFailures)[number];

export type ChainReport = {
  length: number;
  truncated: AnchorFinding['truncated'];
  rewritten: AnchorFinding['rewritten'];
  /** The latest anchor that vouches for this chain (null before the first anchor). */
  anchor: AnchorFinding['latest'];
  forgedAnchorDays: string[];
  textMismatches: TextMismatch[];
} & ({ isIntact: true; head: string } | { isIntact: false; brokenAt: number; reason: ChainFailure });

/**
 * Joins the three checks. The entry named is the earliest: a broken link or payload first (its own
 * reason), then a truncation or rewrite against the anchors, then a text that no longer matches.
 */
export function reportChain(links: ChainVerdict, anchors: AnchorFinding, texts: readonly TextMismatch[]): ChainReport {
  const common = {
    length: links.length,
    truncated: anchors.truncated,
    // A rewrite shows only where the links still hold; a link broken earlier is the finding then.
    rewritten:
      anchors.rewritten && (links.isIntact || links.brokenAt > anchors.rewritten.atEntry) ? anchors.rewritten : null,
    anchor: anchors.latest,
    forgedAnchorDays: anchors.forgedDays,
    textMismatches: [...texts],
  };
  const failures: { at: number; reason: ChainFailure }[] = [];
  if (!links.isIntact) failures.push({ at: links.brokenAt, reason: links.reason });
  if (common.rewritten) failures.push({ at: common.rewritten.atEntry, reason: 'rewritten' });
  if (anchors.truncated) failures.push({ at: anchors.truncated.atEntry, reason: 'truncated' });
  if (texts.length > 0) failures.push({ at: texts[0]!.seq, reason: 'text_altered' });
  // Altered anchor records say nothing of where the chain fails: named only when nothing else is.
  if (failures.length === 0 && anchors.forgedDays.length > 0)
    failures.push({ at: Math.max(links.length, 1), reason: 'anchor_forged' });
  const first = failures.sort((a, b) => a.at - b.at)[0];
  if (first) return { ...common, isIntact: false, brokenAt: first.at, reason: first.reason };
  return { ...common, isIntact: true, head: (links as Extract<ChainVerdict, { isIntact: true }>).head };
}
