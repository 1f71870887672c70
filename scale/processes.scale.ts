import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../server/db/client';
import { voteHash } from '../server/modules/ballots/casting/cast';
import { freePort, startAppProcess, type AppProcess } from '../server/test/app-process';
import { buildVotingCrowd, type CrowdVoter } from '../server/test/ballot-crowd.fixtures';
import { buildPng } from '../server/test/images';
import { CHOOSE_SERVER, SERVED_BY, startHaproxy, type Haproxy } from './haproxy';
import { createScaleDatabase } from './scale-database';

type Server = 'app1' | 'app2';
const BURST_VOTERS = 400;
const BURST_CLIENTS = 32;
const KILL_AFTER_ACKS = 100;

let database: Database;
let dataDir: string;
const apps: Partial<Record<Server, AppProcess>> = {};
let haproxy: Haproxy | undefined;

beforeAll(async () => {
  database = await createScaleDatabase('yishi_scale_processes');
  // Uploaded files: one folder for both processes (on several machines, a shared mount).
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yishi-scale-files-'));
  const env = { YISHI_DATA_DIR: dataDir, YISHI_TRUST_PROXY: '127.0.0.1' };
  const [app1, app2] = await Promise.all([
    startAppProcess({ databaseUrl: database.url, env, readyPath: '/api/ready', readyWithinMs: 180_000 }),
    startAppProcess({ databaseUrl: database.url, env, readyPath: '/api/ready', readyWithinMs: 180_000 }),
  ]);
  Object.assign(apps, { app1, app2 });
  haproxy = await startHaproxy(await freePort(), { app1: app1.port, app2: app2.port });
  // Both servers pass HAProxy's health check (GET /api/ready) before the test begins.
  for (const server of ['app1', 'app2'] as const) {
    for (let i = 0; (await send('/api/session', { via: server })).headers.get(SERVED_BY) !== server; i++) {
      if (i > 100) throw new Error(`HAProxy never sent a request to ${server}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
});
afterAll(async () => {
  await haproxy?.stop();
  for (const app of Object.values(apps)) app?.child.kill('SIGKILL');
  await database?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

/** A request through HAProxy, to `via` when given (while it is up), with a session cookie and CSRF pair. */
function send(
  url: string,
  opts: { via?: Server; session?: string; method?: string; json?: unknown; form?: FormData; key?: string } = {},
) {
  const headers: Record<string, string> = { cookie: 'yishi_csrf=scale', 'x-csrf-token': 'scale' };
  if (opts.session) headers.cookie += `; yishi_session=${opts.session}`;
  if (opts.via) headers[CHOOSE_SERVER] = opts.via;
  if (opts.key) headers['idempotency-key'] = opts.key;
  if (opts.json !== undefined) headers['content-type'] = 'application/json';
  const body = opts.form ?? (opts.json === undefined ? undefined : JSON.stringify(opts.json));
  return fetch(`${haproxy!.baseUrl}${url}`, { method: opts.method ?? (body ? 'POST' : 'GET'), headers, body });
}

const sessionFrom = (response: Response) =>
  /yishi_session=([^;]+)/.exec(response.headers.getSetCookie().join('\n'))?.[1];

/** Events of a server-sent stream, as they arrive. */
async function* eventsOf(response: Response) {
  const decoder = new TextDecoder();
  let buffered = '';
  for await (const chunk of response.body!) {
    buffered += decoder.decode(chunk as Uint8Array, { stream: true });
    let end: number;
    while ((end = buffered.indexOf('\n\n')) >= 0) {
      const block = buffered.slice(0, end);
      buffered = buffered.slice(end + 2);
      const event = /^event: (.+)$/m.exec(block)?.[1];
      const data = /^data: (.+)$/m.exec(block)?.[1];
      if (event) yield { event, data: data ? (JSON.parse(data) as unknown) : undefined };
    }
  }
}

describe('two app processes behind HAProxy', () => {
  it('logs in through either process and keeps the session on the other', async () => {
    const crowd = await buildVotingCrowd(database.db, { voters: 1 });
    for (const [first, other] of [
      ['app1', 'app2'],
      ['app2', 'app1'],
    ] as const) {
      const login = await send('/api/auth/login/password', {
        via: first,
        json: { phone: crowd.convenor.phone, password: 'demo1234' },
      });
      expect([login.status, login.headers.get(SERVED_BY)]).toEqual([200, first]);
      const session = await send('/api/session', { via: other, session: sessionFrom(login) });
      expect(session.headers.get(SERVED_BY)).toBe(other);
      expect(((await session.json()) as { account: { id: number } }).account.id).toBe(crowd.convenor.id);
    }
  });

  it('reads through one process a vote cast through the other, and streams it live there', async () => {
    const crowd = await buildVotingCrowd(database.db, { voters: 2 });
    const [watcher, voter] = crowd.voters as [CrowdVoter, CrowdVoter];
    const stream = await send(`/api/ballots/${crowd.ballot.id}/events`, { via: 'app2', session: watcher.sessionToken });
    expect([stream.status, stream.headers.get(SERVED_BY)]).toEqual([200, 'app2']);
    const events = eventsOf(stream);
    // By hand, not for-await: leaving a for-await loop would close the stream.
    const next = async (name: string) => {
      for (;;) {
        const read = await events.next();
        if (read.done) throw new Error(`the stream ended before a ${name} event`);
        if (read.value.event === name) return read.value.data;
      }
    };
    expect(await next('turnout')).toMatchObject({ heads: { voted: 0 } });

    const vote = await send(`/api/ballots/${crowd.ballot.id}/votes`, {
      via: 'app1',
      session: voter.sessionToken,
      json: { choice: 'for' },
    });
    expect([vote.status, vote.headers.get(SERVED_BY)]).toEqual([201, 'app1']);
    // The live page on app2 hears of it (app1's NOTIFY at commit, app2's LISTEN).
    expect(await next('turnout')).toMatchObject({ heads: { voted: 1 } });
    await events.return(undefined);

    const view = await send(`/api/ballots/${crowd.ballot.id}`, { via: 'app2', session: voter.sessionToken });
    expect(view.headers.get(SERVED_BY)).toBe('app2');
    expect(((await view.json()) as { me: { hasVoted: boolean } }).me.hasVoted).toBe(true);
  });

  it('fetches through one process a photo uploaded through the other', async () => {
    const crowd = await buildVotingCrowd(database.db, { voters: 1 });
    const form = new FormData();
    const fields = { placeId: crowd.territory.building.id, level: 'building', category: 'facilities' };
    for (const [name, value] of Object.entries(fields)) form.append(name, String(value));
    form.append('title', '5幢楼道灯坏了');
    form.append('description', '二楼到五楼的灯都不亮。');
    form.append('photos', new Blob([await buildPng()], { type: 'image/png' }), '楼道.png');
    const raised = await send('/api/matters', { via: 'app1', session: crowd.voters[0]!.sessionToken, form });
    expect([raised.status, raised.headers.get(SERVED_BY)], await raised.clone().text()).toEqual([201, 'app1']);
    const matterId = ((await raised.json()) as { id: number }).id;
    const page = await send(`/api/matters/${matterId}`, { via: 'app2', session: crowd.voters[0]!.sessionToken });
    const [photo] = ((await page.json()) as { photos: { id: number }[] }).photos;
    const file = await send(`/api/matter-files/${photo!.id}`, { via: 'app2', session: crowd.voters[0]!.sessionToken });
    expect([file.status, file.headers.get(SERVED_BY), file.headers.get('content-type')]).toEqual([
      200,
      'app2',
      'image/png',
    ]);
  });

  it('stores every acknowledged vote once when one process is killed mid-burst (clients retry with their key)', async () => {
    const crowd = await buildVotingCrowd(database.db, { voters: BURST_VOTERS });
    let acks = 0;
    const tally = { retries: 0, replayed: 0 };
    const killed = apps.app1!;
    /** One voter's vote, sent again with the same key after a cut connection, a 502/503 or request.in_progress. */
    const voteUntilAnswered = async (voter: CrowdVoter) => {
      const key = randomUUID();
      for (let attempt = 0; attempt < 200; attempt++) {
        if (attempt > 0) {
          tally.retries += 1;
          await new Promise((r) => setTimeout(r, Math.min(100 * attempt, 1000)));
        }
        const response = await send(`/api/ballots/${crowd.ballot.id}/votes`, {
          session: voter.sessionToken,
          json: { choice: 'for' },
          key,
        }).catch(() => undefined);
        if (!response || [502, 503, 504].includes(response.status)) continue;
        const body = (await response.json().catch(() => ({}))) as { receipt?: string; error?: { code: string } };
        if (response.status === 409 && body.error?.code === 'request.in_progress') continue;
        if (response.status === 201 && ++acks === KILL_AFTER_ACKS) killed.child.kill('SIGKILL');
        if (response.headers.get('idempotent-replayed') === 'true') tally.replayed += 1;
        return { voter, status: response.status, receipt: body.receipt, code: body.error?.code };
      }
      throw new Error(`voter ${voter.electorId} never got an answer`);
    };
    let next = 0;
    const answers: Awaited<ReturnType<typeof voteUntilAnswered>>[] = [];
    await Promise.all(
      Array.from({ length: BURST_CLIENTS }, async () => {
        while (next < crowd.voters.length) answers.push(await voteUntilAnswered(crowd.voters[next++]!));
      }),
    );
    expect(await killed.exited).toBeNull();
    console.log(`vote burst: ${answers.length} answers, ${tally.retries} retries, ${tally.replayed} replayed`);

    // Every voter was answered 201 (a retry after a lost answer gets the original receipt, not 409).
    expect(answers.filter((a) => a.status !== 201).map((a) => [a.status, a.code])).toEqual([]);
    const { rows } = await database.pool.query<{ receipt_hash: string; elector_id: number }>(
      'select receipt_hash, elector_id from ballot_votes where ballot_id = $1',
      [crowd.ballot.id],
    );
    expect(rows).toHaveLength(BURST_VOTERS);
    expect(new Set(rows.map((r) => r.elector_id)).size).toBe(BURST_VOTERS);
    const stored = new Set(rows.map((r) => r.receipt_hash));
    expect(answers.filter((a) => !stored.has(voteHash(a.receipt!))).map((a) => a.voter.electorId)).toEqual([]);
  });
});
