import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../db/client';
import { closeDueBallots, VoteWriter } from '../modules/ballots';
import { buildVotingCrowd } from '../test/ballot-crowd.fixtures';
import { RecordingSms } from '../test/build-test-app';
import { createTestDatabase } from '../test/database';
import { generateKeyPairSync } from 'node:crypto';
import { anchorKeyOf } from '../modules/chain';
import { scheduledJobs, startJobs } from '.';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

const anchorKey = anchorKeyOf(generateKeyPairSync('ed25519').privateKey);
const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

/** A crowd ballot where the first `votes` electors voted for, then its closing time moved into the past. */
async function dueBallot(voters: number, votes: number) {
  const crowd = await buildVotingCrowd(database.db, { voters });
  const writer = new VoteWriter(database.db);
  await Promise.all(
    crowd.voters.slice(0, votes).map((v) =>
      writer.cast({
        ballot: crowd.ballot,
        electorId: v.electorId,
        choice: { kind: 'yes_no', choice: 'for' },
        channel: 'online',
        castBy: v.accountId,
        mayReplace: false,
      }),
    ),
  );
  await writer.close();
  await database.db.execute(
    sql`update ballots set closes_at = now() - interval '1 second' where id = ${crowd.ballot.id}`,
  );
  return crowd;
}

async function closeEntries(ballotId: number) {
  const { rows } = await database.db.execute<{ n: number }>(
    sql`select count(*)::int as n from ballot_log where ballot_id = ${ballotId} and action = 'ballot.close'`,
  );
  return rows[0]!.n;
}

describe('closing ballots at their deadline', () => {
  it('closes each open ballot whose closing time has passed, with its result, and leaves the others open', async () => {
    const due = await dueBallot(6, 5);
    const running = await buildVotingCrowd(database.db, { voters: 2 });
    const outcome = await closeDueBallots(database.db);
    expect(outcome.closed).toContain(due.ballot.id);
    expect(outcome.closed).not.toContain(running.ballot.id);
    const closed = await due.reload();
    expect(closed.status).toBe('closed');
    expect(closed.closedBy).toBeNull();
    expect(closed.resultDigest).toMatch(/^[0-9a-f]{64}$/);
    expect((await running.reload()).status).toBe('open');
    expect(await closeEntries(due.ballot.id)).toBe(1);
  });

  it('is idempotent: a second run, and two nodes running at once, close each ballot once', async () => {
    const due = await dueBallot(4, 3);
    const otherNode = openDatabase(database.url, 3);
    const [a, b] = await Promise.all([closeDueBallots(database.db), closeDueBallots(otherNode.db)]);
    await otherNode.close();
    expect([...a.closed, ...b.closed]).toContain(due.ballot.id);
    expect(await closeEntries(due.ballot.id)).toBe(1);
    const again = await closeDueBallots(database.db);
    expect(again.closed).not.toContain(due.ballot.id);
    expect(await closeEntries(due.ballot.id)).toBe(1);
  });

  it('runs under pg-boss in its own schema with a schedule every minute, and the worker closes due ballots', async () => {
    const due = await dueBallot(3, 2);
    const jobs = await startJobs({
      url: database.url,
      db: database.db,
      sms: new RecordingSms(),
      anchorKey,
      log: silent,
    });
    try {
      const { rows } = await database.db.execute<{ name: string; cron: string }>(
        sql`select name, cron from pgboss.schedule order by name`,
      );
      expect(rows).toEqual(
        scheduledJobs.map((j) => ({ name: j.name, cron: j.cron })).sort((a, b) => a.name.localeCompare(b.name)),
      );
      expect(scheduledJobs.find((j) => j.name === 'bulletins-monthly')?.cron).toBe('10 16 * * *');
      // Not waiting a minute for cron: the same queue, one job sent now, handled by the worker.
      await jobs.boss.send('ballots-close-due', {});
      const deadline = Date.now() + 15_000;
      while ((await due.reload()).status !== 'closed' && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 200));
      }
      expect((await due.reload()).status).toBe('closed');
      // The daily anchor, sent now: today's anchor is taken once, whoever runs it twice.
      expect(scheduledJobs.find((j) => j.name === 'chain-anchor-daily')?.cron).toBe('20 16 * * *');
      await jobs.boss.send('chain-anchor-daily', {});
      await jobs.boss.send('chain-anchor-daily', {});
      const anchors = async () =>
        (
          await database.db.execute<{ n: number }>(
            sql`select count(*)::int as n from chain_anchors where day = (now() at time zone 'Asia/Shanghai')::date`,
          )
        ).rows[0]!.n;
      const anchorDeadline = Date.now() + 15_000;
      while ((await anchors()) === 0 && Date.now() < anchorDeadline) await new Promise((r) => setTimeout(r, 200));
      await new Promise((r) => setTimeout(r, 500));
      expect(await anchors()).toBe(1);
    } finally {
      await jobs.stop();
    }
  });
});
