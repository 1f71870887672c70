import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { GENESIS_HASH, canonicalJson, nextEntry, verifyChain, type ChainEntry } from './audit-chain';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function buildChain(n: number): ChainEntry[] {
  const chain: ChainEntry[] = [];
  for (let i = 0; i < n; i++) {
    chain.push(
      nextEntry(sha256, chain.at(-1) ?? null, {
        actorAccountId: i % 2 ? 7 : null,
        action: `step${i}`,
        at: new Date(Date.UTC(2026, 10, 25, 8, i)).toISOString(),
        payload: { i, note: '加装电梯', nested: { b: 2, a: 1 } },
      }),
    );
  }
  return chain;
}

describe('audit chain', () => {
  it('links the first entry to the genesis hash and each next one to its predecessor', () => {
    const chain = buildChain(3);
    expect(chain[0]!.prevHash).toBe(GENESIS_HASH);
    expect(chain[1]!.prevHash).toBe(chain[0]!.hash);
    expect(chain.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(verifyChain(sha256, chain)).toEqual({ isIntact: true, length: 3, head: chain[2]!.hash });
  });

  it('digests payloads canonically, whatever the key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 1, x: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[1,{"x":2,"y":1}]},"b":1}',
    );
  });

  it('names the entry whose payload was altered', () => {
    const chain = buildChain(4);
    chain[2] = { ...chain[2]!, payload: { i: 2, note: '改过了', nested: { a: 1, b: 2 } } };
    expect(verifyChain(sha256, chain)).toMatchObject({ isIntact: false, brokenAt: 3, reason: 'payload_altered' });
  });

  it('names the entry whose actor, action or time was altered', () => {
    const chain = buildChain(4);
    chain[1] = { ...chain[1]!, actorAccountId: 99 };
    expect(verifyChain(sha256, chain)).toMatchObject({ isIntact: false, brokenAt: 2, reason: 'entry_altered' });
  });

  it('detects a re-hashed entry by the broken link after it', () => {
    const chain = buildChain(4);
    const forged = nextEntry(sha256, chain[0]!, { actorAccountId: 1, action: 'forged', at: chain[1]!.at, payload: {} });
    chain[1] = forged;
    expect(verifyChain(sha256, chain)).toMatchObject({ isIntact: false, brokenAt: 3, reason: 'link_broken' });
  });

  it('detects a deleted entry as a sequence gap', () => {
    const chain = buildChain(4);
    chain.splice(1, 1);
    expect(verifyChain(sha256, chain)).toMatchObject({ isIntact: false, brokenAt: 3, reason: 'sequence_gap' });
  });

  it('accepts an empty chain', () => {
    expect(verifyChain(sha256, [])).toEqual({ isIntact: true, length: 0, head: GENESIS_HASH });
  });
});
