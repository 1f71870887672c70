import type { AuditAction } from '../../../domain/matters/audit-actions';
import { nextEntry, verifyChain, type ChainEntry, type ChainVerdict } from '../../../domain/matters/audit-chain';
import { digestTexts, type TextRef } from '../../../domain/matters/chain-texts';
import type { DbOrTx } from '../../db/client';
import { insertMatterEvent, lastChainLink, matterEventRows } from './matter-events.repository';
import { signalMatter } from '../../plugins/live';
import { deriveNotifications } from '../notifications';
import { clockNow } from '../../clock';
import { sha256 } from '../../hash';

/** Timestamps are hashed as ISO strings with milliseconds: exactly what PostgreSQL stores back. */
const isoMillis = (date: Date) => date.toISOString();

/** A free text a command wrote, and where it is stored: its digest goes into the entry. */
export type CoveredText = TextRef & { text: string | null | undefined };

/**
 * Appends one entry to a matter's chain. The caller holds the matter row lock (`for update`), so
 * entries of one matter are appended one at a time and `seq` has no gaps. Also derives the entry's
 * notifications (the rule of its action) and wakes live pages.
 * `texts`: the free texts the command wrote; the entry keeps their digests under `payload.texts`.
 */
export async function appendMatterEvent(
  tx: DbOrTx,
  input: {
    matterId: number;
    actorAccountId: number | null;
    action: AuditAction;
    payload: Record<string, unknown>;
    texts?: readonly CoveredText[];
  },
): Promise<ChainEntry> {
  const previous = await lastChainLink(tx, input.matterId);
  const texts = digestTexts(sha256, input.texts ?? []);
  const entry = nextEntry(sha256, previous ?? null, {
    actorAccountId: input.actorAccountId,
    action: input.action,
    at: isoMillis(clockNow()),
    payload: Object.keys(texts).length > 0 ? { ...input.payload, texts } : input.payload,
  });
  await insertMatterEvent(tx, {
    matterId: input.matterId,
    seq: entry.seq,
    actorAccountId: entry.actorAccountId,
    action: entry.action,
    payload: entry.payload as Record<string, unknown>,
    payloadDigest: entry.payloadDigest,
    prevHash: entry.prevHash,
    hash: entry.hash,
    at: new Date(entry.at),
  });
  // Who hears of it, in the same transaction: no command can forget to notify.
  await deriveNotifications(tx, {
    matterId: input.matterId,
    seq: entry.seq,
    action: entry.action,
    actorAccountId: entry.actorAccountId,
    payload: entry.payload as Record<string, unknown>,
  });
  // Delivered at commit, to every app process listening (server-sent events fan out from there).
  await signalMatter(tx, { matterId: input.matterId, seq: entry.seq, action: entry.action });
  return entry;
}

/** The matter's stored chain, in order. */
export async function readMatterChain(db: DbOrTx, matterId: number): Promise<ChainEntry[]> {
  const rows = await matterEventRows(db, matterId);
  return rows.map((r) => ({
    seq: r.seq,
    actorAccountId: r.actorAccountId,
    action: r.action,
    at: isoMillis(r.at),
    payload: r.payload,
    payloadDigest: r.payloadDigest,
    prevHash: r.prevHash,
    hash: r.hash,
  }));
}

/** Checks entries already read (e.g. for an export that also shows them). */
export function verifyChainEntries(entries: readonly ChainEntry[]): ChainVerdict {
  return verifyChain(sha256, entries);
}

/** Recomputes every digest and link; names the first entry that fails. */
export async function verifyMatterChain(db: DbOrTx, matterId: number): Promise<ChainVerdict> {
  return verifyChainEntries(await readMatterChain(db, matterId));
}
