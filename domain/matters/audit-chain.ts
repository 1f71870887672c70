/**
 * The matter's tamper-evident audit chain. Each entry commits to its payload (digest) and to the
 * entry before it (prevHash); the hash function is passed in so the domain stays free of I/O.
 */

export const GENESIS_HASH = '0'.repeat(64);

export type ChainEntry = {
  seq: number;
  actorAccountId: number | null;
  action: string;
  /** ISO 8601 instant with milliseconds, as stored. */
  at: string;
  payload: unknown;
  payloadDigest: string;
  prevHash: string;
  hash: string;
};

export type Hash = (text: string) => string;

/** JSON with object keys sorted at every depth, so equal payloads always digest alike. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

function hashInput(e: Omit<ChainEntry, 'hash' | 'payload'>): string {
  return [e.seq, e.actorAccountId ?? '', e.action, e.at, e.payloadDigest, e.prevHash].join('|');
}

/** Builds the next entry after `previous` (or the first one). */
export function nextEntry(
  hash: Hash,
  previous: Pick<ChainEntry, 'seq' | 'hash'> | null,
  input: { actorAccountId: number | null; action: string; at: string; payload: unknown },
): ChainEntry {
  const base = {
    seq: (previous?.seq ?? 0) + 1,
    actorAccountId: input.actorAccountId,
    action: input.action,
    at: input.at,
    payloadDigest: hash(canonicalJson(input.payload)),
    prevHash: previous?.hash ?? GENESIS_HASH,
  };
  return { ...base, payload: input.payload, hash: hash(hashInput(base)) };
}

/** Why a chain's links fail: a missing sequence number, an altered payload, a broken link, an altered entry. */
export const linkFailures = ['sequence_gap', 'payload_altered', 'link_broken', 'entry_altered'] as const;
export type LinkFailure = (typeof linkFailures)[number];

export type ChainVerdict =
  | { isIntact: true; length: number; head: string }
  | {
      isIntact: false;
      length: number;
      /** The first entry that fails, and why. */
      brokenAt: number;
      reason: LinkFailure;
    };

/** Walks the chain in order; the first entry whose payload, link or hash does not hold is named. */
export function verifyChain(hash: Hash, entries: readonly ChainEntry[]): ChainVerdict {
  let previousHash = GENESIS_HASH;
  for (const [index, entry] of entries.entries()) {
    const fail = (reason: LinkFailure) =>
      ({ isIntact: false, length: entries.length, brokenAt: entry.seq, reason }) as const;
    if (entry.seq !== index + 1) return fail('sequence_gap');
    if (hash(canonicalJson(entry.payload)) !== entry.payloadDigest) return fail('payload_altered');
    if (entry.prevHash !== previousHash) return fail('link_broken');
    if (hash(hashInput(entry)) !== entry.hash) return fail('entry_altered');
    previousHash = entry.hash;
  }
  return { isIntact: true, length: entries.length, head: previousHash };
}
