import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../db/client';
import { ballotElectors, ballotLog, ballotSecretChoices, ballotVotes } from '../../../db/schema';
import { AppError } from '../../../errors';
import { buildVotingCrowd } from '../../../test/ballot-crowd.fixtures';
import { createTestDatabase } from '../../../test/database';
import { choiceHash, type CastResult } from './cast';
import { VoteWriter, type CastInput } from './vote-writer';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

type Crowd = Awaited<ReturnType<typeof buildVotingCrowd>>;
const vote = (
  crowd: Crowd,
  i: number,
  choice: 'for' | 'against' | 'abstain' = 'for',
  mayReplace = false,
): CastInput => ({
  ballot: crowd.ballot,
  electorId: crowd.voters[i]!.electorId,
  choice: { kind: 'yes_no', choice },
  channel: 'online',
  castBy: crowd.voters[i]!.accountId,
  mayReplace,
});

const codeOf = (r: PromiseSettledResult<CastResult>) =>
  r.status === 'fulfilled' ? 'ok' : ((r.reason as AppError).code ?? String(r.reason));

describe('set-based writing of first votes in a batch', () => {
  it('gives each vote of a mixed batch its own answer: first votes, a duplicate, a closed ballot, a stranger, a secret ballot and a replacement', async () => {
    const named = await buildVotingCrowd(database.db, { voters: 5, allowsChange: true });
    const closed = await buildVotingCrowd(database.db, { voters: 1 });
    const secret = await buildVotingCrowd(database.db, { voters: 2, secrecy: 'secret' });
    await database.db.execute(
      sql`update ballots set status = 'closed', closed_at = now() where id = ${closed.ballot.id}`,
    );
    const earlier = new VoteWriter(database.db);
    await earlier.cast(vote(named, 4, 'against'));
    await earlier.close();

    const writer = new VoteWriter(database.db, { maxWaitMs: 50, maxInFlight: 1 });
    const stranger = { ...vote(named, 3), electorId: closed.voters[0]!.electorId };
    const results = await Promise.allSettled([
      writer.cast(vote(named, 0)),
      writer.cast(vote(named, 1, 'against')),
      writer.cast(vote(named, 2)),
      writer.cast(vote(named, 0, 'abstain')),
      writer.cast(vote(named, 4, 'for', true)),
      writer.cast(vote(closed, 0)),
      writer.cast(stranger),
      writer.cast(vote(secret, 0, 'for')),
      writer.cast(vote(secret, 1, 'against')),
    ]);
    expect(results.map(codeOf)).toEqual([
      'ok',
      'ok',
      'ok',
      'ballot.already_voted',
      'ok',
      'ballot.closed',
      'ballot.not_eligible',
      'ok',
      'ok',
    ]);
    expect(writer.stats).toMatchObject({ batches: 1, votes: 6, firstVotes: 5, refused: 3 });
    const replaced = results[4] as PromiseFulfilledResult<CastResult>;
    expect(replaced.value.replaced).toBe(true);
    expect((results[0] as PromiseFulfilledResult<CastResult>).value.replaced).toBe(false);

    // Named: one counted row per elector with the first choice kept.
    const rows = await database.db
      .select({ electorId: ballotVotes.electorId, choice: ballotVotes.choice, castAt: ballotVotes.castAt })
      .from(ballotVotes)
      .where(eq(ballotVotes.ballotId, named.ballot.id));
    const choiceOf = new Map(rows.map((r) => [r.electorId, (r.choice as { choice: string }).choice]));
    expect(Object.fromEntries([0, 1, 2, 3, 4].map((i) => [i, choiceOf.get(named.voters[i]!.electorId)]))).toEqual({
      0: 'for',
      1: 'against',
      2: 'for',
      3: undefined,
      4: 'for',
    });
    // The first votes commit with their one statement, the replacement in the batch's second commit.
    const castAt = (i: number) => rows.find((r) => r.electorId === named.voters[i]!.electorId)!.castAt.getTime();
    expect(new Set([0, 1, 2].map(castAt)).size).toBe(1);
    expect(castAt(4)).toBeGreaterThan(castAt(0));
    const logged = await database.db
      .select({ payload: ballotLog.payload })
      .from(ballotLog)
      .where(and(eq(ballotLog.ballotId, named.ballot.id), eq(ballotLog.action, 'vote.cast')));
    expect(logged.map((l) => l.payload).filter((p) => (p as { replaced: boolean }).replaced)).toHaveLength(1);
    expect(logged).toHaveLength(5); // the earlier vote, three first votes, the replacement

    // Nothing for the closed ballot.
    const none = await database.db.select().from(ballotVotes).where(eq(ballotVotes.ballotId, closed.ballot.id));
    expect(none).toHaveLength(0);

    // Secret: participation without a choice; the choice only under the receipt's hash, with its area.
    const participation = await database.db
      .select({ choice: ballotVotes.choice })
      .from(ballotVotes)
      .where(eq(ballotVotes.ballotId, secret.ballot.id));
    expect(participation).toEqual([{ choice: null }, { choice: null }]);
    const secretLog = await database.db
      .select({ payload: ballotLog.payload })
      .from(ballotLog)
      .where(eq(ballotLog.ballotId, secret.ballot.id));
    expect(secretLog.every((l) => !('choice' in (l.payload as object)))).toBe(true);
    const [area] = await database.db
      .select({ area: ballotElectors.areaCenti })
      .from(ballotElectors)
      .where(eq(ballotElectors.id, secret.voters[1]!.electorId));
    const receipt = (results[8] as PromiseFulfilledResult<CastResult>).value.receipt;
    const [stored] = await database.db
      .select({ choice: ballotSecretChoices.choice })
      .from(ballotSecretChoices)
      .where(eq(ballotSecretChoices.receiptHash, choiceHash(receipt)));
    expect(stored?.choice).toEqual({
      kind: 'yes_no',
      choice: 'against',
      area: area!.area.toString(),
      householdId: null,
    });
    await writer.close();
  });

  it('writes a whole batch of first votes with one set statement, each with its own receipt', async () => {
    const crowd = await buildVotingCrowd(database.db, { voters: 40 });
    const writer = new VoteWriter(database.db, { maxWaitMs: 50, maxInFlight: 1 });
    const outcomes = await Promise.all(crowd.voters.map((_, i) => writer.cast(vote(crowd, i))));
    expect(new Set(outcomes.map((o) => o.receipt)).size).toBe(40);
    expect(writer.stats).toMatchObject({ batches: 1, votes: 40, firstVotes: 40, refused: 0 });
    await writer.close();
  });

  it('writes the batch again vote by vote when the set statement fails, so only the faulty vote is refused', async () => {
    const crowd = await buildVotingCrowd(database.db, { voters: 4 });
    const writer = new VoteWriter(database.db, { maxWaitMs: 50, maxInFlight: 1 });
    const ghost = { ...vote(crowd, 3), castBy: 2_000_000_000 }; // no such account: the foreign key refuses it
    const results = await Promise.allSettled(
      [0, 1, 2].map((i) => writer.cast(vote(crowd, i))).concat(writer.cast(ghost)),
    );
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'rejected']);
    expect(writer.stats).toMatchObject({ batches: 1, votes: 3, firstVotes: 0, refused: 1, failedBatches: 0 });
    const { rows } = await database.db.execute<{ n: number }>(
      sql`select count(*)::int as n from ballot_votes where ballot_id = ${crowd.ballot.id}`,
    );
    expect(rows[0]!.n).toBe(3);
    await writer.close();
  });
});
