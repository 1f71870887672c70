import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts, pushSubscriptions } from '../../db/schema';
import { buildResident, buildTerritory } from '../../test/factories';
import { buildTestApp, type TestApp, type TestClient } from '../../test/build-test-app';
import { startPushServiceDouble, type PushServiceDouble } from '../../test/push-service-double';
import { MAX_PUSH_DEVICES } from './webpush.service';

describe('Web Push: VAPID key, subscriptions and delivery', () => {
  let t: TestApp;
  let push: PushServiceDouble;
  let dataDir: string;
  let territory: Awaited<ReturnType<typeof buildTerritory>>;
  beforeAll(async () => {
    push = await startPushServiceDouble();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yishi-webpush-'));
    t = await buildTestApp({
      YISHI_DATA_DIR: dataDir,
      YISHI_WEBPUSH_HOSTS: '127.0.0.1',
      YISHI_WEBPUSH_CA_FILE: push.caFile,
      YISHI_WEBPUSH_SUBJECT: 'mailto:ops@tongxiang.example.gov.cn',
    });
    territory = await buildTerritory(t.database.db);
  });
  afterAll(async () => {
    await t.close();
    await push.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  async function newResident(): Promise<{ client: TestClient; accountId: number }> {
    const resident = await buildResident(t.database.db, { placeId: territory.unit1.id });
    const client = await t.loginByCode(resident.phone!);
    const [account] = await t.database.db.select().from(accounts).where(eq(accounts.phone, resident.phone!));
    return { client, accountId: account!.id };
  }
  const subscribe = (client: TestClient, s: { endpoint: string; keys: { p256dh: string; auth: string } }) =>
    client.post('/api/account/webpush/subscriptions', { ...s, expirationTime: null });

  it('publishes one VAPID public key, kept in the data folder readable by the owner only', async () => {
    const first = await t.anonymous().get('/api/webpush/public-key');
    expect(first.statusCode).toBe(200);
    const { publicKey } = first.json() as { publicKey: string };
    expect(Buffer.from(publicKey, 'base64url')).toHaveLength(65);
    expect((await t.anonymous().get('/api/webpush/public-key')).json().publicKey).toBe(publicKey);
    const file = path.join(dataDir, 'vapid-keys.json');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).publicKey).toBe(publicKey);
  });

  it('stores a subscription per browser, once per endpoint, and forgets it on unsubscribe', async () => {
    const { client } = await newResident();
    const phone = push.subscriber();
    const desk = push.subscriber();
    expect((await subscribe(client, phone)).json()).toMatchObject({ devices: 1, publicKey: expect.any(String) });
    expect((await subscribe(client, phone)).json().devices).toBe(1);
    expect((await subscribe(client, desk)).json().devices).toBe(2);
    const removed = await client.delete('/api/account/webpush/subscriptions', { endpoint: phone.endpoint });
    expect(removed.statusCode, removed.body).toBe(200);
    expect(removed.json().devices).toBe(1);
    expect((await client.get('/api/account/webpush')).json().devices).toBe(1);
  });

  it('stores a browser subscribed twice at the same moment once', async () => {
    const { client, accountId } = await newResident();
    const browser = push.subscriber();
    const answers = await Promise.all([subscribe(client, browser), subscribe(client, browser)]);
    expect(answers.map((r) => r.statusCode)).toEqual([200, 200]);
    const rows = await t.database.db.select().from(pushSubscriptions).where(eq(pushSubscriptions.accountId, accountId));
    expect(rows).toHaveLength(1);
  });

  it('gives a browser to the account that subscribed it last, and leaves other accounts’ browsers alone', async () => {
    const a = await newResident();
    const b = await newResident();
    const shared = push.subscriber();
    await subscribe(a.client, shared);
    expect((await subscribe(b.client, shared)).json().devices).toBe(1);
    expect((await a.client.get('/api/account/webpush')).json().devices).toBe(0);
    await a.client.delete('/api/account/webpush/subscriptions', { endpoint: shared.endpoint });
    expect((await b.client.get('/api/account/webpush')).json().devices).toBe(1);
  });

  it('refuses endpoints that are not https URLs on an allowed push service, and malformed keys, naming the field', async () => {
    const { client } = await newResident();
    const good = push.subscriber();
    const cases: [unknown, string, string][] = [
      [{ ...good, endpoint: 'not a url' }, 'endpoint', 'webpush.endpoint_invalid'],
      [{ ...good, endpoint: good.endpoint.replace('https:', 'http:') }, 'endpoint', 'webpush.endpoint_https'],
      [{ ...good, endpoint: 'https://intranet.example/push/1' }, 'endpoint', 'webpush.endpoint_host'],
      [
        { ...good, endpoint: good.endpoint.replace('https://', 'https://user:pw@') },
        'endpoint',
        'webpush.endpoint_host',
      ],
      [{ ...good, keys: { ...good.keys, p256dh: 'AAAA' } }, 'keys.p256dh', 'webpush.keys_invalid'],
      [{ ...good, keys: { ...good.keys, auth: 'not base64url!' } }, 'keys.auth', 'webpush.keys_invalid'],
    ];
    for (const [body, field, code] of cases) {
      const answer = await client.post('/api/account/webpush/subscriptions', body);
      expect(answer.statusCode, JSON.stringify(body)).toBe(400);
      expect(answer.json().error).toMatchObject({ field, code });
    }
    for (const body of [
      { endpoint: '', keys: good.keys },
      { endpoint: `${good.endpoint}/${'x'.repeat(1000)}`, keys: good.keys },
      { endpoint: 42, keys: good.keys },
      { endpoint: good.endpoint },
    ]) {
      const answer = await client.post('/api/account/webpush/subscriptions', body);
      expect(answer.statusCode, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(answer.json().error.field).toMatch(/^(endpoint|keys)/);
    }
    expect((await client.get('/api/account/webpush')).json().devices).toBe(0);
  });

  it(`allows push in at most ${MAX_PUSH_DEVICES} browsers per account`, async () => {
    const { client } = await newResident();
    const browsers = Array.from({ length: MAX_PUSH_DEVICES }, () => push.subscriber());
    for (const b of browsers) expect((await subscribe(client, b)).statusCode).toBe(200);
    const refused = await subscribe(client, push.subscriber());
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('webpush.too_many');
    // A browser already subscribed may renew its keys.
    expect((await subscribe(client, browsers[0]!)).statusCode).toBe(200);
  });

  it('pushes the test message encrypted to every browser, signed with the VAPID key', async () => {
    const { client } = await newResident();
    const phone = push.subscriber();
    const desk = push.subscriber();
    await subscribe(client, phone);
    await subscribe(client, desk);
    const publicKey = (await client.get('/api/account/webpush')).json().publicKey as string;
    const before = push.received.length;
    const answer = await client.post('/api/account/webpush/test');
    expect(answer.statusCode, answer.body).toBe(200);
    expect(answer.json()).toEqual({ outcome: { result: 'delivered', devices: 2 } });
    const arrived = push.received.slice(before);
    expect(arrived.map((r) => r.path).sort()).toEqual(
      [new URL(phone.endpoint).pathname, new URL(desk.endpoint).pathname].sort(),
    );
    for (const r of arrived) {
      expect(r.vapid).toMatchObject({ aud: push.origin, sub: 'mailto:ops@tongxiang.example.gov.cn', publicKey });
      expect(r.headers).toMatchObject({ 'content-encoding': 'aes128gcm', ttl: '86400' });
      expect(JSON.parse(r.payload)).toEqual({
        kind: 'test',
        title: '测试消息',
        body: '您已能在此收到议事消息',
        url: '/account/channels',
      });
    }
  });

  it('removes subscriptions the push service answers 404 or 410 for, and delivers to the rest', async () => {
    const { client, accountId } = await newResident();
    const [gone, missing, alive] = [push.subscriber(), push.subscriber(), push.subscriber()];
    for (const s of [gone, missing, alive]) await subscribe(client, s);
    push.drop(gone.endpoint, 410);
    push.drop(missing.endpoint, 404);
    expect((await client.post('/api/account/webpush/test')).json()).toEqual({
      outcome: { result: 'delivered', devices: 1 },
    });
    const rows = await t.database.db.select().from(pushSubscriptions).where(eq(pushSubscriptions.accountId, accountId));
    expect(rows.map((r) => r.endpoint)).toEqual([alive.endpoint]);
    push.drop(alive.endpoint, 410);
    expect((await client.post('/api/account/webpush/test')).json()).toEqual({
      outcome: { result: 'skipped', reason: 'not_bound' },
    });
    expect((await client.get('/api/account/webpush')).json().devices).toBe(0);
  });

  it('asks for a login for everything but the public key', async () => {
    expect((await t.anonymous().get('/api/account/webpush')).statusCode).toBe(401);
    expect((await t.anonymous().post('/api/account/webpush/test')).statusCode).toBe(401);
    expect((await subscribe(t.anonymous(), push.subscriber())).statusCode).toBe(401);
  });
});
