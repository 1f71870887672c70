import type { ChainEntry } from '../../../domain/matters/audit-chain';
import type { readLatestAnchor } from '../chain';

type LatestAnchor = NonNullable<Awaited<ReturnType<typeof readLatestAnchor>>>;

/**
 * 链锚 of the public record: the chain's length and head as last anchored, with the proof up to the
 * day's signed root. Anyone can check it with the public key (GET /api/public/anchor-key) and the
 * monthly bulletin, which lists the same root; `matchesChain` says whether the published chain
 * still reaches that head.
 */
export function presentPublicAnchor(anchor: LatestAnchor | null, chain: readonly ChainEntry[]) {
  if (!anchor) return null;
  return {
    day: anchor.day,
    length: anchor.length,
    head: anchor.head,
    root: anchor.root,
    matterCount: anchor.matterCount,
    signature: anchor.signature,
    keyId: anchor.keyId,
    proof: anchor.proof,
    matchesChain: chain[anchor.length - 1]?.hash === anchor.head,
  };
}
