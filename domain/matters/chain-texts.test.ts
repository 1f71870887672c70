import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { nextEntry, verifyChain, type ChainEntry } from './audit-chain';
import { compareWithAnchors } from './chain-anchor';
import { reportChain } from './chain-report';
import { compareTexts, digestTexts, latestTextDigests, parseTextKey, textDigest, textKey } from './chain-texts';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function chainOf(payloads: Record<string, unknown>[]): ChainEntry[] {
  const chain: ChainEntry[] = [];
  for (const [i, payload] of payloads.entries()) {
    chain.push(
      nextEntry(sha256, chain.at(-1) ?? null, {
        actorAccountId: 1,
        action: `a${i}`,
        at: new Date(Date.UTC(2026, 11, 1, 8, i)).toISOString(),
        payload,
      }),
    );
  }
  return chain;
}

describe('text digests in the chain', () => {
  const description = { kind: 'matter', id: 12, field: 'description' };
  const comment = { kind: 'comment', id: 45, field: 'body' };

  it('keeps digests, never the text itself', () => {
    const texts = digestTexts(sha256, [{ ...description, text: '3号楼住户王某某反映电梯' }]);
    expect(Object.keys(texts)).toEqual(['matter:12:description']);
    expect(JSON.stringify(texts)).not.toContain('王某某');
  });

  it('digests equal texts stored in different places differently', () => {
    expect(textDigest(sha256, comment, '同意')).not.toBe(textDigest(sha256, { ...comment, id: 46 }, '同意'));
  });

  it('reads keys back and refuses anything else', () => {
    expect(parseTextKey(textKey(comment))).toEqual(comment);
    expect(parseTextKey('comment:x:body')).toBeNull();
  });

  it('compares the last digest of each text with the text stored now', () => {
    const chain = chainOf([
      { texts: digestTexts(sha256, [{ ...description, text: '初稿' }]) },
      { texts: digestTexts(sha256, [{ ...comment, text: '同意加装' }]) },
      { texts: digestTexts(sha256, [{ ...description, text: '修改稿' }]) },
    ]);
    const latest = latestTextDigests(chain);
    expect(latest.get('matter:12:description')?.seq).toBe(3);
    const now = new Map([
      ['matter:12:description', '修改稿'],
      ['comment:45:body', '同意加装'],
    ]);
    expect(compareTexts(sha256, latest, now)).toEqual([]);
    const edited = new Map([
      ['matter:12:description', '修改稿'],
      ['comment:45:body', '反对加装'],
    ]);
    expect(compareTexts(sha256, latest, edited)).toEqual([{ ...comment, seq: 2, status: 'altered' }]);
    expect(compareTexts(sha256, latest, new Map([['matter:12:description', '修改稿']]))).toEqual([
      { ...comment, seq: 2, status: 'missing' },
    ]);
  });

  it('makes the whole chain read not intact, naming the entry that wrote the text', () => {
    const chain = chainOf([{}, { texts: digestTexts(sha256, [{ ...comment, text: '同意' }]) }, {}]);
    const mismatches = compareTexts(sha256, latestTextDigests(chain), new Map([['comment:45:body', '反对']]));
    const report = reportChain(verifyChain(sha256, chain), compareWithAnchors(chain, []), mismatches);
    expect(report).toMatchObject({ isIntact: false, brokenAt: 2, reason: 'text_altered' });
  });
});
