import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ballotLog, ballotPaperEntries, ballotPapers, ballotVotes } from '../../../db/schema';
import { expectError } from '../../../test/after-deliberation.fixtures';
import { channelWorld, type ChannelWorld } from '../../../test/ballot-channels.fixtures';

type Client = ChannelWorld['friend'];

describe('assisted votes and paper ballots', () => {
  let w: ChannelWorld;
  beforeAll(async () => {
    w = await channelWorld();
  });
  afterAll(() => w.t.close());

  const votesOf = (ballotId: number) => w.db.select().from(ballotVotes).where(eq(ballotVotes.ballotId, ballotId));
  const enter = (client: Client, ballotId: number, paper: Record<string, unknown>) =>
    client.post(`/api/ballots/${ballotId}/papers`, paper);
  const papersOf = async (ballotId: number, query = '') =>
    (await w.clients.convenor.get(`/api/ballots/${ballotId}/papers${query}`)).json();
  const logOf = (ballotId: number, action: string) =>
    w.db
      .select()
      .from(ballotLog)
      .where(and(eq(ballotLog.ballotId, ballotId), eq(ballotLog.action, action)));

  describe('assisted entry (协助投票)', () => {
    it('lets a grid worker enter a named voter’s choice at the door, logged with the method', async () => {
      const { ballot, electors } = await w.openBallot();
      const url = `/api/ballots/${ballot.id}/votes/assisted`;
      const response = await w.clients.grid.post(url, {
        electorId: electors.sun,
        method: 'door_to_door',
        choice: 'for',
      });
      expect(response.statusCode, response.body).toBe(201);
      expect(response.json()).toMatchObject({ channel: 'assisted', receipt: expect.stringMatching(/^[2-9A-Z]{12}$/) });
      expect(await votesOf(ballot.id)).toMatchObject([
        { electorId: electors.sun, channel: 'assisted', castBy: w.staff.grid.id, choice: { choice: 'for' } },
      ]);
      expect((await logOf(ballot.id, 'vote.assisted'))[0]!.payload).toEqual({
        electorId: electors.sun,
        method: 'door_to_door',
      });
      expectError(
        await w.clients.convenor.post(url, { electorId: electors.sun, method: 'mobile_box', choice: 'against' }),
        409,
        {
          code: 'ballot.already_voted',
        },
      );
    });

    it('refuses the anonymous, voters, supervisors, another community, bad bodies and strangers', async () => {
      const { ballot, electors } = await w.openBallot();
      const url = `/api/ballots/${ballot.id}/votes/assisted`;
      const body = { electorId: electors.sun, method: 'mobile_box', choice: 'for' };
      expectError(await w.clients.anonymous.post(url, body), 401, { code: 'auth.required' });
      expectError(await w.clients.resident.post(url, body), 403, { code: 'access.denied' });
      expectError(await w.clients.supervisor.post(url, body), 403, { code: 'access.denied' });
      expectError(await w.clients.other.post(url, body), 404, { code: 'not_found' });
      expectError(await w.clients.grid.post(url, { ...body, method: 'phone' }), 400, { field: 'method' });
      expectError(await w.clients.grid.post(url, { ...body, choice: undefined }), 400, {
        code: 'ballot.bad_choice',
        field: 'choice',
      });
      expectError(await w.clients.grid.post(url, { ...body, electorId: 999_999 }), 400, {
        code: 'ballot.unknown_elector',
        field: 'electorId',
      });
      expect(await votesOf(ballot.id)).toHaveLength(0);
    });

    it('tells live turnout pages when an assisted vote or a paper counts', async () => {
      const { ballot, electors } = await w.openBallot();
      const listener = await w.t.database.pool.connect();
      const heard: string[] = [];
      listener.on('notification', (n) => heard.push(n.payload ?? ''));
      await listener.query('listen ballot_events');
      try {
        await w.clients.grid.post(`/api/ballots/${ballot.id}/votes/assisted`, {
          electorId: electors.li,
          method: 'mobile_box',
          choice: 'for',
        });
        const paper = { paperNo: 'L001', electorId: electors.wang, choice: 'for' };
        await enter(w.clients.grid, ballot.id, paper);
        await enter(w.clients.convenor, ballot.id, paper);
        await new Promise((resolve) => setTimeout(resolve, 100));
      } finally {
        await listener.query('unlisten ballot_events');
        listener.release();
      }
      const mine = heard.map((p) => JSON.parse(p) as { ballotId: number }).filter((e) => e.ballotId === ballot.id);
      expect(mine).toEqual([
        { ballotId: ballot.id, kind: 'turnout' },
        { ballotId: ballot.id, kind: 'turnout' },
      ]);
    });

    it('keeps the choice of a secret ballot out of the vote row and the log', async () => {
      const { ballot, electors } = await w.openBallot({ secrecy: 'secret' });
      const response = await w.clients.grid.post(`/api/ballots/${ballot.id}/votes/assisted`, {
        electorId: electors.zhou,
        method: 'mobile_box',
        choice: 'against',
      });
      expect(response.statusCode, response.body).toBe(201);
      expect(await votesOf(ballot.id)).toMatchObject([{ channel: 'assisted', choice: null }]);
      const logs = await w.db.select().from(ballotLog).where(eq(ballotLog.ballotId, ballot.id));
      expect(JSON.stringify(logs.map((l) => l.payload))).not.toContain('against');
    });
  });

  describe('paper ballots, entered twice', () => {
    it('counts a paper once two different staff agree on elector and choice', async () => {
      const { ballot, electors } = await w.openBallot();
      const paper = { paperNo: 'A001', electorId: electors.wang, choice: 'for' };
      const first = await enter(w.clients.grid, ballot.id, paper);
      expect(first.statusCode, first.body).toBe(201);
      expect(first.json()).toMatchObject({
        paperNo: 'A001',
        status: 'pending',
        entries: [{ electorId: electors.wang }],
      });
      expect(await votesOf(ballot.id)).toHaveLength(0);
      const second = await enter(w.clients.convenor, ballot.id, paper);
      expect(second.json()).toMatchObject({ status: 'counted' });
      expect(second.json().entries).toHaveLength(2);
      expect(await votesOf(ballot.id)).toMatchObject([
        { electorId: electors.wang, channel: 'paper', paperNo: 'A001', castBy: w.staff.convenor.id },
      ]);
      expectError(await enter(w.grid2, ballot.id, { ...paper, paperNo: ' a001 ' }), 409, {
        code: 'paper.already_counted',
      });
    });

    it('refuses the same staff member entering a paper twice', async () => {
      const { ballot, electors } = await w.openBallot();
      const paper = { paperNo: 'A002', electorId: electors.wang, choice: 'for' };
      expect((await enter(w.clients.grid, ballot.id, paper)).statusCode).toBe(201);
      expectError(await enter(w.clients.grid, ballot.id, paper), 409, { code: 'paper.same_staff' });
      expect((await papersOf(ballot.id)).items[0]).toMatchObject({ status: 'pending', entries: [{}] });
    });

    it('counts nothing when the entries disagree, until a third staff member reconciles the paper', async () => {
      const { ballot, electors } = await w.openBallot();
      await enter(w.clients.grid, ballot.id, { paperNo: 'B001', electorId: electors.sun, choice: 'for' });
      const second = await enter(w.clients.convenor, ballot.id, {
        paperNo: 'B001',
        electorId: electors.sun,
        choice: 'against',
      });
      expect(second.json()).toMatchObject({ status: 'mismatch' });
      expect(await votesOf(ballot.id)).toHaveLength(0);
      expectError(await enter(w.grid2, ballot.id, { paperNo: 'B001', electorId: electors.sun, choice: 'for' }), 409, {
        code: 'paper.needs_reconcile',
      });
      const url = `/api/ballot-papers/${second.json().id}/reconcile`;
      expectError(await w.clients.grid.post(url, { electorId: electors.sun, choice: 'for' }), 409, {
        code: 'paper.same_staff',
      });
      expectError(await w.clients.resident.post(url, { electorId: electors.sun, choice: 'for' }), 403, {
        code: 'access.denied',
      });
      expectError(await w.grid2.post(url, { choice: 'for' }), 400, { field: 'electorId' });
      const settled = await w.grid2.post(url, { electorId: electors.sun, choice: 'for', note: '核对原件：同意' });
      expect(settled.statusCode, settled.body).toBe(200);
      expect(settled.json()).toMatchObject({ status: 'counted' });
      expect(await votesOf(ballot.id)).toMatchObject([
        { electorId: electors.sun, channel: 'paper', castBy: w.grid2AccountId, choice: { choice: 'for' } },
      ]);
      const [row] = await w.db.select().from(ballotPapers).where(eq(ballotPapers.id, second.json().id));
      expect(row).toMatchObject({ reconciledBy: w.grid2AccountId, reconcileNote: '核对原件：同意' });
      expectError(await w.grid2.post(url, { void: true, note: '重复' }), 409, { code: 'paper.not_mismatch' });
    });

    it('treats a different elector as a mismatch too, and lets the third person void the paper', async () => {
      const { ballot, electors } = await w.openBallot();
      await enter(w.clients.grid, ballot.id, { paperNo: 'C001', electorId: electors.sun, choice: 'for' });
      const second = await enter(w.clients.convenor, ballot.id, {
        paperNo: 'C001',
        electorId: electors.zhou,
        choice: 'for',
      });
      expect(second.json()).toMatchObject({ status: 'mismatch' });
      const url = `/api/ballot-papers/${second.json().id}/reconcile`;
      expectError(await w.grid2.post(url, { void: true }), 400, { field: 'note' });
      const voided = await w.grid2.post(url, { void: true, note: '选票字迹无法辨认' });
      expect(voided.json()).toMatchObject({ status: 'void' });
      expect(await votesOf(ballot.id)).toHaveLength(0);
      expectError(await enter(w.grid2, ballot.id, { paperNo: 'C001', electorId: electors.sun, choice: 'for' }), 409, {
        code: 'paper.void',
      });
      expect((await logOf(ballot.id, 'paper.void')).length).toBe(1);
    });

    it('never counts an elector twice: a paper for someone who voted online stays for reconciliation', async () => {
      const { ballot, electors } = await w.openBallot();
      expect((await w.clients.resident.post(`/api/ballots/${ballot.id}/votes`, { choice: 'against' })).statusCode).toBe(
        201,
      );
      const paper = { paperNo: 'D001', electorId: electors.zhang, choice: 'for' };
      await enter(w.clients.grid, ballot.id, paper);
      expectError(await enter(w.clients.convenor, ballot.id, paper), 409, { code: 'ballot.already_voted' });
      expect(await votesOf(ballot.id)).toMatchObject([{ channel: 'online', choice: { choice: 'against' } }]);
      const listed = await papersOf(ballot.id, '?status=mismatch');
      expect(listed.items).toMatchObject([{ paperNo: 'D001', status: 'mismatch' }]);
      expect(listed.items[0].entries).toHaveLength(2);
      const url = `/api/ballot-papers/${listed.items[0].id}/reconcile`;
      expectError(await w.grid2.post(url, { electorId: electors.zhang, choice: 'for' }), 409, {
        code: 'ballot.already_voted',
      });
      expect((await w.grid2.post(url, { void: true, note: '本人已网上投票' })).json()).toMatchObject({
        status: 'void',
      });
    });

    it('lists papers for staff with counts per state, and refuses others', async () => {
      const { ballot, electors } = await w.openBallot();
      await enter(w.clients.grid, ballot.id, { paperNo: 'E001', electorId: electors.wang, choice: 'for' });
      await enter(w.clients.grid, ballot.id, { paperNo: 'E002', electorId: electors.sun, choice: 'abstain' });
      await enter(w.clients.convenor, ballot.id, { paperNo: 'E002', electorId: electors.sun, choice: 'abstain' });
      const all = await papersOf(ballot.id);
      expect(all.counts).toEqual({ pending: 1, mismatch: 0, counted: 1, void: 0 });
      expect(all.items[0]).toMatchObject({
        paperNo: 'E001',
        entries: [
          {
            label: expect.stringContaining('王老师'),
            enteredBy: { accountId: w.staff.grid.id },
            choice: { choice: 'for' },
          },
        ],
      });
      expect((await papersOf(ballot.id, '?status=counted')).items).toMatchObject([{ paperNo: 'E002' }]);
      const url = `/api/ballots/${ballot.id}/papers`;
      expectError(await w.clients.anonymous.get(url), 401, { code: 'auth.required' });
      expectError(await w.clients.resident.get(url), 403, { code: 'access.denied' });
      expectError(await w.clients.other.get(url), 404, { code: 'not_found' });
      expectError(await w.clients.convenor.get(`${url}?status=lost`), 400, { field: 'status' });
      expectError(
        await enter(w.clients.resident, ballot.id, { paperNo: 'E003', electorId: electors.li, choice: 'for' }),
        403,
        {
          code: 'access.denied',
        },
      );
      expectError(await enter(w.clients.grid, ballot.id, { paperNo: '', electorId: electors.li, choice: 'for' }), 400, {
        field: 'paperNo',
      });
    });

    it('leaves one consistent paper when entries arrive at the same moment', async () => {
      const { ballot, electors } = await w.openBallot();
      const paper = { paperNo: 'F001', electorId: electors.zhou, choice: 'for' };
      const both = await Promise.all([
        enter(w.clients.grid, ballot.id, paper),
        enter(w.clients.convenor, ballot.id, paper),
      ]);
      expect(both.map((r) => r.statusCode)).toEqual([201, 201]);
      expect(both.map((r) => r.json().status).sort()).toEqual(['counted', 'pending']);
      const twice = await Promise.all([
        enter(w.clients.grid, ballot.id, { ...paper, paperNo: 'F002' }),
        enter(w.clients.grid, ballot.id, { ...paper, paperNo: 'F002' }),
      ]);
      expect(twice.map((r) => r.statusCode).sort()).toEqual([201, 409]);
      expect(await w.db.select().from(ballotPapers).where(eq(ballotPapers.ballotId, ballot.id))).toHaveLength(2);
      expect(await votesOf(ballot.id)).toHaveLength(1);
    });

    it('refuses entries and reconciliation on a draft or closed ballot, and strangers to the paper', async () => {
      const draft = await w.openBallot({ status: 'draft' });
      const closed = await w.openBallot({ status: 'closed' });
      for (const [{ ballot, electors }, code] of [
        [draft, 'ballot.not_open'],
        [closed, 'ballot.closed'],
      ] as const) {
        const paper = { paperNo: 'K001', electorId: electors.wang, choice: 'for' };
        expectError(await enter(w.clients.grid, ballot.id, paper), 409, { code });
        const assisted = { electorId: electors.wang, method: 'door_to_door', choice: 'for' };
        expectError(await w.clients.grid.post(`/api/ballots/${ballot.id}/votes/assisted`, assisted), 409, { code });
      }
      const { ballot, electors } = await w.openBallot();
      await enter(w.clients.grid, ballot.id, { paperNo: 'K002', electorId: electors.wang, choice: 'for' });
      const mismatch = await enter(w.clients.convenor, ballot.id, {
        paperNo: 'K002',
        electorId: electors.wang,
        choice: 'against',
      });
      const url = `/api/ballot-papers/${mismatch.json().id}/reconcile`;
      expectError(await w.clients.anonymous.post(url, { void: true, note: '作废' }), 401, { code: 'auth.required' });
      expectError(await w.clients.other.post(url, { void: true, note: '作废' }), 404, { code: 'not_found' });
      expectError(await w.grid2.post('/api/ballot-papers/999999/reconcile', { void: true, note: '作废' }), 404, {
        code: 'not_found',
      });
      const pending = await enter(w.clients.grid, ballot.id, {
        paperNo: 'K003',
        electorId: electors.sun,
        choice: 'for',
      });
      expectError(
        await w.grid2.post(`/api/ballot-papers/${pending.json().id}/reconcile`, {
          electorId: electors.sun,
          choice: 'for',
        }),
        409,
        { code: 'paper.not_mismatch' },
      );
      expectError(
        await w.clients.grid.post(`/api/ballot-papers/${pending.json().id}/reconcile`, { void: true, note: '作废' }),
        409,
        { code: 'paper.same_staff' },
      );
      const voided = await w.grid2.post(`/api/ballot-papers/${pending.json().id}/reconcile`, {
        void: true,
        note: '原票遗失',
      });
      expect(voided.json()).toMatchObject({ status: 'void', reconcileNote: '原票遗失' });
    });

    it('reads an approval paper the same whatever the order of the ticks', async () => {
      const { ballot, electors, options } = await w.openBallot({
        ruleKey: 'approval',
        options: ['南侧', '北侧', '东侧'],
      });
      const [a, b] = options.map((o) => o.id);
      await enter(w.clients.grid, ballot.id, { paperNo: 'G001', electorId: electors.wang, optionIds: [a, b] });
      const second = await enter(w.clients.convenor, ballot.id, {
        paperNo: 'G001',
        electorId: electors.wang,
        optionIds: [b, a],
      });
      expect(second.json()).toMatchObject({ status: 'counted' });
    });

    it('on a secret ballot, forgets which elector wrote which choice once the paper counts', async () => {
      const { ballot, electors } = await w.openBallot({ secrecy: 'secret' });
      const paper = { paperNo: 'H001', electorId: electors.wang, choice: 'against' };
      await enter(w.clients.grid, ballot.id, paper);
      const counted = await enter(w.clients.convenor, ballot.id, paper);
      expect(counted.json()).toMatchObject({ status: 'counted', entries: [{ choice: null }, { choice: null }] });
      const entries = await w.db
        .select()
        .from(ballotPaperEntries)
        .where(eq(ballotPaperEntries.paperId, counted.json().id));
      expect(JSON.stringify(entries.map((e) => e.choice))).not.toContain('against');
      expect(await votesOf(ballot.id)).toMatchObject([{ channel: 'paper', choice: null }]);
      await papersOf(ballot.id);
      expect(await logOf(ballot.id, 'papers.read')).toHaveLength(1);
    });
  });
});
