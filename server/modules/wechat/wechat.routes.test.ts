import { PassThrough } from 'node:stream';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts, wechatBindings } from '../../db/schema';
import { buildResident, buildTerritory } from '../../test/factories';
import { buildTestApp, type TestApp, type TestClient } from '../../test/build-test-app';
import { startWechatDouble, type WechatDouble } from '../../test/wechat-double';

const APP = { appId: 'wx0123456789abcdef', appSecret: 'secret-of-the-official-account' };
const TEMPLATE = 'TPL_default_0001';

/** Settings of an enabled official account pointing at the double. */
export const wechatEnv = (double: WechatDouble) => ({
  YISHI_WECHAT_APP_ID: APP.appId,
  YISHI_WECHAT_APP_SECRET: APP.appSecret,
  YISHI_WECHAT_API_BASE: double.url,
  YISHI_WECHAT_AUTHORIZE_URL: double.authorizeUrl,
  YISHI_WECHAT_REDIRECT_BASE: 'https://yishi.example.gov.cn',
  YISHI_WECHAT_TEMPLATES: `default=${TEMPLATE}`,
});

describe('WeChat channel, not configured', () => {
  let t: TestApp;
  let client: TestClient;
  beforeAll(async () => {
    t = await buildTestApp();
    const territory = await buildTerritory(t.database.db);
    const resident = await buildResident(t.database.db, { placeId: territory.unit1.id });
    client = await t.loginByCode(resident.phone!);
  });
  afterAll(async () => t.close());

  it('says the city has not enabled WeChat and refuses to start a binding', async () => {
    expect((await client.get('/api/account/wechat')).json()).toEqual({ state: 'disabled', boundAt: null });
    const start = await client.post('/api/account/wechat/authorize');
    expect(start.statusCode).toBe(409);
    expect(start.json().error).toMatchObject({ code: 'wechat.disabled', message: '本市尚未开通微信消息' });
    const test = await client.post('/api/account/wechat/test');
    expect(test.json()).toEqual({ outcome: { result: 'skipped', reason: 'disabled' } });
  });

  it('asks for a login', async () => {
    expect((await t.anonymous().get('/api/account/wechat')).statusCode).toBe(401);
    expect((await t.anonymous().post('/api/account/wechat/authorize')).statusCode).toBe(401);
  });
});

describe('binding WeChat by 网页授权 (snsapi_base)', () => {
  let t: TestApp;
  let double: WechatDouble;
  let log = '';
  let territory: Awaited<ReturnType<typeof buildTerritory>>;
  beforeAll(async () => {
    double = await startWechatDouble({ ...APP, templateIds: [TEMPLATE] });
    const logStream = new PassThrough();
    logStream.on('data', (chunk: Buffer) => (log += chunk.toString('utf8')));
    t = await buildTestApp({ ...wechatEnv(double), LOG_LEVEL: 'info' }, undefined, { logStream });
    territory = await buildTerritory(t.database.db);
  });
  afterAll(async () => {
    await t.close();
    await double.close();
  });

  async function newResident(): Promise<{ client: TestClient; accountId: number; phone: string }> {
    const resident = await buildResident(t.database.db, { placeId: territory.unit1.id });
    const client = await t.loginByCode(resident.phone!);
    const [account] = await t.database.db.select().from(accounts).where(eq(accounts.phone, resident.phone!));
    return { client, accountId: account!.id, phone: resident.phone! };
  }

  async function startState(client: TestClient): Promise<string> {
    const start = await client.post('/api/account/wechat/authorize');
    expect(start.statusCode, start.body).toBe(200);
    return new URL(start.json().authorizeUrl).searchParams.get('state')!;
  }

  it('starts WeChat authorisation with the app id, the redirect address, snsapi_base and a fresh state', async () => {
    const { client } = await newResident();
    const start = await client.post('/api/account/wechat/authorize');
    const url = start.json().authorizeUrl as string;
    expect(url.startsWith(`${double.authorizeUrl}?`)).toBe(true);
    expect(url.endsWith('#wechat_redirect')).toBe(true);
    const q = new URL(url).searchParams;
    expect(Object.fromEntries(q)).toMatchObject({
      appid: APP.appId,
      redirect_uri: 'https://yishi.example.gov.cn/account/channels',
      response_type: 'code',
      scope: 'snsapi_base',
    });
    expect(q.get('state')).toMatch(/^[a-f0-9]{48}$/);
    expect(await startState(client)).not.toBe(q.get('state'));
  });

  it('binds the openid WeChat names for the code to the logged-in account, and unbinds', async () => {
    const { client, accountId } = await newResident();
    const state = await startState(client);
    const bound = await client.post('/api/account/wechat/binding', { code: double.issueCode('oBindMe001'), state });
    expect(bound.statusCode, bound.body).toBe(200);
    expect(bound.json()).toMatchObject({ state: 'bound', boundAt: expect.any(String) });
    const [row] = await t.database.db.select().from(wechatBindings).where(eq(wechatBindings.accountId, accountId));
    expect(row!.openid).toBe('oBindMe001');
    expect((await client.get('/api/account/wechat')).json().state).toBe('bound');

    const unbound = await client.delete('/api/account/wechat/binding');
    expect(unbound.json()).toEqual({ state: 'unbound', boundAt: null });
    expect(await t.database.db.select().from(wechatBindings).where(eq(wechatBindings.accountId, accountId))).toEqual(
      [],
    );
  });

  it('refuses a state this session did not start: made up, another session’s, another account’s, used, expired', async () => {
    const me = await newResident();
    const other = await newResident();
    const refusedWith = async (client: TestClient, state: string) => {
      const answer = await client.post('/api/account/wechat/binding', { code: double.issueCode('oForged01'), state });
      expect(answer.statusCode, answer.body).toBe(400);
      expect(answer.json().error).toMatchObject({ code: 'wechat.state_invalid', field: 'state' });
    };
    await refusedWith(me.client, 'a'.repeat(48));
    // A state started by another account (a forged link sent to me) binds nothing.
    await refusedWith(me.client, await startState(other.client));
    // The same account logged in on a second phone: the state belongs to the first session.
    t.clock.advance(61_000); // past the login-code limit for one phone
    const secondSession = await t.loginByCode(me.phone);
    await refusedWith(secondSession, await startState(me.client));
    // Used once, whatever the outcome: a replay of the whole callback is refused.
    const state = await startState(me.client);
    expect(
      (await me.client.post('/api/account/wechat/binding', { code: double.issueCode('oOnce01'), state })).statusCode,
    ).toBe(200);
    await refusedWith(me.client, state);
    // Older than ten minutes.
    const late = await startState(me.client);
    t.clock.advance(11 * 60_000);
    await refusedWith(me.client, late);
    t.clock.reset();
    expect((await other.client.get('/api/account/wechat')).json().state).toBe('unbound');
  });

  it('refuses a replayed code (WeChat 40163) and an unknown one (40029), naming the field', async () => {
    const { client } = await newResident();
    const code = double.issueCode('oReplay01');
    expect(
      (await client.post('/api/account/wechat/binding', { code, state: await startState(client) })).statusCode,
    ).toBe(200);
    await client.delete('/api/account/wechat/binding');
    for (const badCode of [code, 'not-a-code-wechat-gave']) {
      const answer = await client.post('/api/account/wechat/binding', {
        code: badCode,
        state: await startState(client),
      });
      expect(answer.statusCode).toBe(400);
      expect(answer.json().error).toMatchObject({ code: 'wechat.code_invalid', field: 'code' });
    }
    expect((await client.get('/api/account/wechat')).json().state).toBe('unbound');
  });

  it('refuses a WeChat bound to another account with 409, and lets the holder bind it again', async () => {
    const holder = await newResident();
    const other = await newResident();
    const bind = (who: { client: TestClient }, openid: string) =>
      startState(who.client).then((state) =>
        who.client.post('/api/account/wechat/binding', { code: double.issueCode(openid), state }),
      );
    expect((await bind(holder, 'oShared01')).statusCode).toBe(200);
    const refused = await bind(other, 'oShared01');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'wechat.openid_taken' });
    expect((await other.client.get('/api/account/wechat')).json().state).toBe('unbound');
    expect((await bind(holder, 'oShared01')).statusCode).toBe(200);
  });

  it('lets only one of two accounts binding one WeChat at the same moment win', async () => {
    const a = await newResident();
    const b = await newResident();
    const [stateA, stateB] = await Promise.all([startState(a.client), startState(b.client)]);
    const answers = await Promise.all([
      a.client.post('/api/account/wechat/binding', { code: double.issueCode('oRace01'), state: stateA }),
      b.client.post('/api/account/wechat/binding', { code: double.issueCode('oRace01'), state: stateB }),
    ]);
    expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const rows = await t.database.db.select().from(wechatBindings).where(eq(wechatBindings.openid, 'oRace01'));
    expect(rows).toHaveLength(1);
  });

  it('refuses bad input with the field named', async () => {
    const { client } = await newResident();
    for (const [body, field] of [
      [{ code: '', state: 'x' }, 'code'],
      [{ code: 'x', state: 's'.repeat(129) }, 'state'],
      [{ code: 12345, state: 'x' }, 'code'],
      [{ code: 'x' }, 'state'],
    ] as const) {
      const answer = await client.post('/api/account/wechat/binding', body);
      expect(answer.statusCode, JSON.stringify(body)).toBe(400);
      expect(answer.json().error.field).toBe(field);
    }
  });

  it('never writes an openid to the log', async () => {
    expect(log.length).toBeGreaterThan(0);
    expect(log).not.toMatch(/oBindMe001|oShared01|oReplay01|oRace01/);
  });
});
