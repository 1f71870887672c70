import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../../domain/access';
import type { Database } from '../../../db/client';
import { buildVotingCrowd } from '../../../test/ballot-crowd.fixtures';
import { createTestDatabase } from '../../../test/database';
import { effectiveStatus } from '../ballots.presenter';
import { VoteReadCache } from './vote-cache';
import { closeBallot } from '../tally/close';
import { VoteWriter } from './vote-writer';
import { castOnlineVote } from './votes.service';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

type Crowd = Awaited<ReturnType<typeof buildVotingCrowd>>;
const voterActor = (crowd: Crowd, i: number): Actor => ({
  accountId: crowd.voters[i]!.accountId,
  residentId: crowd.voters[i]!.residentId,
  grants: [{ role: 'resident', placeId: crowd.territory.unit2.id, placePath: crowd.territory.unit2.path }],
});
const setClosesAt = (crowd: Crowd, interval: string) =>
  database.db.execute(sql`update ballots set closes_at = now() + ${interval}::interval where id = ${crowd.ballot.id}`);

describe('the online vote read cache', () => {
  it("finds a resident's elector in the snapshot, and none for someone outside it", async () => {
    const crowd = await buildVotingCrowd(database.db, { voters: 3 });
    const cache = new VoteReadCache();
    expect(await cache.electorsOf(database.db, crowd.ballot, crowd.voters[2]!.residentId)).toEqual([
      crowd.voters[2]!.electorId,
    ]);
    expect(await cache.electorsOf(database.db, crowd.ballot, -1)).toEqual([]);
  });

  it('reads a ballot cached as closed again before refusing: an extension is seen at once', async () => {
    const crowd = await buildVotingCrowd(database.db, { voters: 1 });
    const cache = new VoteReadCache(60_000);
    await setClosesAt(crowd, '-1 second');
    expect(effectiveStatus(await cache.ballotFor(database.db, voterActor(crowd, 0), crowd.ballot.id))).toBe('closed');
    await setClosesAt(crowd, '1 day');
    expect(effectiveStatus(await cache.ballotFor(database.db, voterActor(crowd, 0), crowd.ballot.id))).toBe('open');
  });

  it('never lets a ballot cached as open take a vote after its closing time: the write refuses it', async () => {
    const crowd = await buildVotingCrowd(database.db, { voters: 1 });
    const cache = new VoteReadCache(60_000);
    const ballot = await cache.ballotFor(database.db, voterActor(crowd, 0), crowd.ballot.id);
    await setClosesAt(crowd, '-1 second');
    expect(effectiveStatus(await cache.ballotFor(database.db, voterActor(crowd, 0), crowd.ballot.id))).toBe('open');
    const writer = new VoteWriter(database.db, { maxWaitMs: 1 });
    await expect(
      writer.cast({
        ballot,
        electorId: crowd.voters[0]!.electorId,
        choice: { kind: 'yes_no', choice: 'for' },
        channel: 'online',
        castBy: crowd.voters[0]!.accountId,
        mayReplace: false,
      }),
    ).rejects.toMatchObject({ code: 'ballot.closed' });
    await writer.close();
  });

  it('refuses at once a vote on a ballot cached as open that another app process has closed', async () => {
    const crowd = await buildVotingCrowd(database.db, { voters: 2 });
    // This process: its own cache (a minute long) and writer, warmed by a first vote.
    const cache = new VoteReadCache(60_000);
    const writer = new VoteWriter(database.db, { maxWaitMs: 1 });
    const run = (input: Parameters<VoteWriter['cast']>[0]) => writer.cast(input);
    const vote = (i: number) =>
      castOnlineVote(database.db, voterActor(crowd, i), crowd.ballot.id, { choice: 'for' }, run, cache);
    await expect(vote(0)).resolves.toMatchObject({ channel: 'online' });
    // Another process closes the ballot early on the same database; nothing tells this one.
    await closeBallot(database.db, crowd.ballot.id, crowd.convenor.id);
    await expect(vote(1)).rejects.toMatchObject({ code: 'ballot.closed' });
    await writer.close();
    const { rows } = await database.db.execute<{ n: number }>(
      sql`select count(*)::int as n from ballot_votes where ballot_id = ${crowd.ballot.id}`,
    );
    expect(rows[0]!.n).toBe(1);
  });

  it('reads an expired ballot once for all the votes that find it expired together', async () => {
    const crowd = await buildVotingCrowd(database.db, { voters: 20 });
    let selects = 0;
    // Counts the SELECTs the cache runs (findBallot, findMatter) through this handle.
    const counting = new Proxy(database.db, {
      get(target, key) {
        if (key === 'select') selects += 1;
        const value = Reflect.get(target, key) as unknown;
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const alone = new VoteReadCache(0);
    await alone.ballotFor(counting, voterActor(crowd, 0), crowd.ballot.id);
    const perRead = selects;
    expect(perRead).toBeGreaterThan(0);
    selects = 0;
    const cache = new VoteReadCache(0);
    const ballots = await Promise.all(
      crowd.voters.map((_, i) => cache.ballotFor(counting, voterActor(crowd, i), crowd.ballot.id)),
    );
    expect(ballots.every((b) => b.id === crowd.ballot.id)).toBe(true);
    expect(selects).toBe(perRead);
  });

  it('hides a ballot the actor may not see, cached or not', async () => {
    const crowd = await buildVotingCrowd(database.db, { voters: 1 });
    const cache = new VoteReadCache(60_000);
    const outsider: Actor = { accountId: crowd.voters[0]!.accountId, residentId: null, grants: [] };
    await cache.ballotFor(database.db, voterActor(crowd, 0), crowd.ballot.id);
    await expect(cache.ballotFor(database.db, outsider, crowd.ballot.id)).rejects.toMatchObject({ status: 404 });
  });
});
