import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ballotLog, ballotProxies, ballotVotes } from '../../../db/schema';
import { expectError } from '../../../test/after-deliberation.fixtures';
import { channelWorld, letters, proxyForm, type ChannelWorld } from '../../../test/ballot-channels.fixtures';

describe('ballot proxies (委托代投)', () => {
  let w: ChannelWorld;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'yishi-letters-'));
    w = await channelWorld({ YISHI_DATA_DIR: dataDir });
  });
  afterEach(() => w.t.clock.reset());
  afterAll(async () => {
    await w.t.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const register = (
    ballotId: number,
    principalElectorId: number,
    proxyAccountId: number,
    letter: Buffer | null = letters.pdf,
  ) =>
    w.clients.convenor.request({
      method: 'POST',
      url: `/api/ballots/${ballotId}/proxies`,
      ...proxyForm({ principalElectorId, proxyAccountId }, letter),
    });
  const proxyVote = (client: ChannelWorld['friend'], ballotId: number, principalElectorId: number, choice = 'for') =>
    client.post(`/api/ballots/${ballotId}/votes/proxy`, { principalElectorId, choice });
  const openBallotNamed = () => w.openBallot();
  const votesOf = (ballotId: number) => w.db.select().from(ballotVotes).where(eq(ballotVotes.ballotId, ballotId));

  it('registers a proxy with its letter of authority, lists it for staff and logs it without names', async () => {
    const { ballot, electors } = await openBallotNamed();
    const response = await register(ballot.id, electors.wang, w.friendAccountId);
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({
      principal: { electorId: electors.wang, label: expect.stringContaining('王老师') },
      proxyName: expect.any(String),
      status: 'active',
      hasVoted: false,
    });
    const [row] = await w.db.select().from(ballotProxies).where(eq(ballotProxies.ballotId, ballot.id));
    expect(row).toMatchObject({ letterType: 'application/pdf', registeredBy: w.staff.convenor.id });
    expect(row!.letterSha256).toMatch(/^[0-9a-f]{64}$/);
    const list = await w.clients.grid.get(`/api/ballots/${ballot.id}/proxies`);
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toHaveLength(1);
    const [logged] = await w.db
      .select()
      .from(ballotLog)
      .where(and(eq(ballotLog.ballotId, ballot.id), eq(ballotLog.action, 'proxy.register')));
    expect(JSON.stringify(logged!.payload)).not.toMatch(/王老师|赵大哥/);
    // An image letter is as good as a PDF; staff read the letter back (without the photo's EXIF and
    // GPS fix), and the read is logged.
    const image = await register(ballot.id, electors.sun, w.friendAccountId, letters.photo);
    expect(image.statusCode).toBe(201);
    const letter = await w.clients.grid.get(`/api/ballot-proxies/${image.json().id}/letter`);
    expect(letter.statusCode).toBe(200);
    expect(letter.headers['content-type']).toBe('image/jpeg');
    const meta = await sharp(letter.rawPayload).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 30, height: 40 });
    expect(meta.exif).toBeUndefined();
    expectError(await w.clients.resident.get(`/api/ballot-proxies/${image.json().id}/letter`), 403, {
      code: 'access.denied',
    });
    const reads = await w.db
      .select()
      .from(ballotLog)
      .where(and(eq(ballotLog.ballotId, ballot.id), eq(ballotLog.action, 'proxy.letter_read')));
    expect(reads).toHaveLength(1);
  });

  it('finds the proxy by mobile number, as staff at a desk know them, and says so when nobody has it', async () => {
    const { ballot, electors } = await openBallotNamed();
    const byPhone = (proxyPhone: string) =>
      w.clients.convenor.request({
        method: 'POST',
        url: `/api/ballots/${ballot.id}/proxies`,
        ...proxyForm({ principalElectorId: electors.wang, proxyPhone }),
      });
    expectError(await byPhone('13800000000'), 400, { code: 'proxy.account_unknown', field: 'proxyPhone' });
    const response = await byPhone('13812345670');
    expect(response.statusCode, response.body).toBe(201);
    const [row] = await w.db.select().from(ballotProxies).where(eq(ballotProxies.ballotId, ballot.id));
    expect(row).toMatchObject({ proxyAccountId: w.friendAccountId });
  });

  it('refuses the anonymous, voters, grid workers and another community the registry', async () => {
    const { ballot, electors } = await openBallotNamed();
    const url = `/api/ballots/${ballot.id}/proxies`;
    const form = proxyForm({ principalElectorId: electors.wang, proxyAccountId: w.friendAccountId });
    expectError(await w.clients.anonymous.request({ method: 'POST', url, ...form }), 401, { code: 'auth.required' });
    expectError(await w.clients.resident.request({ method: 'POST', url, ...form }), 403, { code: 'access.denied' });
    expectError(await w.clients.grid.request({ method: 'POST', url, ...form }), 403, { code: 'access.denied' });
    expectError(await w.clients.other.request({ method: 'POST', url, ...form }), 404, { code: 'not_found' });
    expectError(await w.clients.resident.get(url), 403, { code: 'access.denied' });
    expectError(await w.clients.other.get(url), 404, { code: 'not_found' });
    expect(await w.db.select().from(ballotProxies).where(eq(ballotProxies.ballotId, ballot.id))).toHaveLength(0);
  });

  it('refuses a letter that is not an image or PDF, no letter, a stranger to the electorate and an unknown account', async () => {
    const { ballot, electors } = await openBallotNamed();
    expectError(await register(ballot.id, electors.wang, w.friendAccountId, letters.text), 400, {
      code: 'proxy.letter_type',
      field: 'letter',
    });
    expectError(await register(ballot.id, electors.wang, w.friendAccountId, null), 400, {
      code: 'proxy.letter_required',
      field: 'letter',
    });
    expectError(await register(ballot.id, 999_999, w.friendAccountId), 400, {
      code: 'ballot.unknown_elector',
      field: 'principalElectorId',
    });
    expectError(await register(ballot.id, electors.wang, 999_999), 400, {
      code: 'proxy.account_unknown',
      field: 'proxyAccountId',
    });
    expectError(await register(ballot.id, electors.wang, 0), 400, { field: 'proxyAccountId' });
    expect(await w.db.select().from(ballotProxies).where(eq(ballotProxies.ballotId, ballot.id))).toHaveLength(0);
  });

  it('refuses a proxy who is the principal, a second active proxy, and a principal who already voted', async () => {
    const { ballot, electors } = await openBallotNamed();
    expectError(await register(ballot.id, electors.zhang, w.residentAccountId), 400, {
      code: 'proxy.self',
      field: 'proxyAccountId',
    });
    expect((await register(ballot.id, electors.zhang, w.friendAccountId)).statusCode).toBe(201);
    expectError(await register(ballot.id, electors.zhang, w.neighbourAccountId), 409, { code: 'proxy.exists' });
    const assisted = await w.clients.grid.post(`/api/ballots/${ballot.id}/votes/assisted`, {
      electorId: electors.wang,
      method: 'door_to_door',
      choice: 'for',
    });
    expect(assisted.statusCode, assisted.body).toBe(201);
    expectError(await register(ballot.id, electors.wang, w.friendAccountId), 409, { code: 'proxy.principal_voted' });
  });

  it('holds a proxy to the ballot’s cap, and frees a place when one is revoked', async () => {
    const { ballot, electors } = await w.openBallot({ proxyCap: 2 });
    const first = await register(ballot.id, electors.wang, w.friendAccountId);
    expect((await register(ballot.id, electors.sun, w.friendAccountId)).statusCode).toBe(201);
    expectError(await register(ballot.id, electors.zhou, w.friendAccountId), 409, {
      code: 'proxy.cap_reached',
    });
    const revoked = await w.clients.convenor.delete(`/api/ballot-proxies/${first.json().id}`);
    expect(revoked.json()).toEqual({ id: first.json().id, status: 'revoked' });
    expect((await register(ballot.id, electors.zhou, w.friendAccountId)).statusCode).toBe(201);
  });

  it('keeps one proxy per principal and the cap when registrations race', async () => {
    const { ballot, electors } = await w.openBallot({ proxyCap: 1 });
    const samePrincipal = await Promise.all([
      register(ballot.id, electors.wang, w.friendAccountId),
      register(ballot.id, electors.wang, w.neighbourAccountId),
    ]);
    expect(samePrincipal.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const sameProxy = await Promise.all([
      register(ballot.id, electors.sun, w.residentAccountId),
      register(ballot.id, electors.zhou, w.residentAccountId),
    ]);
    expect(sameProxy.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const active = await w.db.select().from(ballotProxies).where(eq(ballotProxies.ballotId, ballot.id));
    expect(active).toHaveLength(2);
  });

  it('lets the proxy vote for the principal, after which the proxy can no longer be revoked', async () => {
    const { ballot, electors } = await openBallotNamed();
    const proxy = (await register(ballot.id, electors.wang, w.friendAccountId)).json();
    const vote = await proxyVote(w.friend, ballot.id, electors.wang, 'against');
    expect(vote.statusCode, vote.body).toBe(201);
    expect(vote.json()).toMatchObject({ channel: 'proxy', receipt: expect.stringMatching(/^[2-9A-Z]{12}$/) });
    const [row] = await votesOf(ballot.id);
    expect(row).toMatchObject({
      electorId: electors.wang,
      channel: 'proxy',
      castBy: w.friendAccountId,
      proxyId: proxy.id,
      choice: { kind: 'yes_no', choice: 'against' },
    });
    expectError(await proxyVote(w.friend, ballot.id, electors.wang), 409, { code: 'ballot.already_voted' });
    // Where the ballot allows changes, the proxy may change their own proxy vote.
    const changing = await w.openBallot({ allowsChange: true });
    await register(changing.ballot.id, changing.electors.wang, w.friendAccountId);
    await proxyVote(w.friend, changing.ballot.id, changing.electors.wang, 'against');
    expect((await proxyVote(w.friend, changing.ballot.id, changing.electors.wang, 'for')).statusCode).toBe(201);
    expect(await votesOf(changing.ballot.id)).toMatchObject([{ channel: 'proxy', choice: { choice: 'for' } }]);
    expect((await w.clients.convenor.get(`/api/ballots/${ballot.id}/proxies`)).json().items[0].hasVoted).toBe(true);
    expectError(await w.clients.convenor.delete(`/api/ballot-proxies/${proxy.id}`), 409, { code: 'proxy.used' });
  });

  it('refuses a vote from someone who holds no proxy, a bad choice, and a revoked proxy', async () => {
    const { ballot, electors } = await openBallotNamed();
    expectError(await proxyVote(w.clients.neighbour, ballot.id, electors.zhang), 403, { code: 'ballot.not_proxy' });
    const proxy = (await register(ballot.id, electors.zhang, w.friendAccountId)).json();
    expectError(await proxyVote(w.friend, ballot.id, electors.zhang, 'maybe'), 400, { field: 'choice' });
    // A neighbour may not withdraw it; the principal (张阿姨) does so herself.
    expectError(await w.clients.neighbour.delete(`/api/ballot-proxies/${proxy.id}`), 403, { code: 'access.denied' });
    const revoked = await w.clients.resident.delete(`/api/ballot-proxies/${proxy.id}`);
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json()).toEqual({ id: proxy.id, status: 'revoked' });
    expectError(await proxyVote(w.friend, ballot.id, electors.zhang), 403, { code: 'ballot.not_proxy' });
    expect(await votesOf(ballot.id)).toHaveLength(0);
    const [logged] = await w.db
      .select()
      .from(ballotLog)
      .where(and(eq(ballotLog.ballotId, ballot.id), eq(ballotLog.action, 'proxy.revoke')));
    expect(logged!.payload).toMatchObject({ proxyId: proxy.id, by: 'principal' });
  });

  it('refuses the anonymous and another community revoking a proxy or voting as one', async () => {
    const { ballot, electors } = await openBallotNamed();
    const proxy = (await register(ballot.id, electors.wang, w.friendAccountId)).json();
    expectError(await w.clients.anonymous.delete(`/api/ballot-proxies/${proxy.id}`), 401, { code: 'auth.required' });
    expectError(await w.clients.other.delete(`/api/ballot-proxies/${proxy.id}`), 404, { code: 'not_found' });
    expectError(await w.clients.grid.delete(`/api/ballot-proxies/${proxy.id}`), 403, { code: 'access.denied' });
    expectError(await w.clients.convenor.delete('/api/ballot-proxies/999999'), 404, { code: 'not_found' });
    expectError(await proxyVote(w.clients.anonymous, ballot.id, electors.wang), 401, { code: 'auth.required' });
    expectError(await proxyVote(w.clients.other, ballot.id, electors.wang), 403, { code: 'ballot.not_proxy' });
    expect((await w.clients.convenor.get(`/api/ballots/${ballot.id}/proxies`)).json().items[0].status).toBe('active');
  });

  it('lets a named ballot’s principal override the proxy’s vote by voting online', async () => {
    const { ballot, electors } = await openBallotNamed();
    await register(ballot.id, electors.zhang, w.friendAccountId);
    expect((await proxyVote(w.friend, ballot.id, electors.zhang, 'against')).statusCode).toBe(201);
    const own = await w.clients.resident.post(`/api/ballots/${ballot.id}/votes`, { choice: 'for' });
    expect(own.statusCode, own.body).toBe(201);
    const rows = await votesOf(ballot.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ channel: 'online', castBy: w.residentAccountId, choice: { choice: 'for' } });
  });

  it('on a secret ballot the proxy’s vote stands once cast; the principal must revoke first', async () => {
    const { ballot, electors } = await w.openBallot({ secrecy: 'secret' });
    const used = (await register(ballot.id, electors.zhang, w.friendAccountId)).json();
    expect((await proxyVote(w.friend, ballot.id, electors.zhang, 'against')).statusCode).toBe(201);
    const own = await w.clients.resident.post(`/api/ballots/${ballot.id}/votes`, { choice: 'for' });
    expect(own.statusCode, own.body).toBe(409);
    expectError(await w.clients.resident.delete(`/api/ballot-proxies/${used.id}`), 409, { code: 'proxy.used' });
    expect(await votesOf(ballot.id)).toMatchObject([{ channel: 'proxy', choice: null }]);

    const unused = (await register(ballot.id, electors.li, w.friendAccountId)).json();
    expect((await w.clients.neighbour.delete(`/api/ballot-proxies/${unused.id}`)).statusCode).toBe(200);
    const afterRevoke = await w.clients.neighbour.post(`/api/ballots/${ballot.id}/votes`, { choice: 'for' });
    expect(afterRevoke.statusCode, afterRevoke.body).toBe(201);
    expectError(await proxyVote(w.friend, ballot.id, electors.li), 403, { code: 'ballot.not_proxy' });
  });

  it('refuses registering, revoking and proxy votes once the ballot has closed', async () => {
    const closesAt = new Date(w.t.clock.now().getTime() + 60_000);
    const { ballot, electors } = await w.openBallot({ closesAt });
    const proxy = (await register(ballot.id, electors.wang, w.friendAccountId)).json();
    w.t.clock.set(closesAt.getTime() + 1000);
    expectError(await register(ballot.id, electors.sun, w.friendAccountId), 409, { code: 'ballot.closed' });
    expectError(await w.clients.convenor.delete(`/api/ballot-proxies/${proxy.id}`), 409, { code: 'ballot.closed' });
    expectError(await proxyVote(w.friend, ballot.id, electors.wang), 409, { code: 'ballot.closed' });
    const draft = await w.openBallot({ status: 'draft' });
    expectError(await register(draft.ballot.id, draft.electors.wang, w.friendAccountId), 409, {
      code: 'ballot.not_open',
    });
  });
});
