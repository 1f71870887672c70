import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { objections, resolutionConfirmations, resolutions } from '../../db/schema';
import {
  afterDeliberationWorld,
  expectError,
  type AfterDeliberationWorld,
} from '../../test/after-deliberation.fixtures';
import { buildBallot } from '../../test/ballot-factories';
import { isObjectionWindowOpen } from './resolutions.presenter';

const draft = { body: '同意加装电梯，费用按楼层系数分摊。', basis: 'consensus', objectionDays: 7 };

describe('resolution routes', () => {
  let w: AfterDeliberationWorld;
  beforeAll(async () => {
    w = await afterDeliberationWorld();
  });
  afterEach(() => w.t.clock.reset());
  afterAll(async () => w.t.close());

  describe('POST /api/matters/:id/resolution and /resolve', () => {
    it('refuses the anonymous, residents, another community and the wrong step', async () => {
      const m = await w.matterAt('deliberating');
      const url = `/api/matters/${m.id}/resolution`;
      expectError(await w.clients.anonymous.post(url, draft), 401, { code: 'auth.required' });
      expectError(await w.clients.resident.post(url, draft), 403, { code: 'access.denied' });
      expectError(await w.clients.other.post(url, draft), 404, { code: 'not_found' });
      const announced = await w.matterAt('resolved');
      expectError(await w.clients.convenor.post(`/api/matters/${announced.id}/resolution`, draft), 409, {
        code: 'matter.wrong_stage',
      });
      const archived = await w.matterAt('archived');
      expectError(await w.clients.convenor.post(`/api/matters/${archived.id}/resolution`, draft), 409, {
        code: 'matter.read_only',
      });
    });

    it('rejects bad bodies with the field at fault; a ballot basis needs its ballot', async () => {
      const m = await w.matterAt('deliberating');
      const url = `/api/matters/${m.id}/resolution`;
      const cases: [object, object][] = [
        [{ ...draft, body: '' }, { field: 'body' }],
        [{ ...draft, basis: 'vote' }, { field: 'basis' }],
        [{ ...draft, objectionDays: 0 }, { field: 'objectionDays' }],
        [{ ...draft, objectionDays: 31 }, { field: 'objectionDays' }],
        [
          { ...draft, basis: 'ballot' },
          { code: 'resolution.ballot_required', field: 'ballotId' },
        ],
        [
          { ...draft, meetingId: 999999 },
          { code: 'resolution.meeting_mismatch', field: 'meetingId' },
        ],
      ];
      for (const [body, error] of cases) expectError(await w.clients.convenor.post(url, body), 400, error);
      const onBallot = { ...draft, basis: 'ballot' };
      expectError(await w.clients.convenor.post(url, { ...onBallot, ballotId: 999999 }), 400, {
        code: 'resolution.ballot_mismatch',
        field: 'ballotId',
      });
      const ballotOf = (matterId: number, status: 'open' | 'closed') =>
        buildBallot(w.db, {
          matterId,
          placeId: w.territory.building.id,
          placePath: w.territory.building.path,
          createdBy: w.staff.convenor.id,
          ruleKey: 'simple_majority',
          status,
          electors: [{ residentIds: [] }],
        });
      const open = await ballotOf(m.id, 'open');
      expectError(await w.clients.convenor.post(url, { ...onBallot, ballotId: open.ballot.id }), 400, {
        code: 'resolution.ballot_not_closed',
        field: 'ballotId',
      });
      const elsewhere = await ballotOf((await w.matterAt('deliberating')).id, 'closed');
      expectError(await w.clients.convenor.post(url, { ...onBallot, ballotId: elsewhere.ballot.id }), 400, {
        code: 'resolution.ballot_mismatch',
      });
      const closed = await ballotOf(m.id, 'closed');
      const ballot = await w.clients.convenor.post(url, { ...onBallot, ballotId: closed.ballot.id });
      expect(ballot.json()).toMatchObject({ basis: 'ballot', ballotId: closed.ballot.id });
    });

    it('resolves only after a held meeting and a resolution, then opens the objection window', async () => {
      const m = await w.matterAt('deliberating');
      const resolve = `/api/matters/${m.id}/resolve`;
      expectError(await w.clients.convenor.post(resolve), 409, { code: 'matter.needs_meeting' });
      const meeting = await w.holdMeeting(m.id, [w.residentAccountId]);
      expectError(await w.clients.convenor.post(resolve), 409, { code: 'matter.needs_resolution' });
      expectError(await w.clients.resident.post(resolve), 403, { code: 'access.denied' });

      const drafted = await w.clients.convenor.post(`/api/matters/${m.id}/resolution`, {
        ...draft,
        meetingId: meeting.id,
      });
      expect(drafted.statusCode).toBe(200);
      await w.expectLastAction(m.id, 'resolution.draft');
      const redrafted = await w.clients.convenor.post(`/api/matters/${m.id}/resolution`, {
        ...draft,
        objectionDays: 3,
      });
      expect(redrafted.json().id).toBe(drafted.json().id);

      const before = Date.now();
      const resolved = await w.clients.convenor.post(resolve);
      expect(resolved.json()).toEqual({ id: m.id, status: 'resolved' });
      await w.expectLastAction(m.id, 'resolve');
      const [row] = await w.db.select().from(resolutions).where(eq(resolutions.matterId, m.id));
      const days = (row!.objectionEndsAt.getTime() - before) / 86_400_000;
      expect(days).toBeGreaterThanOrEqual(3);
      expect(days).toBeLessThan(3.01);
    });
  });

  describe('confirmations and objections', () => {
    let matterId: number;
    beforeAll(async () => {
      const m = await w.matterAt('deliberating');
      matterId = m.id;
      await w.holdMeeting(m.id, [w.residentAccountId]);
      await w.clients.convenor.post(`/api/matters/${m.id}/resolution`, draft);
      await w.clients.convenor.post(`/api/matters/${m.id}/resolve`);
    });

    it('lets an attendee confirm once, even twice at once', async () => {
      const url = `/api/matters/${matterId}/resolution/confirm`;
      expectError(await w.clients.anonymous.post(url), 401, { code: 'auth.required' });
      expectError(await w.clients.other.post(url), 404, { code: 'not_found' });
      // 李师傅 may see the matter but did not sign in at its meeting.
      expectError(await w.clients.neighbour.post(url), 403, {});
      const [a, b] = await Promise.all([w.clients.resident.post(url), w.clients.resident.post(url)]);
      expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
      expect((await w.clients.resident.post(url)).json().confirmed).toBe(true);
      const rows = await w.db.select().from(resolutionConfirmations);
      expect(rows.filter((r) => r.accountId === w.residentAccountId)).toHaveLength(1);
      await w.expectLastAction(matterId, 'resolution.confirm');
      const read = (await w.clients.resident.get(`/api/matters/${matterId}/resolution`)).json();
      // Their own confirmation carries their name; others would read 居民Z.
      expect(read).toMatchObject({ confirmedByMe: true, confirmations: [{ person: { kind: 'name' } }] });
      const other = (await w.clients.neighbour.get(`/api/matters/${matterId}/resolution`)).json();
      expect(other.confirmations).toEqual([{ person: { kind: 'resident', initial: 'Z' }, at: expect.any(String) }]);
    });

    it('refuses confirming before the matter is resolved', async () => {
      const m = await w.matterAt('deliberating');
      await w.holdMeeting(m.id, [w.residentAccountId]);
      expectError(await w.clients.resident.post(`/api/matters/${m.id}/resolution/confirm`), 409, {
        code: 'matter.wrong_stage',
      });
    });

    it('takes objections while the window is open and staff answer each once', async () => {
      const url = `/api/matters/${matterId}/objections`;
      expectError(await w.clients.anonymous.post(url, { body: '异议' }), 401, { code: 'auth.required' });
      expectError(await w.clients.other.post(url, { body: '异议' }), 404, { code: 'not_found' });
      expectError(await w.clients.neighbour.post(url, { body: ' ' }), 400, { field: 'body' });
      const raised = await w.clients.neighbour.post(url, { body: '一楼住户不应分摊费用。' });
      expect(raised.statusCode).toBe(201);
      await w.expectLastAction(matterId, 'objection.raise');

      const answerUrl = `/api/objections/${raised.json().id}/answer`;
      const answer = { answer: '一楼住户按系数0分摊，已写入决议。' };
      expectError(await w.clients.anonymous.post(answerUrl, answer), 401, { code: 'auth.required' });
      expectError(await w.clients.neighbour.post(answerUrl, answer), 403, { code: 'access.denied' });
      expectError(await w.clients.other.post(answerUrl, answer), 404, { code: 'not_found' });
      expectError(await w.clients.convenor.post(answerUrl, { answer: '' }), 400, { field: 'answer' });
      expect((await w.clients.convenor.post(answerUrl, answer)).statusCode).toBe(200);
      await w.expectLastAction(matterId, 'objection.answer');
      expectError(await w.clients.convenor.post(answerUrl, answer), 409, { code: 'objection.already_answered' });
      const read = (await w.clients.neighbour.get(`/api/matters/${matterId}/resolution`)).json();
      expect(read.objections).toMatchObject([{ author: { kind: 'name' }, isMine: true, answer: answer.answer }]);
      const byOthers = (await w.clients.resident.get(`/api/matters/${matterId}/resolution`)).json();
      expect(byOthers.objections).toMatchObject([{ author: { kind: 'resident', initial: 'L' }, isMine: false }]);
    });

    it('closes the window at its end: just before it takes objections, after it stores nothing', async () => {
      const end = new Date('2026-03-01T08:00:00.000Z');
      expect(isObjectionWindowOpen(end, new Date(end.getTime() - 1))).toBe(true);
      expect(isObjectionWindowOpen(end, end)).toBe(false);

      const [row] = await w.db.select().from(resolutions).where(eq(resolutions.matterId, matterId));
      const url = `/api/matters/${matterId}/objections`;
      w.t.clock.freeze(row!.objectionEndsAt!.getTime() - 2000);
      expect((await w.clients.neighbour.post(url, { body: '最后一刻的异议' })).statusCode).toBe(201);
      w.t.clock.freeze(row!.objectionEndsAt!);
      const count = async () => (await w.db.select().from(objections)).length;
      const stored = await count();
      expectError(await w.clients.neighbour.post(url, { body: '太迟的异议' }), 409, {
        code: 'matter.objection_window_closed',
      });
      expect(await count()).toBe(stored);
    });

    it('keeps the window open for its days on the clock: still open a minute before, closed a minute after', async () => {
      const m = await w.matterAt('deliberating');
      await w.holdMeeting(m.id, [w.residentAccountId]);
      await w.clients.convenor.post(`/api/matters/${m.id}/resolution`, { ...draft, objectionDays: 3 });
      expect((await w.clients.convenor.post(`/api/matters/${m.id}/resolve`)).statusCode).toBe(200);
      const url = `/api/matters/${m.id}/objections`;
      w.t.clock.advance(3 * 86_400_000 - 60_000);
      expect((await w.clients.neighbour.post(url, { body: '第三天的异议' })).statusCode).toBe(201);
      w.t.clock.advance(2 * 60_000);
      expectError(await w.clients.neighbour.post(url, { body: '第四天的异议' }), 409, {
        code: 'matter.objection_window_closed',
      });
    });

    it('refuses objections and confirmations once archived', async () => {
      const archived = await w.matterAt('archived');
      expectError(await w.clients.resident.post(`/api/matters/${archived.id}/objections`, { body: '异议' }), 409, {
        code: 'matter.read_only',
      });
      expectError(await w.clients.resident.post(`/api/matters/${archived.id}/resolution/confirm`), 409, {
        code: 'matter.read_only',
      });
    });
  });
});
