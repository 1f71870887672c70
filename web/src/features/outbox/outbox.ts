import { ApiError, apiRequest } from '../../api/client';
import { offlineDb } from './outbox-db';
import type { NewOutboxItem, OutboxItem } from './outbox-item';

export { outboxKinds, outboxStates } from './outbox-item';
export type { NewOutboxItem, OutboxItem, OutboxKind, OutboxState } from './outbox-item';

/** A v4 UUID, also where `crypto.randomUUID` is missing (plain http on a LAN address). */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Failures that say nothing about the write itself: keep it and try again later. */
const isTemporary = (e: ApiError) =>
  e.status === 0 ||
  e.status >= 500 ||
  e.status === 429 ||
  e.status === 401 ||
  e.code === 'request.in_progress' ||
  e.code === 'csrf.invalid';

/** Sends one item with its key; a reply replayed by the server counts as sent just the same. */
export function sendOutboxItem<T>(item: OutboxItem): Promise<T> {
  return apiRequest<T>(item.path, { method: item.method, body: item.body, headers: { 'Idempotency-Key': item.id } });
}

/** The last creation time handed out: items are sent oldest first, so two never share a time. */
let lastCreated = 0;

/** Keeps the item first (so a closed tab loses nothing), then returns it. */
export async function addOutboxItem(input: NewOutboxItem, now = new Date()): Promise<OutboxItem> {
  // Two items queued within one millisecond would tie in the createdAt index and be sent in any order.
  lastCreated = Math.max(now.getTime(), lastCreated + 1);
  now = new Date(lastCreated);
  const item: OutboxItem = {
    id: newIdempotencyKey(),
    accountId: input.accountId,
    kind: input.kind,
    method: 'POST',
    path: input.path,
    body: input.body,
    matterId: input.matterId ?? null,
    ballotId: input.ballotId ?? null,
    createdAt: now.toISOString(),
    state: 'queued',
    attempts: 0,
    sentAt: null,
    reply: null,
    error: null,
  };
  await (await offlineDb()).put('outbox', item);
  return item;
}

/** The account's items, oldest first. */
export async function listOutbox(accountId: number): Promise<OutboxItem[]> {
  const all = await (await offlineDb()).getAllFromIndex('outbox', 'createdAt');
  return all.filter((item) => item.accountId === accountId);
}

export async function removeOutboxItem(id: string): Promise<void> {
  await (await offlineDb()).delete('outbox', id);
}

/** What became of one attempt: `offline` stops the round (the rest would fail the same way). */
export type SendOutcome = 'sent' | 'conflict' | 'retry' | 'offline';

/** Tries one queued item and records the outcome on it. */
export async function attemptOutboxItem(item: OutboxItem, now = new Date()): Promise<SendOutcome> {
  const db = await offlineDb();
  const next: OutboxItem = { ...item, attempts: item.attempts + 1 };
  let outcome: SendOutcome;
  try {
    next.reply = await sendOutboxItem(item);
    next.state = 'sent';
    next.sentAt = now.toISOString();
    next.error = null;
    outcome = 'sent';
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    next.error = { status: e.status, code: e.code, message: e.message };
    if (isTemporary(e)) {
      outcome = e.status === 0 || e.status === 401 ? 'offline' : 'retry';
    } else {
      next.state = 'conflict';
      outcome = 'conflict';
    }
  }
  // Discarded (or taken out by the form that sent it) meanwhile: do not bring it back.
  if (await db.get('outbox', item.id)) await db.put('outbox', next);
  return outcome;
}

let round: Promise<number> | undefined;

/**
 * Sends the account's queued items in the order they were made; one round at a time per page (a
 * second tab's round is harmless: the server does each key once). Resolves with how many were sent.
 */
export function flushOutbox(accountId: number): Promise<number> {
  round ??= (async () => {
    let sent = 0;
    try {
      for (const item of await listOutbox(accountId)) {
        if (item.state !== 'queued') continue;
        const outcome = await attemptOutboxItem(item);
        if (outcome === 'sent') sent++;
        if (outcome === 'offline') break;
      }
    } finally {
      round = undefined;
    }
    return sent;
  })();
  return round;
}

/** Sent items are shown for a day, then forgotten. */
export async function pruneSentItems(now = new Date()): Promise<void> {
  const db = await offlineDb();
  const dayAgo = now.getTime() - 24 * 3600_000;
  for (const item of await db.getAll('outbox')) {
    if (item.state === 'sent' && item.sentAt && Date.parse(item.sentAt) < dayAgo) await db.delete('outbox', item.id);
  }
}

/** The result of a write the form tried to send now: done, or kept for later (已保存，联网后自动提交). */
export type SubmitResult<T> = { isQueued: false; reply: T } | { isQueued: true; item: OutboxItem };

/**
 * Sends a write now when the phone is online, else keeps it in the outbox. A network failure keeps
 * it too; any answer from the server (done or refused) takes it out, and a refusal is thrown to the
 * form as before.
 */
export async function submitOrQueue<T>(input: NewOutboxItem): Promise<SubmitResult<T>> {
  let item: OutboxItem;
  try {
    item = await addOutboxItem(input);
  } catch {
    // No IndexedDB here (a private window may refuse it): send as before, still under one key.
    const key = newIdempotencyKey();
    const reply = await apiRequest<T>(input.path, {
      method: 'POST',
      body: input.body,
      headers: { 'Idempotency-Key': key },
    });
    return { isQueued: false, reply };
  }
  if (!navigator.onLine) return { isQueued: true, item };
  try {
    const reply = await sendOutboxItem<T>(item);
    await removeOutboxItem(item.id);
    return { isQueued: false, reply };
  } catch (e) {
    if (e instanceof ApiError && e.status === 0) return { isQueued: true, item };
    await removeOutboxItem(item.id);
    throw e;
  }
}
