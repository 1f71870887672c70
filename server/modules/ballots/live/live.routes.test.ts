import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../app';
import { loadConfig } from '../../../config';
import { openDatabase, type Database } from '../../../db/client';
import { buildVotingCrowd, type CrowdVoter } from '../../../test/ballot-crowd.fixtures';
import { createTestDatabase } from '../../../test/database';
import { closeBallot } from '../tally/close';

type Event = { event: string; data: unknown };

/** Reads server-sent events from a real socket until `predicate` matches, the stream ends or time runs out. */
async function readEvents(url: string, cookie: string, predicate: (events: Event[]) => boolean, ms = 8000) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), ms);
  const events: Event[] = [];
  let ended = false;
  try {
    const response = await fetch(url, { headers: { cookie }, signal: controller.signal });
    const reader = response.body!.getReader();
    let buffer = '';
    while (!predicate(events)) {
      const { value, done } = await reader.read();
      if (done) {
        ended = true;
        break;
      }
      buffer += new TextDecoder().decode(value);
      const blocks = buffer.split('\n\n');
      buffer = blocks.pop()!;
      for (const block of blocks) {
        const event = /^event: (.+)$/m.exec(block)?.[1];
        const data = /^data: (.+)$/m.exec(block)?.[1];
        if (event && data) events.push({ event, data: JSON.parse(data) });
      }
    }
    controller.abort();
  } catch (error) {
    if (!(error instanceof Error && error.name === 'AbortError')) throw error;
  } finally {
    clearTimeout(timer);
  }
  return { events, ended };
}

const session = (voter: CrowdVoter) => `yishi_session=${voter.sessionToken}; yishi_csrf=t`;

describe('live turnout of a ballot across app processes', () => {
  let database: Database;
  let other: Database;
  let first: FastifyInstance;
  let second: FastifyInstance;
  let secondUrl: string;
  beforeAll(async () => {
    database = await createTestDatabase();
    const config = loadConfig({ NODE_ENV: 'test', YISHI_DEMO: 'false', LOG_LEVEL: 'silent' });
    first = await buildApp({ config, db: database.db, logger: false });
    // A second app with its own pool: a separate process as far as PostgreSQL can tell.
    other = openDatabase(database.url, 3);
    second = await buildApp({ config, db: other.db, logger: false });
    await second.listen({ host: '127.0.0.1', port: 0 });
    secondUrl = `http://127.0.0.1:${(second.server.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    await second.close();
    await other.close();
    await first.close();
    await database.close();
  });

  const voteThroughFirst = (ballotId: number, voter: CrowdVoter, choice: string) =>
    first.inject({
      method: 'POST',
      url: `/api/ballots/${ballotId}/votes`,
      headers: { cookie: session(voter), 'x-csrf-token': 't' },
      payload: { choice },
    });

  it('streams turnout counts from votes committed by the other app, then closed when the ballot closes', async () => {
    const crowd = await buildVotingCrowd(database.db, { voters: 4 });
    const watching = readEvents(
      `${secondUrl}/api/ballots/${crowd.ballot.id}/events`,
      session(crowd.voters[0]!),
      () => false,
    );
    await new Promise((r) => setTimeout(r, 300));
    const votes = await Promise.all([
      voteThroughFirst(crowd.ballot.id, crowd.voters[1]!, 'for'),
      voteThroughFirst(crowd.ballot.id, crowd.voters[2]!, 'against'),
    ]);
    expect(votes.map((v) => v.statusCode)).toEqual([201, 201]);
    await new Promise((r) => setTimeout(r, 500));
    await closeBallot(database.db, crowd.ballot.id, crowd.convenor.id);
    const { events, ended } = await watching;

    expect(events[0]).toEqual({ event: 'ready', data: { ballotId: crowd.ballot.id } });
    expect(events[1]).toEqual({
      event: 'turnout',
      data: {
        heads: { voted: 0, total: 4 },
        area: { voted: '0.00', total: expect.stringMatching(/^\d+\.\d\d$/) },
        households: { voted: 0, total: 0 },
      },
    });
    const last = events.filter((e) => e.event === 'turnout').at(-1)!.data as { heads: object };
    expect(last.heads).toEqual({ voted: 2, total: 4 });
    // Counts only: no choice, no elector, no name ever travels on the stream.
    expect(JSON.stringify(events)).not.toMatch(/for|against|投票人|electorId/);
    expect(events.at(-1)).toEqual({ event: 'closed', data: { ballotId: crowd.ballot.id } });
    expect(ended).toBe(true);
  });

  it('answers 204 for a closed ballot, so a reconnecting page stops asking', async () => {
    const crowd = await buildVotingCrowd(database.db, { voters: 2 });
    await closeBallot(database.db, crowd.ballot.id, crowd.convenor.id);
    const response = await fetch(`${secondUrl}/api/ballots/${crowd.ballot.id}/events`, {
      headers: { cookie: session(crowd.voters[1]!) },
    });
    expect(response.status).toBe(204);
  });

  it('refuses the stream to the anonymous (401) and hides a ballot of another community (404)', async () => {
    const crowd = await buildVotingCrowd(database.db, { voters: 1 });
    const stranger = await buildVotingCrowd(database.db, { voters: 1 });
    const anonymous = await second.inject({ method: 'GET', url: `/api/ballots/${crowd.ballot.id}/events` });
    expect(anonymous.statusCode).toBe(401);
    const elsewhere = await second.inject({
      method: 'GET',
      url: `/api/ballots/${crowd.ballot.id}/events`,
      headers: { cookie: session(stranger.voters[0]!) },
    });
    expect(elsewhere.statusCode).toBe(404);
  });
});
