import { eq, inArray } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { withClock } from '../../../clock';
import {
  ballotLog,
  ballotPaperEntries,
  ballotProxies,
  ballotPapers,
  ballots,
  ballotSecretChoices,
  ballotVotes,
  matterEvents,
} from '../../../db/schema';
import { expectError } from '../../../test/after-deliberation.fixtures';
import { buildStaff } from '../../../test/factories';
import { channelWorld, type ChannelWorld } from '../../../test/ballot-channels.fixtures';
import type { TestClient } from '../../../test/build-test-app';
import { requireClosedBallotOf } from './close';
import { closeDueBallots } from './close-due.job';

/** Anything that could say what a secret paper chose: the choice words and option labels used below. */
const choiceWords = /against|abstain|"for"|反对|弃权|同意|南侧|北侧/;

describe('secret paper ballots and the counting state (计票中)', () => {
  let w: ChannelWorld;
  let officer: TestClient;
  beforeAll(async () => {
    w = await channelWorld();
    const account = await buildStaff(w.db, { role: 'town_officer', placeId: w.territory.town.id, name: '街道干部' });
    officer = await w.t.loginByCode(account.phone);
  });
  afterEach(() => w.t.clock.reset());
  afterAll(() => w.t.close());

  const enter = (client: TestClient, ballotId: number, paper: Record<string, unknown>) =>
    client.post(`/api/ballots/${ballotId}/papers`, paper);
  const entriesOf = async (ballotId: number) => {
    const papers = w.db.select({ id: ballotPapers.id }).from(ballotPapers).where(eq(ballotPapers.ballotId, ballotId));
    return w.db.select().from(ballotPaperEntries).where(inArray(ballotPaperEntries.paperId, papers));
  };
  const papersOf = (ballotId: number) => w.db.select().from(ballotPapers).where(eq(ballotPapers.ballotId, ballotId));
  /** Moves the app's clock a second past the ballot's closing time, as if its deadline had come. */
  const passDeadline = async (ballotId: number) => {
    const [row] = await w.db.select({ closesAt: ballots.closesAt }).from(ballots).where(eq(ballots.id, ballotId));
    w.t.clock.set(row!.closesAt.getTime() + 1000);
  };
  /** The deadline job, on the app's clock. */
  const closeDue = () => withClock(w.t.clock, () => closeDueBallots(w.db));

  describe('secret ballot, paper entries', () => {
    it('shows the first entry’s choice to nobody: no route, no table, no log holds it', async () => {
      const { ballot, electors } = await w.openBallot({ secrecy: 'secret' });
      const first = await enter(w.clients.grid, ballot.id, {
        paperNo: 'S001',
        electorId: electors.wang,
        choice: 'against',
      });
      expect(first.statusCode, first.body).toBe(201);
      expect(first.json()).toMatchObject({ status: 'pending', entries: [{ electorId: electors.wang, choice: null }] });
      for (const client of [w.clients.convenor, w.clients.grid, w.grid2, officer]) {
        const listed = await client.get(`/api/ballots/${ballot.id}/papers`);
        expect(listed.statusCode, listed.body).toBe(200);
        expect(listed.json().items).toMatchObject([
          { paperNo: 'S001', status: 'pending', entries: [{ choice: null }] },
        ]);
        expect(listed.body).not.toMatch(choiceWords);
      }
      expectError(await w.clients.supervisor.get(`/api/ballots/${ballot.id}/papers`), 403, { code: 'access.denied' });
      const [entry] = await entriesOf(ballot.id);
      expect(entry).toMatchObject({ choice: null, choiceDigest: expect.stringMatching(/^[0-9a-f]{64}$/) });
      const [paper] = await papersOf(ballot.id);
      expect(paper!.choiceSalt).toMatch(/^[0-9a-f]{64}$/);
      const logs = await w.db.select().from(ballotLog).where(eq(ballotLog.ballotId, ballot.id));
      expect(JSON.stringify(logs)).not.toMatch(choiceWords);
      const view = await w.clients.convenor.get(`/api/ballots/${ballot.id}`);
      expect(view.body).not.toMatch(/against|abstain/);
    });

    it('counts the paper when a second person agrees, the way secret choices count, and forgets the digests', async () => {
      const { ballot, electors } = await w.openBallot({ secrecy: 'secret' });
      const paper = { paperNo: 'S002', electorId: electors.sun, choice: 'against' };
      await enter(w.clients.grid, ballot.id, paper);
      const second = await enter(w.clients.convenor, ballot.id, paper);
      expect(second.json()).toMatchObject({ status: 'counted', entries: [{ choice: null }, { choice: null }] });
      expect(await w.db.select().from(ballotVotes).where(eq(ballotVotes.ballotId, ballot.id))).toMatchObject([
        { electorId: electors.sun, channel: 'paper', choice: null },
      ]);
      const secret = await w.db.select().from(ballotSecretChoices).where(eq(ballotSecretChoices.ballotId, ballot.id));
      expect(secret).toMatchObject([{ choice: { kind: 'yes_no', choice: 'against' } }]);
      expect(Object.keys(secret[0]!)).not.toContain('electorId');
      expect(await entriesOf(ballot.id)).toMatchObject([
        { choice: null, choiceDigest: null },
        { choice: null, choiceDigest: null },
      ]);
      expect((await papersOf(ballot.id))[0]!.choiceSalt).toBeNull();
    });

    it('shows only that two entries differ, and counts a third reading that matches one of them', async () => {
      const { ballot, electors } = await w.openBallot({ secrecy: 'secret' });
      await enter(w.clients.grid, ballot.id, { paperNo: 'S003', electorId: electors.zhou, choice: 'for' });
      const second = await enter(w.clients.convenor, ballot.id, {
        paperNo: 'S003',
        electorId: electors.zhou,
        choice: 'abstain',
      });
      expect(second.json()).toMatchObject({ status: 'mismatch', mismatch: 'differs' });
      const listed = await w.grid2.get(`/api/ballots/${ballot.id}/papers?status=mismatch`);
      expect(listed.json().items).toMatchObject([{ paperNo: 'S003', mismatch: 'differs' }]);
      expect(listed.body).not.toMatch(choiceWords);
      const url = `/api/ballot-papers/${second.json().id}/reconcile`;
      expectError(await w.grid2.post(url, { electorId: electors.zhou, choice: 'against' }), 409, {
        code: 'paper.reconcile_no_match',
      });
      expectError(await w.grid2.post(url, { electorId: electors.wang, choice: 'for' }), 409, {
        code: 'paper.reconcile_no_match',
      });
      expect((await papersOf(ballot.id))[0]!.status).toBe('mismatch');
      const settled = await w.grid2.post(url, { electorId: electors.zhou, choice: 'for', note: '核对原票' });
      expect(settled.statusCode, settled.body).toBe(200);
      expect(settled.json()).toMatchObject({ status: 'counted' });
      expect(await entriesOf(ballot.id)).toMatchObject([
        { choice: null, choiceDigest: null },
        { choice: null, choiceDigest: null },
      ]);
    });

    it('keeps named ballots as they were: entries with their choices for staff', async () => {
      const { ballot, electors } = await w.openBallot();
      await enter(w.clients.grid, ballot.id, { paperNo: 'N001', electorId: electors.wang, choice: 'against' });
      const listed = await w.clients.convenor.get(`/api/ballots/${ballot.id}/papers`);
      expect(listed.json().items).toMatchObject([{ entries: [{ choice: { kind: 'yes_no', choice: 'against' } }] }]);
      expect((await entriesOf(ballot.id))[0]).toMatchObject({ choiceDigest: null });
    });

    it('reads approval ticks in any order as the same digest', async () => {
      const { ballot, electors, options } = await w.openBallot({
        secrecy: 'secret',
        ruleKey: 'approval',
        options: ['南侧', '北侧', '东侧'],
      });
      const [a, b] = options.map((o) => o.id) as [number, number];
      await enter(w.clients.grid, ballot.id, { paperNo: 'S004', electorId: electors.wang, optionIds: [a, b] });
      const second = await enter(w.clients.convenor, ballot.id, {
        paperNo: 'S004',
        electorId: electors.wang,
        optionIds: [b, a],
      });
      expect(second.json()).toMatchObject({ status: 'counted' });
    });
  });

  describe('counting after the deadline', () => {
    it('moves a ballot with papers to counting at the deadline: papers still enter, online and proxy votes do not', async () => {
      const { ballot, electors, matter } = await w.openBallot({ secrecy: 'secret' });
      await enter(w.clients.grid, ballot.id, { paperNo: 'P001', electorId: electors.wang, choice: 'for' });
      // 赵大哥 holds 周叔叔's proxy, registered while the ballot was open.
      await w.db.insert(ballotProxies).values({
        ballotId: ballot.id,
        principalElectorId: electors.zhou,
        proxyAccountId: w.friendAccountId,
        letterSha256: 'a'.repeat(64),
        letterType: 'application/pdf',
        registeredBy: w.staff.convenor.id,
      });
      await passDeadline(ballot.id);
      const outcome = await closeDue();
      expect(outcome.counting).toContain(ballot.id);
      expect(outcome.closed).not.toContain(ballot.id);
      const [row] = await w.db.select().from(ballots).where(eq(ballots.id, ballot.id));
      expect(row).toMatchObject({ status: 'counting', result: null });
      const chain = await w.db.select().from(matterEvents).where(eq(matterEvents.matterId, matter.id));
      expect(chain.map((e) => e.action)).toContain('ballot.counting');
      // A second run leaves it counting: only staff close the count.
      expect((await closeDue()).closed).not.toContain(ballot.id);
      // No resolution may rest on it yet.
      await expect(
        withClock(w.t.clock, () => w.db.transaction((tx) => requireClosedBallotOf(tx, matter.id, ballot.id))),
      ).rejects.toMatchObject({
        code: 'resolution.ballot_not_closed',
      });

      const view = await w.clients.resident.get(`/api/ballots/${ballot.id}`);
      expect(view.json()).toMatchObject({ ballot: { status: 'counting' }, me: { canVote: false }, result: null });
      expectError(await w.clients.resident.post(`/api/ballots/${ballot.id}/votes`, { choice: 'for' }), 409, {
        code: 'ballot.closed',
      });
      expectError(
        await w.clients.grid.post(`/api/ballots/${ballot.id}/votes/assisted`, {
          electorId: electors.li,
          method: 'door_to_door',
          choice: 'for',
        }),
        409,
        { code: 'ballot.closed' },
      );
      expectError(
        await w.friend.post(`/api/ballots/${ballot.id}/votes/proxy`, {
          principalElectorId: electors.zhou,
          choice: 'for',
        }),
        409,
        { code: 'ballot.closed' },
      );
      expectError(
        await w.clients.convenor.post(`/api/ballots/${ballot.id}/extend`, {
          closesAt: new Date(Date.now() + 86_400_000).toISOString(),
          reason: '再投一天',
        }),
        409,
        { code: 'ballot.closed' },
      );
      const second = await enter(w.clients.convenor, ballot.id, {
        paperNo: 'P001',
        electorId: electors.wang,
        choice: 'for',
      });
      expect(second.statusCode, second.body).toBe(201);
      expect(second.json()).toMatchObject({ status: 'counted' });
      const late = await enter(w.clients.grid, ballot.id, {
        paperNo: 'P002',
        electorId: electors.sun,
        choice: 'against',
      });
      expect(late.json()).toMatchObject({ status: 'pending' });
    });

    it('refuses to close the count while a paper is pending or mismatched, then closes it once voided', async () => {
      const { ballot, electors } = await w.openBallot({ secrecy: 'secret' });
      await enter(w.clients.grid, ballot.id, { paperNo: 'Q001', electorId: electors.wang, choice: 'for' });
      await enter(w.clients.convenor, ballot.id, { paperNo: 'Q001', electorId: electors.wang, choice: 'for' });
      await enter(w.clients.grid, ballot.id, { paperNo: 'Q002', electorId: electors.sun, choice: 'against' });
      await enter(w.clients.grid, ballot.id, { paperNo: 'Q003', electorId: electors.zhou, choice: 'for' });
      const mismatch = await enter(w.clients.convenor, ballot.id, {
        paperNo: 'Q003',
        electorId: electors.zhou,
        choice: 'against',
      });
      await passDeadline(ballot.id);
      const staffView = await w.clients.convenor.get(`/api/ballots/${ballot.id}`);
      expect(staffView.json()).toMatchObject({
        ballot: { status: 'counting' },
        papers: { pending: 1, mismatch: 1, counted: 1 },
      });
      expectError(await w.clients.convenor.post(`/api/ballots/${ballot.id}/close`), 409, {
        code: 'ballot.papers_unsettled',
        details: { pending: 1, mismatch: 1 },
      });
      expectError(await w.clients.grid.post(`/api/ballots/${ballot.id}/close`), 403, { code: 'access.denied' });
      const q002 = (await w.db.select().from(ballotPapers).where(eq(ballotPapers.paperNo, 'Q002'))).find(
        (p) => p.ballotId === ballot.id,
      )!;
      const lost = await w.grid2.post(`/api/ballot-papers/${q002.id}/reconcile`, { void: true, note: '原票遗失' });
      expect(lost.json()).toMatchObject({ status: 'void' });
      expectError(await w.clients.convenor.post(`/api/ballots/${ballot.id}/close`), 409, {
        details: { pending: 0, mismatch: 1 },
      });
      const voided = await w.grid2.post(`/api/ballot-papers/${mismatch.json().id}/reconcile`, {
        void: true,
        note: '字迹无法辨认',
      });
      expect(voided.json()).toMatchObject({ status: 'void', reconcileNote: '字迹无法辨认' });
      const closed = await w.clients.convenor.post(`/api/ballots/${ballot.id}/close`);
      expect(closed.statusCode, closed.body).toBe(200);
      expect(closed.json()).toMatchObject({
        ballot: { status: 'closed' },
        result: { participants: { heads: '1' }, counts: { for: { heads: '1' }, against: { heads: '0' } } },
      });
      // After close nothing unsettled or settled holds a choice, a digest or a salt.
      expect((await entriesOf(ballot.id)).every((e) => e.choice === null && e.choiceDigest === null)).toBe(true);
      expect((await papersOf(ballot.id)).every((p) => p.choiceSalt === null)).toBe(true);
      const listed = await w.clients.convenor.get(`/api/ballots/${ballot.id}/papers`);
      expect(listed.body).not.toMatch(choiceWords);
      expectError(
        await enter(w.clients.grid, ballot.id, { paperNo: 'Q004', electorId: electors.li, choice: 'for' }),
        409,
        {
          code: 'ballot.closed',
        },
      );
    });

    it('closes a ballot without papers at the deadline, as before', async () => {
      const { ballot } = await w.openBallot();
      await passDeadline(ballot.id);
      expect((await closeDue()).closed).toContain(ballot.id);
      const [row] = await w.db.select().from(ballots).where(eq(ballots.id, ballot.id));
      expect(row!.status).toBe('closed');
    });

    it('reads an open ballot past its deadline with papers as counting before the job runs, and still takes papers', async () => {
      const { ballot, electors } = await w.openBallot();
      await w.db.update(ballots).set({ usesPapers: true }).where(eq(ballots.id, ballot.id));
      await passDeadline(ballot.id);
      const entered = await enter(w.clients.grid, ballot.id, {
        paperNo: 'R001',
        electorId: electors.li,
        choice: 'for',
      });
      expect(entered.statusCode, entered.body).toBe(201);
      const view = await w.clients.convenor.get(`/api/ballots/${ballot.id}`);
      expect(view.json()).toMatchObject({ ballot: { status: 'counting', usesPapers: true } });
    });

    it('refuses papers after the deadline on a ballot that never took any (it closed)', async () => {
      const { ballot, electors } = await w.openBallot();
      await passDeadline(ballot.id);
      expectError(
        await enter(w.clients.grid, ballot.id, { paperNo: 'T001', electorId: electors.li, choice: 'for' }),
        409,
        {
          code: 'ballot.closed',
        },
      );
    });
  });
});
