import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { followUps, idempotencyKeys } from '../db/schema';
import { afterDeliberationWorld, expectError, type AfterDeliberationWorld } from '../test/after-deliberation.fixtures';
import type { TestClient } from '../test/build-test-app';
import { hashRequest, IDEMPOTENCY_LEASE_MS, IDEMPOTENCY_TTL_MS } from './idempotency';

describe('Idempotency-Key on writes', () => {
  let w: AfterDeliberationWorld;
  let matterId: number;
  let url: string;
  const body = { method: 'visit', satisfaction: 5, comment: '入户回访：电梯运行良好' };
  const send = (client: TestClient, key: string, payload: unknown = body) =>
    client.request({ method: 'POST', url, payload: payload as object, headers: { 'idempotency-key': key } });
  const followUpCount = async () =>
    (await w.db.select().from(followUps).where(eq(followUps.matterId, matterId))).length;

  beforeAll(async () => {
    w = await afterDeliberationWorld();
    matterId = (await w.matterAt('reviewed')).id;
    url = `/api/matters/${matterId}/follow-ups`;
  });
  afterAll(() => w.t.close());
  afterEach(() => w.t.clock.reset());

  it('answers a retry with the stored reply and does the work once', async () => {
    const before = await followUpCount();
    const key = randomUUID();
    const first = await send(w.clients.grid, key);
    expect(first.statusCode).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const again = await send(w.clients.grid, key);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    expect(await followUpCount()).toBe(before + 1);
    const [row] = await w.db.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, key));
    expect(row).toMatchObject({ method: 'POST', path: url, statusCode: 201 });
  });

  it('stores a refusal too, so a retry does not turn it into a second attempt', async () => {
    const key = randomUUID();
    const archived = await w.matterAt('archived');
    const refuse = () =>
      w.clients.grid.request({
        method: 'POST',
        url: `/api/matters/${archived.id}/follow-ups`,
        payload: body,
        headers: { 'idempotency-key': key },
      });
    expectError(await refuse(), 409, { code: 'matter.read_only' });
    const again = await refuse();
    expectError(again, 409, { code: 'matter.read_only' });
    expect(again.headers['idempotent-replayed']).toBe('true');
  });

  it('does the work once when retries race, answering the others in progress or from the store', async () => {
    const before = await followUpCount();
    const key = randomUUID();
    const replies = await Promise.all(Array.from({ length: 5 }, () => send(w.clients.grid, key)));
    const codes = replies.map((r) => r.statusCode);
    expect(codes).toContain(201);
    expect(codes.every((c) => c === 201 || c === 409)).toBe(true);
    for (const r of replies.filter((x) => x.statusCode === 409)) {
      expect(r.json().error.code).toBe('request.in_progress');
    }
    expect(await followUpCount()).toBe(before + 1);
  });

  it('answers 409 request.in_progress while the first request holds the key, 422 for another request', async () => {
    const key = randomUUID();
    const accountId = (await w.clients.grid.get('/api/session')).json().account.id as number;
    await w.db.insert(idempotencyKeys).values({
      accountId,
      key,
      method: 'POST',
      path: url,
      requestHash: hashRequest('POST', url, body),
      createdAt: new Date(),
    });
    const before = await followUpCount();
    expectError(await send(w.clients.grid, key), 409, { code: 'request.in_progress' });
    expectError(await send(w.clients.grid, key, { ...body, comment: '另一次' }), 422, { code: 'request.key_reused' });
    expect(await followUpCount()).toBe(before);
  });

  it('runs a retry whose reservation was abandoned (its process died mid-request) past the lease', async () => {
    const key = randomUUID();
    const accountId = (await w.clients.grid.get('/api/session')).json().account.id as number;
    await w.db.insert(idempotencyKeys).values({
      accountId,
      key,
      method: 'POST',
      path: url,
      requestHash: hashRequest('POST', url, body),
      createdAt: new Date(w.t.clock.now().getTime() - IDEMPOTENCY_LEASE_MS - 1000),
    });
    const before = await followUpCount();
    expect((await send(w.clients.grid, key)).statusCode).toBe(201);
    expect((await send(w.clients.grid, key)).headers['idempotent-replayed']).toBe('true');
    expect(await followUpCount()).toBe(before + 1);
  });

  it('refuses the same key with another body (422) and keeps the first reply', async () => {
    const key = randomUUID();
    expect((await send(w.clients.grid, key)).statusCode).toBe(201);
    const before = await followUpCount();
    const reused = await send(w.clients.grid, key, { ...body, satisfaction: 3 });
    expectError(reused, 422, { code: 'request.key_reused', field: 'Idempotency-Key' });
    expect(reused.json().error.message).toContain('请求编号');
    expect(await followUpCount()).toBe(before);
  });

  it("keeps one account's keys apart from another's", async () => {
    const before = await followUpCount();
    const key = randomUUID();
    expect((await send(w.clients.grid, key)).statusCode).toBe(201);
    const theirs = await send(w.clients.convenor, key);
    expect(theirs.statusCode).toBe(201);
    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
    expect(await followUpCount()).toBe(before + 2);
  });

  it('forgets a key after seven days', async () => {
    const before = await followUpCount();
    const key = randomUUID();
    expect((await send(w.clients.grid, key)).statusCode).toBe(201);
    w.t.clock.advance(IDEMPOTENCY_TTL_MS + 60_000);
    const later = await send(w.clients.grid, key);
    expect(later.statusCode).toBe(201);
    expect(later.headers['idempotent-replayed']).toBeUndefined();
    expect(await followUpCount()).toBe(before + 2);
    const rows = await w.db.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, key));
    expect(rows).toHaveLength(1);
  });

  it('refuses a malformed key naming the header, before any work', async () => {
    const before = await followUpCount();
    for (const key of ['', 'has space', 'x'.repeat(101), '中文键', 'semi;colon']) {
      expectError(await send(w.clients.grid, key), 400, { code: 'request.key_invalid', field: 'Idempotency-Key' });
    }
    expect((await send(w.clients.grid, 'A-'.repeat(50))).statusCode).toBe(201);
    expect(await followUpCount()).toBe(before + 1);
  });

  it('does not hold a key for a request refused before its work (anonymous, bad body)', async () => {
    const key = randomUUID();
    expectError(await send(w.clients.anonymous, key), 401, {});
    expectError(await send(w.clients.grid, key, { ...body, satisfaction: 'five' }), 400, { field: 'satisfaction' });
    expect(await w.db.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, key))).toHaveLength(0);
    expect((await send(w.clients.grid, key)).statusCode).toBe(201);
  });
});
