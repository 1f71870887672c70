import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { withClock } from '../../clock';
import { loadConfig } from '../../config';
import { accounts, wechatBindings } from '../../db/schema';
import { buildResident, buildTerritory } from '../../test/factories';
import { buildTestApp, type TestApp, type TestClient } from '../../test/build-test-app';
import { startWechatDouble, type WechatDouble } from '../../test/wechat-double';
import { wechatChannel } from './index';

const APP = { appId: 'wx0123456789abcdef', appSecret: 'secret-of-the-official-account' };
const TEMPLATES = { default: 'TPL_default_0001', 'ballot.open': 'TPL_ballot_open_02' };

describe('sending template messages to a bound WeChat', () => {
  let t: TestApp;
  let double: WechatDouble;
  let territory: Awaited<ReturnType<typeof buildTerritory>>;
  let channel: ReturnType<typeof wechatChannel>;
  beforeAll(async () => {
    double = await startWechatDouble({ ...APP, templateIds: Object.values(TEMPLATES) });
    const env = {
      YISHI_WECHAT_APP_ID: APP.appId,
      YISHI_WECHAT_APP_SECRET: APP.appSecret,
      YISHI_WECHAT_API_BASE: double.url,
      YISHI_WECHAT_AUTHORIZE_URL: double.authorizeUrl,
      YISHI_WECHAT_REDIRECT_BASE: 'https://yishi.example.gov.cn/',
      YISHI_WECHAT_TEMPLATES: Object.entries(TEMPLATES)
        .map(([k, v]) => `${k}=${v}`)
        .join(','),
    };
    t = await buildTestApp(env);
    territory = await buildTerritory(t.database.db);
    channel = wechatChannel(loadConfig({ NODE_ENV: 'test', YISHI_DEMO: 'false', ...env }).wechat);
  });
  afterAll(async () => {
    await t.close();
    await double.close();
  });
  beforeEach(() => t.clock.reset());

  /** A resident whose account is bound to `openid` (known to the double as a follower). */
  async function boundResident(openid: string): Promise<{ client: TestClient; accountId: number }> {
    const resident = await buildResident(t.database.db, { placeId: territory.unit1.id });
    const client = await t.loginByCode(resident.phone!);
    const [account] = await t.database.db.select().from(accounts).where(eq(accounts.phone, resident.phone!));
    double.issueCode(openid);
    await t.database.db.insert(wechatBindings).values({ accountId: account!.id, openid });
    return { client, accountId: account!.id };
  }

  const send = (accountId: number, kind = 'ballot.open') =>
    withClock(t.clock, () =>
      channel.deliver(t.database.db, accountId, {
        kind,
        title: '5幢加装电梯：票决已开始，请在 12 月 20 日前投票',
        body: '请业主在截止前完成投票，逾期视为未表态',
        url: '/matters/12',
        matterId: 12,
      }),
    );

  it('sends the kind’s template to the openid with the title and text cut to 20 characters, the time and the link', async () => {
    const { accountId } = await boundResident('oSend0001');
    t.clock.set('2026-12-06T02:05:00Z');
    expect(await send(accountId)).toEqual({ result: 'delivered' });
    const message = double.received.at(-1)!;
    expect(message).toMatchObject({
      touser: 'oSend0001',
      templateId: TEMPLATES['ballot.open'],
      url: 'https://yishi.example.gov.cn/matters/12',
    });
    expect(message.data.thing1!.value).toBe('5幢加装电梯：票决已开始，请在 12 …');
    expect([...message.data.thing1!.value]).toHaveLength(20);
    expect(message.data.thing2!.value).toBe('请业主在截止前完成投票，逾期视为未表态');
    expect(message.data.time3!.value).toBe('2026年12月6日 10:05');
    // A kind without its own template uses the default one.
    await send(accountId, 'matter.accept');
    expect(double.received.at(-1)!.templateId).toBe(TEMPLATES.default);
  });

  it('keeps the access token until shortly before it expires, then fetches a new one', async () => {
    const { accountId } = await boundResident('oToken001');
    await send(accountId);
    const issued = double.tokensIssued;
    await send(accountId);
    await send(accountId);
    expect(double.tokensIssued).toBe(issued);
    t.clock.advance(7200_000 - 4 * 60_000); // inside the five minutes before expires_in
    await send(accountId);
    expect(double.tokensIssued).toBe(issued + 1);
  });

  it('shares one token request between messages sent at the same moment', async () => {
    const { accountId } = await boundResident('oToken002');
    t.clock.advance(10 * 3600_000); // past any token cached by the tests before
    const before = double.tokensIssued;
    const outcomes = await Promise.all([send(accountId), send(accountId), send(accountId)]);
    expect(outcomes.every((o) => o.result === 'delivered')).toBe(true);
    expect(double.tokensIssued).toBe(before + 1);
  });

  it('fetches a new token once when WeChat answers 42001 (expired) or 40001 (replaced), and sends', async () => {
    const { accountId } = await boundResident('oToken003');
    await send(accountId);
    for (const spoil of [() => double.expireTokens(), () => double.revokeTokens()]) {
      spoil();
      const before = double.tokensIssued;
      const count = double.received.length;
      expect(await send(accountId)).toEqual({ result: 'delivered' });
      expect(double.tokensIssued).toBe(before + 1);
      expect(double.received.length).toBe(count + 1);
    }
  });

  it('gives up after one refresh when the new token is refused too', async () => {
    const { accountId } = await boundResident('oToken004');
    double.refuseNextSend(40001);
    double.refuseNextSend(40001);
    expect(await send(accountId)).toEqual({ result: 'failed', reason: 'credentials' });
  });

  it('marks the binding unfollowed on 43004 and stops sending to it', async () => {
    const { accountId, client } = await boundResident('oUnfollow1');
    double.unfollow('oUnfollow1');
    expect(await send(accountId)).toEqual({ result: 'skipped', reason: 'unfollowed' });
    expect((await client.get('/api/account/wechat')).json().state).toBe('unfollowed');
    const count = double.received.length;
    expect(await send(accountId)).toEqual({ result: 'skipped', reason: 'unfollowed' });
    expect(double.received.length).toBe(count);
  });

  it('removes a binding WeChat calls an invalid openid (40003)', async () => {
    const { accountId, client } = await boundResident('oInvalid01');
    double.refuseNextSend(40003);
    expect(await send(accountId)).toEqual({ result: 'failed', reason: 'invalid_recipient' });
    expect((await client.get('/api/account/wechat')).json().state).toBe('unbound');
  });

  it('asks to retry later on 45009 (quota) and -1 (busy), and when WeChat does not answer', async () => {
    const { accountId } = await boundResident('oLimit0001');
    double.refuseNextSend(45009);
    expect(await send(accountId)).toEqual({ result: 'retry', reason: 'rate_limited' });
    double.refuseNextSend(-1);
    expect(await send(accountId)).toEqual({ result: 'retry', reason: 'unavailable' });
    expect((await send(accountId)).result).toBe('delivered');
  });

  it('skips an account without a binding', async () => {
    const resident = await buildResident(t.database.db, { placeId: territory.unit1.id });
    await t.loginByCode(resident.phone!);
    const [account] = await t.database.db.select().from(accounts).where(eq(accounts.phone, resident.phone!));
    expect(await send(account!.id)).toEqual({ result: 'skipped', reason: 'not_bound' });
  });

  it('sends a test message from the account page', async () => {
    const { client } = await boundResident('oTestMsg01');
    const answer = await client.post('/api/account/wechat/test');
    expect(answer.statusCode, answer.body).toBe(200);
    expect(answer.json()).toEqual({ outcome: { result: 'delivered' } });
    expect(double.received.at(-1)).toMatchObject({
      touser: 'oTestMsg01',
      templateId: TEMPLATES.default,
      url: 'https://yishi.example.gov.cn/account/channels',
      data: { thing1: { value: '测试消息' }, thing2: { value: '您已能在此收到议事消息' } },
    });
  });
});
