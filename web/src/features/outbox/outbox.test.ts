import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { closeOfflineDb } from './outbox-db';
import { flushOutbox, listOutbox, submitOrQueue, type NewOutboxItem } from './outbox';
import { outboxHint, outboxReceipt } from './outbox-hints';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** A server that does each Idempotency-Key once, as server/plugins/idempotency.ts does. */
function fakeServer() {
  const done = new Map<string, { status: number; body: unknown }>();
  const work: { path: string; key: string; body: unknown }[] = [];
  let answer: (path: string) => { status: number; body: unknown } | 'network' = () => ({
    status: 201,
    body: { id: work.length, receipt: `R-${work.length}` },
  });
  const fetchMock = vi.fn(async (url: string, init?: RequestInit) => {
    const headers = (init?.headers ?? {}) as Record<string, string>;
    const key = headers['Idempotency-Key']!;
    const path = url.replace(/^\/api/, '');
    const stored = done.get(key);
    const reply = stored ?? answer(path);
    if (reply === 'network') throw new TypeError('Failed to fetch');
    if (!stored) {
      if (reply.status < 300) work.push({ path, key, body: JSON.parse(String(init?.body)) });
      done.set(key, reply);
    }
    return new Response(JSON.stringify(reply.body), {
      status: reply.status,
      headers: { 'content-type': 'application/json' },
    });
  });
  vi.stubGlobal('fetch', fetchMock);
  return {
    fetchMock,
    work,
    answerWith: (fn: typeof answer) => {
      answer = fn;
    },
  };
}

let isOnline = true;
const followUp = (matterId: number, comment: string): NewOutboxItem => ({
  accountId: 7,
  kind: 'follow_up',
  path: `/matters/${matterId}/follow-ups`,
  body: { method: 'visit', satisfaction: 5, comment },
  matterId,
});

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
  closeOfflineDb();
  isOnline = true;
  vi.spyOn(navigator, 'onLine', 'get').mockImplementation(() => isOnline);
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('outbox', () => {
  it('keeps writes made offline, then sends each once, in order, with its own key', async () => {
    const server = fakeServer();
    isOnline = false;
    for (const comment of ['一', '二', '三']) {
      expect((await submitOrQueue(followUp(1, comment))).isQueued).toBe(true);
    }
    expect(server.fetchMock).not.toHaveBeenCalled();
    const kept = await listOutbox(7);
    expect(kept.map((i) => i.state)).toEqual(['queued', 'queued', 'queued']);
    expect(kept.every((i) => UUID.test(i.id))).toBe(true);

    isOnline = true;
    expect(await flushOutbox(7)).toBe(3);
    expect(server.work.map((w) => (w.body as { comment: string }).comment)).toEqual(['一', '二', '三']);
    expect(server.work.map((w) => w.key)).toEqual(kept.map((i) => i.id));
    expect((await listOutbox(7)).map((i) => i.state)).toEqual(['sent', 'sent', 'sent']);
    // A second round has nothing left to send.
    expect(await flushOutbox(7)).toBe(0);
    expect(server.fetchMock).toHaveBeenCalledTimes(3);
  });

  it('sends online at once and keeps nothing', async () => {
    const server = fakeServer();
    const result = await submitOrQueue<{ id: number }>(followUp(1, '在线'));
    expect(result).toMatchObject({ isQueued: false, reply: { id: 0 } });
    expect(server.work).toHaveLength(1);
    expect(await listOutbox(7)).toEqual([]);
  });

  it('keeps a write whose request failed on the network, and resends it under the same key', async () => {
    const server = fakeServer();
    server.answerWith(() => 'network');
    const result = await submitOrQueue(followUp(1, '信号差'));
    expect(result.isQueued).toBe(true);
    const [item] = await listOutbox(7);
    server.answerWith(() => ({ status: 201, body: { id: 9 } }));
    expect(await flushOutbox(7)).toBe(1);
    const keys = server.fetchMock.mock.calls.map((c) => (c[1]?.headers as Record<string, string>)['Idempotency-Key']);
    expect(keys).toEqual([item!.id, item!.id]);
    expect(server.work).toHaveLength(1);
  });

  it('stops a round at the first network failure and leaves the rest queued', async () => {
    const server = fakeServer();
    isOnline = false;
    await submitOrQueue(followUp(1, 'a'));
    await submitOrQueue(followUp(2, 'b'));
    isOnline = true;
    server.answerWith(() => 'network');
    expect(await flushOutbox(7)).toBe(0);
    expect(server.fetchMock).toHaveBeenCalledTimes(1);
    const items = await listOutbox(7);
    expect(items.map((i) => [i.state, i.attempts])).toEqual([
      ['queued', 1],
      ['queued', 0],
    ]);
  });

  it('marks a refused write as a conflict with advice, and sends the others', async () => {
    const server = fakeServer();
    isOnline = false;
    await submitOrQueue({
      accountId: 7,
      kind: 'assisted_vote',
      path: '/ballots/3/votes/assisted',
      body: { electorId: 1, method: 'door_to_door', choice: 'yes' },
      ballotId: 3,
    });
    await submitOrQueue(followUp(1, '照常'));
    isOnline = true;
    server.answerWith((path) =>
      path.startsWith('/ballots/')
        ? { status: 409, body: { error: { code: 'ballot.closed', message: '投票已结束' } } }
        : { status: 201, body: { id: 5 } },
    );
    expect(await flushOutbox(7)).toBe(1);
    const [vote, visit] = await listOutbox(7);
    expect(vote).toMatchObject({ state: 'conflict', error: { status: 409, code: 'ballot.closed' } });
    expect(outboxHint(vote!)).toBe('ballotClosed');
    expect(visit!.state).toBe('sent');
    expect(outboxHint(visit!)).toBeNull();
    // A conflict is not retried: the worker decides (discard, or open the ballot).
    await flushOutbox(7);
    expect(server.fetchMock).toHaveBeenCalledTimes(2);
  });

  it('retries later what the server could not take yet (in progress, outage)', async () => {
    const server = fakeServer();
    isOnline = false;
    await submitOrQueue(followUp(1, 'x'));
    isOnline = true;
    server.answerWith(() => ({ status: 409, body: { error: { code: 'request.in_progress', message: '处理中' } } }));
    await flushOutbox(7);
    expect((await listOutbox(7))[0]).toMatchObject({ state: 'queued', error: { code: 'request.in_progress' } });
  });

  it("sends only the signed-in account's items", async () => {
    const server = fakeServer();
    isOnline = false;
    await submitOrQueue({ ...followUp(1, '别人的'), accountId: 8 });
    isOnline = true;
    expect(await flushOutbox(7)).toBe(0);
    expect(server.fetchMock).not.toHaveBeenCalled();
    expect(await listOutbox(8)).toHaveLength(1);
  });

  it("shows an assisted vote's receipt once sent", async () => {
    fakeServer();
    isOnline = false;
    await submitOrQueue({
      accountId: 7,
      kind: 'assisted_vote',
      path: '/ballots/3/votes/assisted',
      body: { electorId: 1, method: 'door_to_door', choice: 'yes' },
    });
    isOnline = true;
    await flushOutbox(7);
    expect(outboxReceipt((await listOutbox(7))[0]!)).toBe('R-0');
  });
});

describe('outbox without IndexedDB', () => {
  it('still sends a write, under an Idempotency-Key', async () => {
    const server = fakeServer();
    vi.stubGlobal('indexedDB', {
      open: () => {
        throw new DOMException('refused', 'InvalidStateError');
      },
    });
    closeOfflineDb();
    const result = await submitOrQueue<{ id: number }>(followUp(1, '无痕窗口'));
    expect(result.isQueued).toBe(false);
    expect(server.work).toHaveLength(1);
    expect(server.work[0]!.key).toMatch(UUID);
  });
});
