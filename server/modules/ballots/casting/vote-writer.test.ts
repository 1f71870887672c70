import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../../db/client';
import { AppError } from '../../../errors';
import { buildVotingCrowd } from '../../../test/ballot-crowd.fixtures';
import { createTestDatabase } from '../../../test/database';
import { VoteWriter, type CastInput } from './vote-writer';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

const forVote = (crowd: Awaited<ReturnType<typeof buildVotingCrowd>>, i: number): CastInput => ({
  ballot: crowd.ballot,
  electorId: crowd.voters[i]!.electorId,
  choice: { kind: 'yes_no', choice: i % 3 === 0 ? 'against' : 'for' },
  channel: 'online',
  castBy: crowd.voters[i]!.accountId,
  mayReplace: false,
});

/**
 * How many transactions wrote this ballot's vote rows: cast_at defaults to now(), the start of the
 * TOP-level transaction (savepoints share it), so distinct values count the commits. (xmin would
 * count the savepoints' own subtransaction ids instead.)
 */
async function writingTransactions(ballotId: number) {
  const { rows } = await database.db.execute<{ votes: number; transactions: number }>(
    sql`select count(*)::int as votes, count(distinct cast_at)::int as transactions
        from ballot_votes where ballot_id = ${ballotId}`,
  );
  return rows[0]!;
}

describe('group commit of votes', () => {
  it('stores 48 concurrent votes in one shared commit and acknowledges each with its own receipt', async () => {
    const crowd = await buildVotingCrowd(database.db, { voters: 48 });
    const writer = new VoteWriter(database.db, { maxWaitMs: 50, maxBatch: 64, maxInFlight: 1 });
    const outcomes = await Promise.all(crowd.voters.map((_, i) => writer.cast(forVote(crowd, i))));
    expect(new Set(outcomes.map((o) => o.receipt)).size).toBe(48);
    expect(await writingTransactions(crowd.ballot.id)).toEqual({ votes: 48, transactions: 1 });
    expect(writer.stats).toMatchObject({ batches: 1, votes: 48, refused: 0 });
    await writer.close();
  });

  it('writes a burst that fits one batch in one commit even with free slots, and a larger one in batches of at most maxBatch', async () => {
    const crowd = await buildVotingCrowd(database.db, { voters: 150 });
    const writer = new VoteWriter(database.db, { maxWaitMs: 50, maxBatch: 64, maxInFlight: 4 });
    await Promise.all(crowd.voters.map((_, i) => writer.cast(forVote(crowd, i))));
    const { rows } = await database.db.execute<{ n: number }>(
      sql`select count(*)::int as n from ballot_votes where ballot_id = ${crowd.ballot.id} group by cast_at order by n desc`,
    );
    expect(rows.map((r) => r.n)).toEqual([64, 64, 22]);
    expect(writer.stats).toMatchObject({ batches: 3, votes: 150, firstVotes: 150 });
    await writer.close();
  });

  it('splits a burst larger than the batch size into batches of at most 64', async () => {
    const crowd = await buildVotingCrowd(database.db, { voters: 150 });
    const writer = new VoteWriter(database.db, { maxWaitMs: 50, maxBatch: 64, maxInFlight: 1 });
    await Promise.all(crowd.voters.map((_, i) => writer.cast(forVote(crowd, i))));
    expect(await writingTransactions(crowd.ballot.id)).toEqual({ votes: 150, transactions: 3 });
    await writer.close();
  });

  it('rejects only the refused vote of a batch, with its own error, and commits the others', async () => {
    const crowd = await buildVotingCrowd(database.db, { voters: 10 });
    const other = await buildVotingCrowd(database.db, { voters: 1 });
    const writer = new VoteWriter(database.db, { maxWaitMs: 50, maxInFlight: 1 });
    const stranger = { ...forVote(crowd, 0), electorId: other.voters[0]!.electorId };
    const results = await Promise.allSettled([
      ...crowd.voters.map((_, i) => writer.cast(forVote(crowd, i))),
      writer.cast(stranger),
    ]);
    const refused = results.filter((r) => r.status === 'rejected');
    expect(refused).toHaveLength(1);
    const error = (refused[0] as PromiseRejectedResult).reason as AppError;
    expect(error).toBeInstanceOf(AppError);
    expect([error.status, error.code]).toEqual([403, 'ballot.not_eligible']);
    expect(await writingTransactions(crowd.ballot.id)).toEqual({ votes: 10, transactions: 1 });
    expect(writer.stats).toMatchObject({ batches: 1, votes: 10, refused: 1 });
    await writer.close();
  });

  it('leaves one counted row when the same elector votes twice within one batch', async () => {
    const crowd = await buildVotingCrowd(database.db, { voters: 3 });
    const writer = new VoteWriter(database.db, { maxWaitMs: 50, maxInFlight: 1 });
    const results = await Promise.allSettled([
      writer.cast(forVote(crowd, 0)),
      writer.cast({ ...forVote(crowd, 0), choice: { kind: 'yes_no', choice: 'abstain' } }),
      writer.cast(forVote(crowd, 1)),
      writer.cast(forVote(crowd, 0)),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'fulfilled', 'rejected', 'rejected']);
    for (const r of results.filter((x) => x.status === 'rejected')) {
      expect(((r as PromiseRejectedResult).reason as AppError).code).toBe('ballot.already_voted');
    }
    expect(await writingTransactions(crowd.ballot.id)).toEqual({ votes: 2, transactions: 1 });
  });

  it('acknowledges a vote only once another connection can already read it', async () => {
    const crowd = await buildVotingCrowd(database.db, { voters: 20 });
    const outsider = openDatabase(database.url, 2);
    const writer = new VoteWriter(database.db, { maxWaitMs: 20 });
    const seen = await Promise.all(
      crowd.voters.map(async (voter, i) => {
        await writer.cast(forVote(crowd, i));
        const { rows } = await outsider.pool.query(
          'select 1 from ballot_votes where ballot_id = $1 and elector_id = $2',
          [crowd.ballot.id, voter.electorId],
        );
        return rows.length;
      }),
    );
    expect(seen.every((n) => n === 1)).toBe(true);
    await outsider.close();
  });

  it('refuses every vote of a batch once the closing time has passed, storing none', async () => {
    const crowd = await buildVotingCrowd(database.db, { voters: 2 });
    await database.db.execute(
      sql`update ballots set closes_at = now() - interval '1 second' where id = ${crowd.ballot.id}`,
    );
    const writer = new VoteWriter(database.db, { maxWaitMs: 10 });
    const results = await Promise.allSettled([writer.cast(forVote(crowd, 0)), writer.cast(forVote(crowd, 1))]);
    expect(results.map((r) => (r as PromiseRejectedResult).reason?.code)).toEqual(['ballot.closed', 'ballot.closed']);
    expect(await writingTransactions(crowd.ballot.id)).toEqual({ votes: 0, transactions: 0 });
  });

  it('flushes queued votes when closed, and still writes a straggler after that', async () => {
    const crowd = await buildVotingCrowd(database.db, { voters: 6 });
    const writer = new VoteWriter(database.db, { maxWaitMs: 60_000 });
    const queued = crowd.voters.slice(0, 5).map((_, i) => writer.cast(forVote(crowd, i)));
    await writer.close();
    await expect(Promise.all(queued)).resolves.toHaveLength(5);
    await expect(writer.cast(forVote(crowd, 5))).resolves.toMatchObject({ replaced: false });
    expect((await writingTransactions(crowd.ballot.id)).votes).toBe(6);
  });

  it('notifies once per ballot touched by a committed batch, and not for a batch of refusals', async () => {
    const first = await buildVotingCrowd(database.db, { voters: 5 });
    const second = await buildVotingCrowd(database.db, { voters: 5 });
    const listener = new pg.Client({ connectionString: database.url });
    await listener.connect();
    const heard: string[] = [];
    listener.on('notification', (m) => heard.push(m.payload ?? ''));
    await listener.query('listen ballot_events');
    const writer = new VoteWriter(database.db, { maxWaitMs: 50, maxInFlight: 1 });
    await Promise.all([
      ...first.voters.map((_, i) => writer.cast(forVote(first, i))),
      ...second.voters.map((_, i) => writer.cast(forVote(second, i))),
    ]);
    await Promise.allSettled([writer.cast(forVote(first, 0))]);
    await new Promise((r) => setTimeout(r, 200));
    expect(heard.map((p) => JSON.parse(p)).sort((a, b) => a.ballotId - b.ballotId)).toEqual([
      { ballotId: first.ballot.id, kind: 'turnout' },
      { ballotId: second.ballot.id, kind: 'turnout' },
    ]);
    await listener.end();
  });

  it('stores the reply of a keyed vote in the commit that stores the vote', async () => {
    const crowd = await buildVotingCrowd(database.db, { voters: 3 });
    const writer = new VoteWriter(database.db, { maxWaitMs: 20 });
    const keyed = crowd.voters.map((voter, i) => ({ accountId: voter.accountId, key: `vote-${crowd.ballot.id}-${i}` }));
    for (const k of keyed) {
      await database.pool.query(
        `insert into idempotency_keys (account_id, key, method, path, request_hash, created_at)
         values ($1, $2, 'POST', '/api/ballots/x/votes', 'h', now())`,
        [k.accountId, k.key],
      );
    }
    const outcomes = await Promise.all(keyed.map((k, i) => writer.cast({ ...forVote(crowd, i), idempotency: k })));
    const { rows } = await database.pool.query<{ key: string; status_code: number; response_body: string }>(
      'select key, status_code, response_body from idempotency_keys where key = any($1) order by key',
      [keyed.map((k) => k.key)],
    );
    expect(rows.map((r) => [r.key, r.status_code, JSON.parse(r.response_body)])).toEqual(
      keyed.map((k, i) => [
        k.key,
        201,
        { receipt: outcomes[i]!.receipt, channel: 'online', castAt: outcomes[i]!.castAt },
      ]),
    );
    await writer.close();
  });
});
