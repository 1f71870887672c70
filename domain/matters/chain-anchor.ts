/**
 * Anchors hold every matter's chain outside the chain: each day the (matter, length, head) of every
 * chain goes into a Merkle tree whose root is signed with a key kept outside the database and
 * published. A chain cut short or recomputed afterwards no longer reaches what was published.
 * Hash and signature functions are passed in so the domain stays free of I/O.
 */
import type { ChainEntry, Hash } from './audit-chain';

/** One chain's state as an anchor records it. */
export type AnchoredHead = { matterId: number; length: number; head: string };

/** One step of an inclusion proof: the sibling hash and on which side (left or right) it sits. */
export const proofSides = ['left', 'right'] as const;
export type ProofStep = { side: (typeof proofSides)[number]; hash: string };

const EMPTY_ROOT_INPUT = 'yishi.anchor-empty/1';

/** The leaf of one matter's head: its id, length and head, domain-separated from inner nodes. */
export function anchorLeaf(hash: Hash, head: AnchoredHead): string {
  return hash(`yishi.anchor-leaf/1|${head.matterId}|${head.length}|${head.head}`);
}

function parent(hash: Hash, left: string, right: string): string {
  return hash(`yishi.anchor-node/1|${left}|${right}`);
}

/** Heads in the tree's order: by matter id, one per matter. */
export function sortHeads(heads: readonly AnchoredHead[]): AnchoredHead[] {
  return [...heads].sort((a, b) => a.matterId - b.matterId);
}

/** Every level of the tree, leaves first; an odd last node goes up unchanged. */
function levels(hash: Hash, leaves: readonly string[]): string[][] {
  const all: string[][] = [[...leaves]];
  while (all.at(-1)!.length > 1) {
    const below = all.at(-1)!;
    const above: string[] = [];
    for (let i = 0; i < below.length; i += 2) {
      above.push(i + 1 < below.length ? parent(hash, below[i]!, below[i + 1]!) : below[i]!);
    }
    all.push(above);
  }
  return all;
}

/** The Merkle tree of a day's heads: its root and each matter's inclusion proof. */
export function buildAnchorTree(hash: Hash, heads: readonly AnchoredHead[]) {
  const sorted = sortHeads(heads);
  if (sorted.length === 0) return { root: hash(EMPTY_ROOT_INPUT), heads: sorted, proofOf: () => [] as ProofStep[] };
  const tree = levels(
    hash,
    sorted.map((h) => anchorLeaf(hash, h)),
  );
  const proofOf = (index: number): ProofStep[] => {
    const proof: ProofStep[] = [];
    let i = index;
    for (const level of tree.slice(0, -1)) {
      const sibling = i % 2 === 0 ? i + 1 : i - 1;
      if (sibling < level.length) proof.push({ side: i % 2 === 0 ? 'right' : 'left', hash: level[sibling]! });
      i = Math.floor(i / 2);
    }
    return proof;
  };
  return { root: tree.at(-1)![0]!, heads: sorted, proofOf };
}

/** Folds a leaf up its proof; equal to the root when the head was in the signed tree. */
export function rootFromProof(hash: Hash, head: AnchoredHead, proof: readonly ProofStep[]): string {
  return proof.reduce(
    (node, step) => (step.side === 'left' ? parent(hash, step.hash, node) : parent(hash, node, step.hash)),
    anchorLeaf(hash, head),
  );
}

/** The exact text an anchor's signature covers (anyone can rebuild it from the published fields). */
export function anchorMessage(anchor: { day: string; root: string; matterCount: number }): string {
  return `yishi.chain-anchor/1\n${anchor.day}\n${anchor.root}\n${anchor.matterCount}`;
}

/** One anchor's word on one matter, with whether its proof and signature hold. */
export type AnchorPoint = {
  anchorId: number;
  day: string;
  length: number;
  head: string;
  /** The proof reaches the anchor's root and the root's signature verifies with a trusted key. */
  isAuthentic: boolean;
};

/** How a chain compares with what the anchors say of it. */
export type AnchorFinding = {
  /** The latest authentic anchor of this matter, if any. */
  latest: { day: string; length: number; head: string } | null;
  /** The chain is shorter than an anchor says; `atEntry` is the first entry now missing. */
  truncated: { atEntry: number; anchoredLength: number; day: string } | null;
  /**
   * The chain's entry at an anchored length has another hash than the anchor; `atEntry` is the
   * first anchored entry that no longer matches, `lastMatchingEntry` the last anchored one that does.
   */
  rewritten: { atEntry: number; lastMatchingEntry: number; day: string } | null;
  /** Anchors whose proof or signature fails: the anchor records themselves were altered. */
  forgedDays: string[];
};

/** Compares a stored chain with every anchor point of its matter. */
export function compareWithAnchors(entries: readonly ChainEntry[], points: readonly AnchorPoint[]): AnchorFinding {
  const authentic = points.filter((p) => p.isAuthentic);
  const byLength = [...authentic].sort((a, b) => a.length - b.length || a.day.localeCompare(b.day));
  const latest = [...authentic].sort((a, b) => a.day.localeCompare(b.day) || a.anchorId - b.anchorId).at(-1);
  let truncated: AnchorFinding['truncated'] = null;
  let rewritten: AnchorFinding['rewritten'] = null;
  let lastMatchingEntry = 0;
  for (const point of byLength) {
    if (point.length > entries.length) {
      truncated ??= { atEntry: entries.length + 1, anchoredLength: point.length, day: point.day };
    } else if (point.length > 0 && entries[point.length - 1]?.hash !== point.head) {
      rewritten ??= { atEntry: point.length, lastMatchingEntry, day: point.day };
    } else if (!rewritten) {
      lastMatchingEntry = point.length;
    }
  }
  return {
    latest: latest ? { day: latest.day, length: latest.length, head: latest.head } : null,
    truncated,
    rewritten,
    forgedDays: [...new Set(points.filter((p) => !p.isAuthentic).map((p) => p.day))],
  };
}
