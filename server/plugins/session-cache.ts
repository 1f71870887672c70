import type { Actor } from '../../domain/access';
import type { SessionSignal } from '../db/notify';
import type { SessionGrant } from '../modules/auth/sessions.repository';

/** The logged-in account as every request sees it (`request.account`). */
export type SessionAccount = {
  id: number;
  displayName: string;
  phone: string;
  residentId: number | null;
  locale: string;
  /** A one-time password is in use: every API call but the few in `allowedBeforePasswordChange` is refused. */
  mustChangePassword: boolean;
  hasPassword: boolean;
  /** The actor's grants with their places' names and kinds, as GET /api/session shows them. */
  grants: readonly SessionGrant[];
};

/** What a live session grants, as the session lookup found it. */
export type CachedSession = {
  sessionId: number;
  /** The session's expiry (ms since the epoch) as last read or slid by this process. */
  expiresAt: number;
  account: SessionAccount;
  actor: Actor;
};

/**
 * Live sessions by token hash, kept `ttlMs` at most and `maxEntries` at most (the oldest go first),
 * so most API requests skip the session lookup. It is right only while this process hears every
 * `session_events` signal: `setTrusted(false)` (LISTEN lost) empties it and stops it answering until
 * `setTrusted(true)` (LISTEN back, which empties it again). A lookup read before a signal is never
 * stored after it (`epoch`), so a change cannot be overwritten by an older read.
 */
export class SessionCache {
  private readonly entries = new Map<string, { session: CachedSession; cachedAt: number }>();
  private readonly byAccount = new Map<number, Set<string>>();
  private isTrusted = false;
  /** Bumped by every signal and trust change; a lookup started in an older epoch is not stored. */
  private epochCount = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
  ) {}

  get epoch(): number {
    return this.epochCount;
  }

  get size(): number {
    return this.entries.size;
  }

  /** The cached session (the stored object: a slide updates it in place), if trusted, fresh and not expired. */
  get(tokenHash: string, now: number): CachedSession | undefined {
    if (!this.isTrusted) return undefined;
    const entry = this.entries.get(tokenHash);
    if (!entry) return undefined;
    if (now - entry.cachedAt >= this.ttlMs || entry.session.expiresAt <= now) {
      this.remove(tokenHash);
      return undefined;
    }
    return entry.session;
  }

  /** Stores a session looked up in epoch `epochAtLookup`, unless a signal came in between. */
  set(tokenHash: string, session: CachedSession, epochAtLookup: number, now: number): void {
    if (!this.isTrusted || epochAtLookup !== this.epochCount || this.ttlMs <= 0) return;
    this.remove(tokenHash);
    while (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.remove(oldest);
    }
    this.entries.set(tokenHash, { session, cachedAt: now });
    const hashes = this.byAccount.get(session.account.id) ?? new Set<string>();
    hashes.add(tokenHash);
    this.byAccount.set(session.account.id, hashes);
  }

  /** Drops what a signal names: one session, or every session of an account. */
  forget(signal: SessionSignal): void {
    this.epochCount += 1;
    if ('tokenHash' in signal) {
      this.remove(signal.tokenHash);
      return;
    }
    for (const hash of this.byAccount.get(signal.accountId) ?? []) this.remove(hash);
  }

  /** Trust while signals are heard; either way everything cached so far is dropped. */
  setTrusted(isTrusted: boolean): void {
    this.epochCount += 1;
    this.isTrusted = isTrusted;
    this.entries.clear();
    this.byAccount.clear();
  }

  private remove(tokenHash: string): void {
    const entry = this.entries.get(tokenHash);
    if (!entry) return;
    this.entries.delete(tokenHash);
    const hashes = this.byAccount.get(entry.session.account.id);
    hashes?.delete(tokenHash);
    if (hashes?.size === 0) this.byAccount.delete(entry.session.account.id);
  }
}
