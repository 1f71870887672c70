import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyMatterChain } from '../matters';
import {
  afterDeliberationWorld,
  expectError,
  type AfterDeliberationWorld,
} from '../../test/after-deliberation.fixtures';

describe('云议事 routes', () => {
  let w: AfterDeliberationWorld;
  let matterId: number;
  const url = () => `/api/matters/${matterId}/comments`;
  const comment = { body: '赞成加装，费用按楼层分摊。', stance: 'for' };

  beforeAll(async () => {
    w = await afterDeliberationWorld();
    matterId = (await w.matterAt('deliberating')).id;
  });
  afterAll(async () => w.t.close());

  it('requires a login to read or write', async () => {
    expectError(await w.clients.anonymous.get(url()), 401, { code: 'auth.required' });
    expectError(await w.clients.anonymous.post(url(), comment), 401, { code: 'auth.required' });
  });

  it('answers another community as if the matter did not exist', async () => {
    expectError(await w.clients.other.get(url()), 404, { code: 'not_found' });
    expectError(await w.clients.other.post(url(), comment), 404, { code: 'not_found' });
  });

  it('rejects bad bodies with the field at fault', async () => {
    const cases: [object, object][] = [
      [{ ...comment, body: '  ' }, { field: 'body' }],
      [{ ...comment, body: '长'.repeat(2001) }, { field: 'body' }],
      [{ ...comment, stance: 'maybe' }, { field: 'stance' }],
      [{ ...comment, parentId: 'x' }, { field: 'parentId' }],
    ];
    for (const [body, error] of cases) expectError(await w.clients.resident.post(url(), body), 400, error);
  });

  it('refuses a reply to a comment of another matter', async () => {
    const elsewhere = await w.matterAt('deliberating', '小区停车位调整');
    const foreign = await w.clients.resident.post(`/api/matters/${elsewhere.id}/comments`, comment);
    expect(foreign.statusCode).toBe(201);
    expectError(await w.clients.resident.post(url(), { ...comment, parentId: foreign.json().id }), 400, {
      code: 'comment.parent_mismatch',
      field: 'parentId',
    });
  });

  it('refuses discussion before the matter is announced, and on an archived matter', async () => {
    const accepted = await w.matterAt('accepted');
    expectError(await w.clients.resident.post(`/api/matters/${accepted.id}/comments`, comment), 409, {
      code: 'matter.wrong_stage',
    });
    const archived = await w.matterAt('archived');
    expectError(await w.clients.resident.post(`/api/matters/${archived.id}/comments`, comment), 409, {
      code: 'matter.read_only',
    });
  });

  it('threads replies, names residents by surname initial and staff see names', async () => {
    const first = await w.clients.resident.post(url(), comment);
    expect(first.statusCode).toBe(201);
    const reply = await w.clients.neighbour.post(url(), {
      body: '一楼住户不同意分摊。',
      stance: 'against',
      parentId: first.json().id,
    });
    expect(reply.statusCode).toBe(201);
    expect(reply.json()).toMatchObject({ parentId: first.json().id, stance: 'against', isMine: true });
    await w.expectLastAction(matterId, 'comment.post');

    const asNeighbour = (await w.clients.neighbour.get(url())).json();
    // Their own reply carries their name; the other resident is 居民Z.
    expect(asNeighbour.items.map((c: { author: unknown }) => c.author)).toEqual([
      { kind: 'resident', initial: 'Z' },
      { kind: 'name', name: '李师傅' },
    ]);
    expect(JSON.stringify(asNeighbour)).not.toContain('张阿姨');
    expect(JSON.stringify(asNeighbour)).not.toContain('1381234');
    expect(asNeighbour.counts).toEqual({ for: 1, against: 1, neutral: 0 });
    const asConvenor = (await w.clients.convenor.get(url())).json();
    expect(asConvenor.items.map((c: { author: { name: string } }) => c.author.name)).toEqual(['张阿姨', '李师傅']);
    expect(asConvenor.abilities).toEqual({ 'matter.discuss': true, 'matter.moderate': true });
  });

  it('keeps every one of two comments posted at once, chain unbroken', async () => {
    const [a, b] = await Promise.all([
      w.clients.resident.post(url(), { body: '同时一', stance: 'neutral' }),
      w.clients.neighbour.post(url(), { body: '同时二', stance: 'neutral' }),
    ]);
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    expect(await verifyMatterChain(w.db, matterId)).toMatchObject({ isIntact: true });
  });

  describe('POST /api/comments/:id/hide', () => {
    let commentId: number;
    const hideUrl = () => `/api/comments/${commentId}/hide`;
    beforeAll(async () => {
      commentId = (await w.clients.neighbour.post(url(), { body: '某某是骗子', stance: 'against' })).json().id;
    });

    it('requires a login, a moderator of this community, a reason and a real comment', async () => {
      expectError(await w.clients.anonymous.post(hideUrl(), { reason: '人身攻击' }), 401, { code: 'auth.required' });
      expectError(await w.clients.resident.post(hideUrl(), { reason: '人身攻击' }), 403, { code: 'access.denied' });
      expectError(await w.clients.grid.post(hideUrl(), { reason: '人身攻击' }), 403, { code: 'access.denied' });
      expectError(await w.clients.other.post(hideUrl(), { reason: '人身攻击' }), 404, { code: 'not_found' });
      expectError(await w.clients.convenor.post(hideUrl(), { reason: ' ' }), 400, { field: 'reason' });
      expectError(await w.clients.convenor.post('/api/comments/999999/hide', { reason: '人身攻击' }), 404, {
        code: 'not_found',
      });
    });

    it('hides with a logged reason that residents see in its place', async () => {
      const hidden = await w.clients.convenor.post(hideUrl(), { reason: '人身攻击' });
      expect(hidden.json()).toEqual({ id: commentId, isHidden: true, hiddenReason: '人身攻击' });
      await w.expectLastAction(matterId, 'comment.hide');
      const seen = (await w.clients.resident.get(url())).json().items.find((c: { id: number }) => c.id === commentId);
      expect(seen).toMatchObject({ body: '', isHidden: true, hiddenReason: '人身攻击' });
      const staffView = (await w.clients.convenor.get(url()))
        .json()
        .items.find((c: { id: number }) => c.id === commentId);
      expect(staffView.body).toBe('某某是骗子');
    });
  });
});
