import { createHash, generateKeyPairSync, sign, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { nextEntry, verifyChain, type ChainEntry } from './audit-chain';
import {
  anchorMessage,
  buildAnchorTree,
  compareWithAnchors,
  rootFromProof,
  type AnchorPoint,
  type AnchoredHead,
} from './chain-anchor';
import { reportChain } from './chain-report';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function buildChain(n: number, note = '加装电梯'): ChainEntry[] {
  const chain: ChainEntry[] = [];
  for (let i = 0; i < n; i++) {
    chain.push(
      nextEntry(sha256, chain.at(-1) ?? null, {
        actorAccountId: 7,
        action: `step${i}`,
        at: new Date(Date.UTC(2026, 10, 25, 8, i)).toISOString(),
        payload: { i, note },
      }),
    );
  }
  return chain;
}

const point = (chain: readonly ChainEntry[], length: number, day: string, isAuthentic = true): AnchorPoint => ({
  anchorId: length,
  day,
  length,
  head: chain[length - 1]!.hash,
  isAuthentic,
});

describe('anchor tree', () => {
  const heads: AnchoredHead[] = [5, 1, 9, 3, 7].map((matterId) => ({
    matterId,
    length: matterId * 2,
    head: sha256(`head ${matterId}`),
  }));

  it('gives the same root whatever order the heads come in', () => {
    expect(buildAnchorTree(sha256, heads).root).toBe(buildAnchorTree(sha256, [...heads].reverse()).root);
  });

  it('proves every head into the root, an odd count included', () => {
    const tree = buildAnchorTree(sha256, heads);
    tree.heads.forEach((head, index) => {
      expect(rootFromProof(sha256, head, tree.proofOf(index))).toBe(tree.root);
    });
  });

  it('does not prove a head with another length or hash', () => {
    const tree = buildAnchorTree(sha256, heads);
    const [first] = tree.heads;
    expect(rootFromProof(sha256, { ...first!, length: first!.length - 1 }, tree.proofOf(0))).not.toBe(tree.root);
    expect(rootFromProof(sha256, { ...first!, head: sha256('other') }, tree.proofOf(0))).not.toBe(tree.root);
  });

  it('changes the root when any matter is left out', () => {
    expect(buildAnchorTree(sha256, heads.slice(1)).root).not.toBe(buildAnchorTree(sha256, heads).root);
  });

  it('signs a message that an Ed25519 public key verifies, and nothing else', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const tree = buildAnchorTree(sha256, heads);
    const message = anchorMessage({ day: '2026-12-05', root: tree.root, matterCount: heads.length });
    const signature = sign(null, Buffer.from(message), privateKey);
    expect(verify(null, Buffer.from(message), publicKey, signature)).toBe(true);
    const forged = anchorMessage({ day: '2026-12-05', root: sha256('forged'), matterCount: heads.length });
    expect(verify(null, Buffer.from(forged), publicKey, signature)).toBe(false);
  });
});

describe('a chain against its anchors', () => {
  it('matches when the chain only grew since the anchors', () => {
    const chain = buildChain(6);
    const finding = compareWithAnchors(chain, [point(chain, 2, '2026-12-01'), point(chain, 4, '2026-12-02')]);
    expect(finding).toEqual({
      latest: { day: '2026-12-02', length: 4, head: chain[3]!.hash },
      truncated: null,
      rewritten: null,
      forgedDays: [],
    });
    expect(reportChain(verifyChain(sha256, chain), finding, [])).toMatchObject({ isIntact: true, length: 6 });
  });

  it('reports a chain cut short at the first entry now missing', () => {
    const chain = buildChain(6);
    const points = [point(chain, 3, '2026-12-01'), point(chain, 6, '2026-12-02')];
    const cut = chain.slice(0, 4);
    const finding = compareWithAnchors(cut, points);
    expect(finding.truncated).toEqual({ atEntry: 5, anchoredLength: 6, day: '2026-12-02' });
    expect(finding.rewritten).toBeNull();
    const report = reportChain(verifyChain(sha256, cut), finding, []);
    expect(verifyChain(sha256, cut).isIntact).toBe(true);
    expect(report).toMatchObject({ isIntact: false, brokenAt: 5, reason: 'truncated' });
  });

  it('reports a chain deleted entirely as cut at its first entry', () => {
    const chain = buildChain(3);
    const report = reportChain(verifyChain(sha256, []), compareWithAnchors([], [point(chain, 3, '2026-12-01')]), []);
    expect(report).toMatchObject({ isIntact: false, length: 0, brokenAt: 1, reason: 'truncated' });
  });

  it('reports a chain recomputed after an edit as rewritten, between the anchors that still match and not', () => {
    const chain = buildChain(8);
    const points = [point(chain, 2, '2026-12-01'), point(chain, 5, '2026-12-02'), point(chain, 8, '2026-12-03')];
    // Entry 4 edited, then every hash from there recomputed: the links hold again.
    const recomputed = chain.slice(0, 3);
    for (const e of chain.slice(3)) {
      recomputed.push(
        nextEntry(sha256, recomputed.at(-1)!, {
          actorAccountId: e.actorAccountId,
          action: e.action,
          at: e.at,
          payload: e.seq === 4 ? { i: 3, note: '不加装' } : e.payload,
        }),
      );
    }
    expect(verifyChain(sha256, recomputed).isIntact).toBe(true);
    const finding = compareWithAnchors(recomputed, points);
    expect(finding.rewritten).toEqual({ atEntry: 5, lastMatchingEntry: 2, day: '2026-12-02' });
    expect(reportChain(verifyChain(sha256, recomputed), finding, [])).toMatchObject({
      isIntact: false,
      brokenAt: 5,
      reason: 'rewritten',
    });
  });

  it('names the broken link, not a rewrite, when an entry was edited without recomputing', () => {
    const chain = buildChain(5);
    const points = [point(chain, 5, '2026-12-01')];
    const edited = chain.map((e) => (e.seq === 3 ? { ...e, payload: { i: 2, note: '改' } } : e));
    const report = reportChain(verifyChain(sha256, edited), compareWithAnchors(edited, points), []);
    expect(report).toMatchObject({ isIntact: false, brokenAt: 3, reason: 'payload_altered', rewritten: null });
  });

  it('ignores anchors whose proof or signature fails, and reports them as forged', () => {
    const chain = buildChain(4);
    const cut = chain.slice(0, 2);
    // A forged anchor that vouches for the cut chain does not hide the authentic one.
    const points = [point(chain, 4, '2026-12-01'), { ...point(cut, 2, '2026-12-02'), isAuthentic: false }];
    const finding = compareWithAnchors(cut, points);
    expect(finding.forgedDays).toEqual(['2026-12-02']);
    expect(finding.latest?.day).toBe('2026-12-01');
    expect(reportChain(verifyChain(sha256, cut), finding, [])).toMatchObject({ isIntact: false, reason: 'truncated' });
  });

  it('verifies a chain with no anchor yet as before', () => {
    const chain = buildChain(3);
    const report = reportChain(verifyChain(sha256, chain), compareWithAnchors(chain, []), []);
    expect(report).toEqual({
      isIntact: true,
      length: 3,
      head: chain[2]!.hash,
      anchor: null,
      truncated: null,
      rewritten: null,
      forgedAnchorDays: [],
      textMismatches: [],
    });
  });
});
