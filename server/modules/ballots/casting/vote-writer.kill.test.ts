import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../db/client';
import { startAppProcess, type AppProcess } from '../../../test/app-process';
import { buildVotingCrowd, type CrowdVoter } from '../../../test/ballot-crowd.fixtures';
import { createTestDatabase } from '../../../test/database';
import { voteHash } from './cast';

const VOTERS = 800;
const CLIENTS = 32;

let database: Database;
let app: AppProcess | undefined;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  app?.child.kill('SIGKILL');
  await database.close();
});

type Sent = { voter: CrowdVoter; status: number | 'lost'; receipt?: string; code?: string };

/** One vote over real HTTP; a connection cut by the kill counts as lost (never acknowledged). */
async function vote(baseUrl: string, ballotId: number, voter: CrowdVoter): Promise<Sent> {
  try {
    const response = await fetch(`${baseUrl}/api/ballots/${ballotId}/votes`, {
      method: 'POST',
      headers: {
        cookie: `yishi_session=${voter.sessionToken}; yishi_csrf=kill`,
        'x-csrf-token': 'kill',
        'content-type': 'application/json',
      },
      body: JSON.stringify({ choice: 'for' }),
    });
    const body = (await response.json()) as { receipt?: string; error?: { code: string } };
    return { voter, status: response.status, receipt: body.receipt, code: body.error?.code };
  } catch {
    return { voter, status: 'lost' };
  }
}

/** `clients` concurrent voters working through `voters`; `onAck` may kill the server mid-burst. */
async function burst(baseUrl: string, ballotId: number, voters: CrowdVoter[], onAck?: (acks: number) => void) {
  const sent: Sent[] = [];
  let next = 0;
  let acks = 0;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (next < voters.length) {
        const result = await vote(baseUrl, ballotId, voters[next++]!);
        sent.push(result);
        if (result.status === 201) onAck?.(++acks);
        if (result.status === 'lost') return;
      }
    }),
  );
  return sent;
}

async function stored(ballotId: number) {
  const { rows } = await database.pool.query<{ receipt_hash: string; elector_id: number; cast_at: Date }>(
    'select receipt_hash, elector_id, cast_at from ballot_votes where ballot_id = $1',
    [ballotId],
  );
  return rows;
}

describe('killing the server during a vote burst', () => {
  it('keeps every acknowledged vote after SIGKILL and restart, and none twice', { timeout: 90_000 }, async () => {
    const crowd = await buildVotingCrowd(database.db, { voters: VOTERS });
    app = await startAppProcess({ databaseUrl: database.url });
    const killed = app;
    const first = await burst(killed.baseUrl, crowd.ballot.id, crowd.voters, (acks) => {
      if (acks === 300) killed.child.kill('SIGKILL');
    });
    const acknowledged = first.filter((s) => s.status === 201);
    expect(acknowledged.length, JSON.stringify(first.slice(0, 3))).toBeGreaterThanOrEqual(300);
    expect(await killed.exited).toBeNull();
    expect(first.some((s) => s.status === 'lost')).toBe(true);

    app = await startAppProcess({ databaseUrl: database.url });
    const rows = await stored(crowd.ballot.id);
    const hashes = new Set(rows.map((r) => r.receipt_hash));
    expect(acknowledged.filter((s) => !hashes.has(voteHash(s.receipt!)))).toEqual([]);
    expect(new Set(rows.map((r) => r.elector_id)).size).toBe(rows.length);

    // Everyone tries again on the restarted server: acknowledged voters are refused, the rest count once.
    const second = await burst(app.baseUrl, crowd.ballot.id, crowd.voters);
    const ackedIds = new Set(acknowledged.map((s) => s.voter.electorId));
    for (const s of second) {
      if (ackedIds.has(s.voter.electorId)) expect([s.status, s.code]).toEqual([409, 'ballot.already_voted']);
      else expect([201, 409]).toContain(s.status);
    }
    const after = await stored(crowd.ballot.id);
    expect(after).toHaveLength(VOTERS);
    expect(new Set(after.map((r) => r.elector_id)).size).toBe(VOTERS);
    // The real app groups them: far fewer commits (distinct transaction start times) than votes.
    expect(new Set(after.map((r) => r.cast_at.getTime())).size).toBeLessThan(VOTERS / 2);
    app.child.kill('SIGTERM');
    expect(await app.exited).toBe(0);
    app = undefined;
  });
});
