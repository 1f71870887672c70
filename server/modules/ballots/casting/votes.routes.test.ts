import { eq, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ballotElectors, ballots, ballotSecretChoices, ballotVotes } from '../../../db/schema';
import {
  afterDeliberationWorld,
  expectError,
  type AfterDeliberationWorld,
} from '../../../test/after-deliberation.fixtures';
import { buildOwners, residentClient } from '../../../test/ballot-factories';
import type { TestClient } from '../../../test/build-test-app';
import { buildPlace, buildResident } from '../../../test/factories';
import { castVote } from './cast';
import { closeBallot } from '../tally/close';
import { findBallot } from '../ballots.repository';

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
let phone = 13820000000;
let unitNo = 10;

type Vote = 'for' | 'against' | 'abstain' | null;

describe('ballot votes', () => {
  let w: AfterDeliberationWorld;
  beforeAll(async () => {
    w = await afterDeliberationWorld();
  });
  afterEach(() => w.t.clock.reset());
  afterAll(async () => w.t.close());

  /** A fresh unit of 5幢 with one owner per area (hundredths of m²), and an open ballot over it. */
  async function ownersBallot(areas: number[], over: Record<string, unknown> = {}) {
    unitNo += 1;
    const unit = await buildPlace(w.db, { kind: 'unit', name: `${unitNo}单元`, parentId: w.territory.building.id });
    const specs = areas.map((a, i) => ({ name: `业主${i + 1}`, phone: String((phone += 1)), areas: [a] }));
    const owners = await buildOwners(w.db, unit.id, specs);
    const matter = await w.matterAt('deliberating');
    const created = await w.clients.convenor.post(`/api/matters/${matter.id}/ballots`, {
      question: '是否同意加装电梯？',
      ruleKey: 'civil_code_278_major',
      electorateKind: 'owners',
      secrecy: 'named',
      allowsChange: false,
      closesAt: inDays(7),
      scopePlaceId: unit.id,
      ...over,
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as number;
    const opened = await w.clients.convenor.post(`/api/ballots/${id}/open`);
    expect(opened.statusCode, opened.body).toBe(200);
    const voters: TestClient[] = [];
    for (const o of owners) voters.push(await residentClient(w.t, o.resident.id));
    return { id, matter, voters, unit };
  }

  const vote = (client: TestClient, id: number, body: object) => client.post(`/api/ballots/${id}/votes`, body);

  /** Casts `votes[i]` for voter i (null: does not vote). */
  async function castAll(id: number, voters: TestClient[], votes: Vote[]) {
    for (const [i, choice] of votes.entries()) {
      if (!choice) continue;
      const r = await vote(voters[i]!, id, { choice });
      expect(r.statusCode, r.body).toBe(201);
    }
  }

  /** The clock reaches closesAt (set in the database); the next read closes it and shows the result. */
  async function afterDeadline(id: number) {
    await w.db
      .update(ballots)
      .set({ closesAt: new Date(Date.now() - 1000) })
      .where(eq(ballots.id, id));
    const view = await w.clients.resident.get(`/api/ballots/${id}`);
    expect(view.statusCode, view.body).toBe(200);
    return view.json();
  }

  describe('Art. 278 major (≥ 2/3 take part by heads and area, ≥ 3/4 of them agree by heads and area)', () => {
    it('passes at exactly 2/3 quorum and exactly 3/4 approval', async () => {
      const b = await ownersBallot([10000, 10000, 10000, 10000, 10000, 10000]);
      await castAll(b.id, b.voters, ['for', 'for', 'for', 'against', null, null]);
      const view = await afterDeadline(b.id);
      expect(view.ballot.status).toBe('closed');
      expect(view.result).toMatchObject({ outcome: 'passed', isStatutory: true, channels: { online: 4 } });
      expect(view.result.quorum.checks).toEqual([
        expect.objectContaining({
          measure: 'area',
          numerator: '40000',
          denominator: '60000',
          percent: '66.67',
          met: true,
        }),
        expect.objectContaining({ measure: 'heads', numerator: '4', denominator: '6', threshold: '≥ 2/3', met: true }),
      ]);
      expect(view.result.decision.checks).toEqual([
        expect.objectContaining({ measure: 'area', numerator: '30000', denominator: '40000', met: true }),
        expect.objectContaining({ measure: 'heads', numerator: '3', denominator: '4', met: true }),
      ]);
      expect(view.result.counts.abstain).toEqual({ heads: '0', area: '0', households: '0' });
    });

    it('is rejected when the approving area is one hundredth of a m² short of 3/4', async () => {
      const b = await ownersBallot([10000, 10000, 10000, 10001, 10000, 10000]);
      await castAll(b.id, b.voters, ['for', 'for', 'for', 'against', null, null]);
      const { result } = await afterDeadline(b.id);
      expect(result.outcome).toBe('rejected');
      expect(result.decision.checks[0]).toMatchObject({ numerator: '30000', denominator: '40001', met: false });
      expect(result.decision.checks[1]).toMatchObject({ met: true });
    });

    it('is not quorate one head short, nor one hundredth of a m² short, of 2/3', async () => {
      const heads = await ownersBallot([10000, 10000, 10000, 10000, 10000, 10000]);
      await castAll(heads.id, heads.voters, ['for', 'for', 'for', null, null, null]);
      expect((await afterDeadline(heads.id)).result.outcome).toBe('not_quorate');
      const area = await ownersBallot([10000, 10000, 10000, 10000, 10000, 10001]);
      await castAll(area.id, area.voters, ['for', 'for', 'for', 'for', null, null]);
      const { result } = await afterDeadline(area.id);
      expect(result.outcome).toBe('not_quorate');
      expect(result.quorum.checks[0]).toMatchObject({
        measure: 'area',
        numerator: '40000',
        denominator: '60001',
        met: false,
      });
    });
  });

  it('Art. 278 general: exactly half in favour is rejected (过半数 excludes one half)', async () => {
    const b = await ownersBallot([10000, 10000, 10000, 10000], { ruleKey: 'civil_code_278_general' });
    await castAll(b.id, b.voters, ['for', 'for', 'against', 'against']);
    const { result } = await afterDeadline(b.id);
    expect(result).toMatchObject({ outcome: 'rejected', quorum: { met: true } });
    expect(result.decision.checks[1]).toMatchObject({ measure: 'heads', numerator: '2', denominator: '4', met: false });
  });

  it("villagers' meeting: quorate by two thirds of households though fewer than half the villagers came", async () => {
    unitNo += 1;
    const group = await buildPlace(w.db, { kind: 'unit', name: `${unitNo}组`, parentId: w.territory.building.id });
    const people = [];
    for (let i = 0; i < 5; i += 1) {
      people.push(await buildResident(w.db, { placeId: group.id, name: `村民${i}`, phone: String((phone += 1)) }));
    }
    // One household of three adults and two of one: 5 villagers, 3 households.
    await w.db.execute(
      sql`update residents set household_id = ${people[0]!.householdId} where id in (${people[1]!.id}, ${people[2]!.id})`,
    );
    const matter = await w.matterAt('deliberating');
    const created = await w.clients.convenor.post(`/api/matters/${matter.id}/ballots`, {
      question: '是否同意修建村道？',
      ruleKey: 'villagers_meeting',
      electorateKind: 'adult_residents',
      secrecy: 'named',
      allowsChange: false,
      closesAt: inDays(7),
      scopePlaceId: group.id,
    });
    const id = created.json().id as number;
    // The villagers' meeting rule asks 10 days' notice: the topic was announced 10 days ago.
    await w.db.execute(sql`
      insert into notices (matter_id, kind, title, body, starts_on, ends_on, created_by, created_at)
      values (${matter.id}, 'topic', '议题公告', '修建村道', current_date - 10, current_date, ${w.staff.convenor.id},
              now() - interval '10 days')`);
    expect((await w.clients.convenor.post(`/api/ballots/${id}/open`)).json()).toMatchObject({
      electorate: { heads: 5, households: 3 },
    });
    await castAll(
      id,
      [await residentClient(w.t, people[0]!.id), await residentClient(w.t, people[3]!.id)],
      ['for', 'for'],
    );
    const { result } = await afterDeadline(id);
    expect(result.outcome).toBe('passed');
    expect(result.quorum).toMatchObject({ mode: 'any', met: true });
    expect(result.quorum.checks).toEqual([
      expect.objectContaining({ measure: 'heads', numerator: '2', denominator: '5', met: false }),
      expect.objectContaining({ measure: 'households', numerator: '2', denominator: '3', met: true }),
    ]);
  });

  it("residents' meeting by households: one elector per household, cast by any of its adults, once", async () => {
    unitNo += 1;
    const place = await buildPlace(w.db, { kind: 'unit', name: `${unitNo}单元`, parentId: w.territory.building.id });
    const a = await buildResident(w.db, { placeId: place.id, name: '户主', phone: String((phone += 1)) });
    const b = await buildResident(w.db, { placeId: place.id, name: '配偶', phone: String((phone += 1)) });
    const c = await buildResident(w.db, { placeId: place.id, name: '邻居', phone: String((phone += 1)) });
    await w.db.execute(sql`update residents set household_id = ${a.householdId} where id = ${b.id}`);
    const matter = await w.matterAt('deliberating');
    const created = await w.clients.convenor.post(`/api/matters/${matter.id}/ballots`, {
      question: '是否同意调整停车收费？',
      ruleKey: 'residents_meeting',
      electorateKind: 'households',
      secrecy: 'named',
      allowsChange: false,
      closesAt: inDays(7),
      scopePlaceId: place.id,
    });
    const id = created.json().id as number;
    expect((await w.clients.convenor.post(`/api/ballots/${id}/open`)).json()).toMatchObject({
      electorate: { heads: 2 },
    });
    const spouse = await residentClient(w.t, b.id);
    expect((await spouse.get(`/api/ballots/${id}`)).json().me).toMatchObject({ canVote: true, hasVoted: false });
    expect((await vote(spouse, id, { choice: 'for' })).statusCode).toBe(201);
    const head = await residentClient(w.t, a.id);
    expect((await head.get(`/api/ballots/${id}`)).json().me).toMatchObject({
      canVote: false,
      hasVoted: true,
      channel: 'online',
    });
    expectError(await vote(head, id, { choice: 'against' }), 409, { code: 'ballot.already_voted' });
    await castAll(id, [await residentClient(w.t, c.id)], ['against']);
    const { result } = await afterDeadline(id);
    expect(result).toMatchObject({ outcome: 'rejected', quorum: { met: true } });
    expect(result.decision.checks[0]).toMatchObject({ numerator: '1', denominator: '2', met: false });
  });

  it('refuses the anonymous, non-electors, other communities and bad choices', async () => {
    const b = await ownersBallot([9000, 9000]);
    expectError(await vote(w.clients.anonymous, b.id, { choice: 'for' }), 401, { code: 'auth.required' });
    expectError(await vote(w.clients.resident, b.id, { choice: 'for' }), 403, { code: 'ballot.not_eligible' });
    expectError(await vote(w.clients.convenor, b.id, { choice: 'for' }), 403, { code: 'ballot.not_eligible' });
    expectError(await vote(w.clients.other, b.id, { choice: 'for' }), 404, { code: 'not_found' });
    expectError(await vote(b.voters[0]!, b.id, {}), 400, { code: 'ballot.bad_choice', field: 'choice' });
    expectError(await vote(b.voters[0]!, b.id, { choice: 'maybe' }), 400, { field: 'choice' });
    expectError(await vote(b.voters[0]!, b.id, { optionIds: [1] }), 400, {
      code: 'ballot.bad_choice',
      field: 'choice',
    });
    expect(await w.db.select().from(ballotVotes).where(eq(ballotVotes.ballotId, b.id))).toEqual([]);
  });

  it('refuses votes on a draft ballot', async () => {
    const matter = await w.matterAt('deliberating');
    const created = await w.clients.convenor.post(`/api/matters/${matter.id}/ballots`, {
      question: '草稿',
      ruleKey: 'civil_code_278_major',
      electorateKind: 'owners',
      secrecy: 'named',
      allowsChange: false,
      closesAt: inDays(7),
    });
    expectError(await vote(w.clients.resident, created.json().id, { choice: 'for' }), 409, { code: 'ballot.not_open' });
  });

  it('keeps one row when the same voter votes twice at once', async () => {
    const b = await ownersBallot([9000, 9000]);
    const replies = await Promise.all([
      vote(b.voters[0]!, b.id, { choice: 'for' }),
      vote(b.voters[0]!, b.id, { choice: 'against' }),
      vote(b.voters[0]!, b.id, { choice: 'abstain' }),
    ]);
    expect(replies.map((r) => r.statusCode).sort()).toEqual([201, 409, 409]);
    expect(await w.db.select().from(ballotVotes).where(eq(ballotVotes.ballotId, b.id))).toHaveLength(1);
  });

  it('lets a voter change a named vote when the ballot allows it, with a new receipt', async () => {
    const b = await ownersBallot([9000, 9000], { allowsChange: true, ruleKey: 'simple_majority' });
    const first = (await vote(b.voters[0]!, b.id, { choice: 'against' })).json();
    const second = await vote(b.voters[0]!, b.id, { choice: 'for' });
    expect(second.statusCode).toBe(201);
    expect(second.json().receipt).not.toBe(first.receipt);
    const closed = (await w.clients.convenor.post(`/api/ballots/${b.id}/close`)).json();
    expect(closed.result).toMatchObject({
      outcome: 'passed',
      counts: { for: { heads: '1' }, against: { heads: '0' } },
    });
    expectError(await w.clients.anonymous.get(`/api/ballots/${b.id}/receipts/${first.receipt}`), 404, {
      code: 'not_found',
    });
  });

  it('after the deadline refuses votes, even before the job ran, and never reopens', async () => {
    const b = await ownersBallot([9000, 9000]);
    const { closesAt } = (await findBallot(w.db, b.id))!;
    w.t.clock.set(closesAt.getTime() + 1000);
    expectError(await vote(b.voters[0]!, b.id, { choice: 'for' }), 409, { code: 'ballot.closed' });
    const view = (await b.voters[0]!.get(`/api/ballots/${b.id}`)).json();
    expect(view).toMatchObject({
      ballot: { status: 'closed' },
      me: { canVote: false },
      result: { outcome: 'not_quorate' },
    });
    expectError(await vote(b.voters[1]!, b.id, { choice: 'for' }), 409, { code: 'ballot.closed' });
    expectError(await w.clients.convenor.post(`/api/ballots/${b.id}/open`), 409, { code: 'ballot.not_draft' });
  });

  it('takes a vote one second before closesAt and refuses one a second after, on the app clock', async () => {
    const b = await ownersBallot([9000, 9000]);
    const { closesAt } = (await findBallot(w.db, b.id))!;
    w.t.clock.freeze(closesAt.getTime() - 1000);
    expect((await vote(b.voters[0]!, b.id, { choice: 'for' })).statusCode).toBe(201);
    w.t.clock.freeze(closesAt.getTime() + 1000);
    expectError(await vote(b.voters[1]!, b.id, { choice: 'for' }), 409, { code: 'ballot.closed' });
    const view = (await b.voters[0]!.get(`/api/ballots/${b.id}`)).json();
    expect(view).toMatchObject({ ballot: { status: 'closed' }, turnout: { heads: { voted: 1, total: 2 } } });
  });

  it('a close waits for a vote in flight and counts it; a vote after the close is refused', async () => {
    const b = await ownersBallot([9000, 9000], { ruleKey: 'simple_majority' });
    const ballot = (await findBallot(w.db, b.id))!;
    const electors = await w.db.select().from(ballotElectors).where(eq(ballotElectors.ballotId, b.id));
    const input = (electorId: number) =>
      ({
        ballot,
        electorId,
        choice: { kind: 'yes_no', choice: 'for' },
        channel: 'online',
        castBy: w.staff.convenor.id,
        mayReplace: false,
      }) as const;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let signalCast!: () => void;
    const cast = new Promise<void>((resolve) => (signalCast = resolve));
    const voting = w.db.transaction(async (tx) => {
      await castVote(tx, input(electors[0]!.id));
      signalCast();
      await held;
    });
    await cast;
    const closing = closeBallot(w.db, b.id, w.staff.convenor.id);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect((await findBallot(w.db, b.id))!.status).toBe('open');
    release();
    await voting;
    const closed = await closing;
    expect(closed).toMatchObject({
      status: 'closed',
      result: { channels: { online: 1 }, participants: { heads: '1' } },
    });
    await expect(w.db.transaction((tx) => castVote(tx, input(electors[1]!.id)))).rejects.toMatchObject({
      code: 'ballot.closed',
    });
  });

  describe('secret ballots', () => {
    it('stores no link from voters to choices, still tallies by area, and checks receipts only after close', async () => {
      const columns = async (table: string) =>
        (
          await w.db.execute<{ column_name: string }>(
            sql`select column_name from information_schema.columns where table_name = ${table} order by column_name`,
          )
        ).rows.map((r) => r.column_name);
      expect(await columns('ballot_secret_choices')).toEqual(['ballot_id', 'choice', 'id', 'receipt_hash']);
      const b = await ownersBallot([10000, 10000, 10000, 10001, 10000, 10000], { secrecy: 'secret' });
      const receipts: string[] = [];
      for (const [i, choice] of (['for', 'for', 'for', 'against'] as const).entries()) {
        const r = await vote(b.voters[i]!, b.id, { choice });
        expect(r.statusCode, r.body).toBe(201);
        expect(r.json().receipt).toMatch(/^[2-9A-HJKMNP-Z]{12}$/);
        receipts.push(r.json().receipt);
      }
      const rows = await w.db.select().from(ballotVotes).where(eq(ballotVotes.ballotId, b.id));
      expect(rows.every((r) => r.choice === null)).toBe(true);
      const secret = await w.db.select().from(ballotSecretChoices).where(eq(ballotSecretChoices.ballotId, b.id));
      // The participation hash and the choice hash of one code differ: no join exists without the code.
      expect(secret.some((s) => rows.some((r) => r.receiptHash === s.receiptHash))).toBe(false);
      expectError(await w.clients.anonymous.get(`/api/ballots/${b.id}/receipts/${receipts[3]}`), 409, {
        code: 'ballot.not_closed',
      });
      const xmins = async () =>
        (
          await w.db.execute<{ n: string }>(sql`
            select count(*)::text as n from ballot_secret_choices s join ballot_votes v on v.xmin = s.xmin
            where s.ballot_id = ${b.id}`)
        ).rows[0]!.n;
      // While open, the voter's transaction id is shared by both rows; closing rewrites the choices.
      expect(Number(await xmins())).toBeGreaterThan(0);
      const { result } = await afterDeadline(b.id);
      expect(await xmins()).toBe('0');
      expect(result.outcome).toBe('rejected');
      expect(result.decision.checks[0]).toMatchObject({ measure: 'area', numerator: '30000', denominator: '40001' });
      const check = await w.clients.anonymous.get(`/api/ballots/${b.id}/receipts/${receipts[3]!.toLowerCase()}`);
      expect(check.json()).toEqual({ counted: true, channel: 'online', choice: { kind: 'yes_no', choice: 'against' } });
      expectError(await w.clients.anonymous.get(`/api/ballots/${b.id}/receipts/ABCDEFGHJKMN`), 404, {
        code: 'not_found',
      });
    });

    it('changes a secret vote only with the previous receipt', async () => {
      const b = await ownersBallot([9000, 9000], { secrecy: 'secret', allowsChange: true, ruleKey: 'simple_majority' });
      const first = (await vote(b.voters[0]!, b.id, { choice: 'against' })).json();
      expectError(await vote(b.voters[0]!, b.id, { choice: 'for' }), 409, { code: 'ballot.receipt_required' });
      expectError(await vote(b.voters[0]!, b.id, { choice: 'for', receipt: 'ABCDEFGHJKMN' }), 409, {
        code: 'ballot.receipt_invalid',
      });
      expect((await vote(b.voters[0]!, b.id, { choice: 'for', receipt: first.receipt })).statusCode).toBe(201);
      expect(await w.db.select().from(ballotSecretChoices).where(eq(ballotSecretChoices.ballotId, b.id))).toHaveLength(
        1,
      );
      const closed = (await w.clients.convenor.post(`/api/ballots/${b.id}/close`)).json();
      expect(closed.result).toMatchObject({
        outcome: 'passed',
        counts: { for: { heads: '1' }, against: { heads: '0' } },
      });
    });
  });

  it('approval and ranked ballots pick options', async () => {
    const b = await ownersBallot([9000, 9000, 9000], {
      ruleKey: 'approval',
      options: ['东侧加装', '西侧加装', '暂缓'],
    });
    const view = (await b.voters[0]!.get(`/api/ballots/${b.id}`)).json();
    const [east, west] = view.ballot.options.map((o: { id: number }) => o.id);
    expectError(await vote(b.voters[0]!, b.id, { optionIds: [east, east] }), 400, { field: 'optionIds' });
    expectError(await vote(b.voters[0]!, b.id, { choice: 'for' }), 400, { field: 'optionIds' });
    await vote(b.voters[0]!, b.id, { optionIds: [east, west] });
    await vote(b.voters[1]!, b.id, { optionIds: [east] });
    const closed = (await w.clients.convenor.post(`/api/ballots/${b.id}/close`)).json();
    expect(closed.result).toMatchObject({
      outcome: 'decided',
      winners: [east],
      approval: [{ optionId: east, approvals: 2 }, { optionId: west, approvals: 1 }, {}],
    });
  });
});
