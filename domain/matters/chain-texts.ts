/**
 * Free texts (descriptions, comments, notices, minutes…) stay out of the chain, which must not become
 * a copy of personal data; each entry that writes one carries its digest instead, under `texts`, so
 * a text edited later in storage no longer matches the chain.
 */
import type { ChainEntry, Hash } from './audit-chain';

/** Where a free text is stored: e.g. `{ kind: 'comment', id: 45, field: 'body' }`. */
export type TextRef = { kind: string; id: number; field: string };

/** The key of a text in an entry's `texts`: `comment:45:body`. */
export function textKey(ref: TextRef): string {
  return `${ref.kind}:${ref.id}:${ref.field}`;
}

/** Reads a key back; null for anything not shaped like one. */
export function parseTextKey(key: string): TextRef | null {
  const match = /^([a-z_]+):(\d+):([a-zA-Z_]+)$/.exec(key);
  return match ? { kind: match[1]!, id: Number(match[2]), field: match[3]! } : null;
}

/** The digest of one text, bound to where it is stored, so equal short texts do not digest alike. */
export function textDigest(hash: Hash, ref: TextRef, text: string): string {
  return hash(`yishi.text/1|${textKey(ref)}|${text}`);
}

/** The `texts` part of an entry's payload for the texts a command wrote (empty texts included). */
export function digestTexts(
  hash: Hash,
  texts: readonly (TextRef & { text: string | null | undefined })[],
): Record<string, string> {
  const digests: Record<string, string> = {};
  for (const t of texts) if (t.text != null) digests[textKey(t)] = textDigest(hash, t, t.text);
  return digests;
}

/** For each text the chain mentions, the digest of its last writing and the entry that wrote it. */
export function latestTextDigests(entries: readonly ChainEntry[]): Map<string, { digest: string; seq: number }> {
  const latest = new Map<string, { digest: string; seq: number }>();
  for (const entry of entries) {
    const texts = (entry.payload as { texts?: unknown } | null)?.texts;
    if (!texts || typeof texts !== 'object') continue;
    for (const [key, digest] of Object.entries(texts as Record<string, unknown>)) {
      if (typeof digest === 'string' && parseTextKey(key)) latest.set(key, { digest, seq: entry.seq });
    }
  }
  return latest;
}

/** A stored text that no longer matches its digest in the chain (`missing`: the row is gone). */
/** What became of a text the chain vouches for: altered since, or missing. */
export const textMismatchStatuses = ['altered', 'missing'] as const;
export type TextMismatch = TextRef & { seq: number; status: (typeof textMismatchStatuses)[number] };

/**
 * Compares the chain's last digest of every text with the text stored now (`current`: key → text,
 * null when the row or field no longer exists).
 */
export function compareTexts(
  hash: Hash,
  latest: ReadonlyMap<string, { digest: string; seq: number }>,
  current: ReadonlyMap<string, string | null>,
): TextMismatch[] {
  const mismatches: TextMismatch[] = [];
  for (const [key, { digest, seq }] of latest) {
    const ref = parseTextKey(key)!;
    const text = current.get(key);
    if (text == null) mismatches.push({ ...ref, seq, status: 'missing' });
    else if (textDigest(hash, ref, text) !== digest) mismatches.push({ ...ref, seq, status: 'altered' });
  }
  return mismatches.sort((a, b) => a.seq - b.seq);
}
