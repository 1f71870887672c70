import { PassThrough } from 'node:stream';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { accounts, residents } from '../../db/schema';
import { buildResident, buildStaff, buildTerritory } from '../../test/factories';
import { buildTestApp, TestClient, type TestApp } from '../../test/build-test-app';

describe('login abuse limits and demo accounts', () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  const ask = (client: TestClient, phone: string, forwardedFor?: string) =>
    client.request({
      method: 'POST',
      url: '/api/auth/code',
      payload: { phone },
      headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
    });

  it('limits code requests per client address, and a forged X-Forwarded-For does not reset the count', async () => {
    t = await buildTestApp({ YISHI_CODE_LIMIT_PER_IP: '3' });
    const client = t.anonymous();
    for (let i = 0; i < 3; i++) expect((await ask(client, `1360000000${i}`, `10.0.0.${i}`)).statusCode).toBe(200);
    const refused = await ask(client, '13600000009', '10.0.0.99');
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error).toMatchObject({ code: 'auth.code_rate_limited', field: 'phone' });
  });

  it('limits login attempts per client address per minute as YISHI_LOGIN_LIMIT_PER_MINUTE says', async () => {
    t = await buildTestApp({ YISHI_LOGIN_LIMIT_PER_MINUTE: '2' });
    const client = t.anonymous();
    const login = (phone: string) => client.post('/api/auth/login/password', { phone, password: 'not-it-1234' });
    // Different phones, so the per-phone failure count cannot be what refuses the third.
    expect((await login('13600000071')).statusCode).toBe(401);
    expect((await login('13600000072')).statusCode).toBe(401);
    expect((await login('13600000073')).statusCode).toBe(429);
  });

  it('tells the operator once when a proxy forwards addresses that YISHI_TRUST_PROXY does not trust', async () => {
    let log = '';
    const logStream = new PassThrough();
    logStream.on('data', (chunk: Buffer) => (log += chunk.toString()));
    t = await buildTestApp({ LOG_LEVEL: 'warn' }, undefined, { logStream });
    await ask(t.anonymous(), '13600000051');
    expect(log).not.toContain('YISHI_TRUST_PROXY');
    await ask(t.anonymous(), '13600000052', '203.0.113.7');
    await ask(t.anonymous(), '13600000053', '203.0.113.8');
    expect(log.match(/YISHI_TRUST_PROXY is not set/g)).toHaveLength(1);
  });

  it('takes the client address from X-Forwarded-For only from a configured proxy', async () => {
    t = await buildTestApp({ YISHI_CODE_LIMIT_PER_IP: '1', YISHI_TRUST_PROXY: '127.0.0.1' });
    const client = t.anonymous();
    expect((await ask(client, '13600000001', '203.0.113.1')).statusCode).toBe(200);
    expect((await ask(client, '13600000002', '203.0.113.2')).statusCode).toBe(200);
    expect((await ask(client, '13600000003', '203.0.113.1')).statusCode).toBe(429);
  });

  it('caps code requests across the service', async () => {
    t = await buildTestApp({ YISHI_CODE_LIMIT_GLOBAL: '2' });
    const client = t.anonymous();
    expect((await ask(client, '13600000011')).statusCode).toBe(200);
    expect((await ask(client, '13600000012')).statusCode).toBe(200);
    const refused = await ask(client, '13600000013');
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error).toMatchObject({ code: 'auth.code_busy', message: '验证码请求过多，请 60 秒后再试' });
  });

  it('refuses a second request within a minute alike for a registered and an unknown number', async () => {
    t = await buildTestApp();
    const territory = await buildTerritory(t.database.db);
    await buildResident(t.database.db, { placeId: territory.unit1.id, phone: '13600000021' });
    const replies = [];
    for (const phone of ['13600000021', '13600000022']) {
      await ask(t.anonymous(), phone);
      replies.push(await ask(t.anonymous(), phone));
    }
    expect(replies.map((r) => r.statusCode)).toEqual([429, 429]);
    const [known, unknown] = replies.map((r) => ({
      ...r.json().error,
      message: r.json().error.message.replace(/\d+/, 'N'),
    }));
    expect(unknown).toEqual(known);
  });

  it('answers a disabled account alike and sends it nothing', async () => {
    t = await buildTestApp();
    const territory = await buildTerritory(t.database.db);
    const staff = await buildStaff(t.database.db, { role: 'convenor', placeId: territory.community.id });
    await t.database.db.update(accounts).set({ isActive: false }).where(eq(accounts.id, staff.id));
    const reply = await ask(t.anonymous(), staff.phone);
    expect(reply.statusCode).toBe(200);
    expect(reply.json()).toEqual({ sent: true });
    expect(t.sms.sent).toHaveLength(0);
  });

  it('keeps demo accounts and demo residents out when demo mode is off', async () => {
    t = await buildTestApp({ YISHI_DEMO: 'false' });
    const territory = await buildTerritory(t.database.db);
    const staff = await buildStaff(t.database.db, { role: 'admin', placeId: territory.city.id, password: 'demo1234' });
    await t.database.db.update(accounts).set({ isDemo: true }).where(eq(accounts.id, staff.id));
    const resident = await buildResident(t.database.db, { placeId: territory.unit1.id, phone: '13600000031' });
    await t.database.db.update(residents).set({ isDemo: true }).where(eq(residents.id, resident.id));

    const password = await t.anonymous().post('/api/auth/login/password', { phone: staff.phone, password: 'demo1234' });
    expect(password.statusCode).toBe(403);
    expect(password.json().error).toMatchObject({ code: 'auth.demo_account', message: '演示账号只能在演示环境中登录' });
    for (const phone of [staff.phone, '13600000031']) {
      expect((await ask(t.anonymous(), phone)).json()).toEqual({ sent: true });
    }
    expect(t.sms.sent).toHaveLength(0);
  });

  it('lets demo accounts in on a demo server, and forgets their sessions once demo mode is off', async () => {
    t = await buildTestApp({ YISHI_DEMO: 'true' });
    const territory = await buildTerritory(t.database.db);
    await buildResident(t.database.db, { placeId: territory.unit1.id, phone: '13600000041' });
    await t.database.db.update(residents).set({ isDemo: true }).where(eq(residents.phone, '13600000041'));
    const client = t.anonymous();
    const sent = await ask(client, '13600000041');
    expect(sent.json().devCode).toMatch(/^\d{6}$/);
    const login = await client.post('/api/auth/login/code', { phone: '13600000041', code: sent.json().devCode });
    expect(login.statusCode).toBe(200);
    const token = login.cookies.find((c) => c.name === 'yishi_session')!.value;
    const [account] = await t.database.db.select().from(accounts).where(eq(accounts.phone, '13600000041'));
    expect(account!.isDemo).toBe(true);

    // The same database served by a server with demo mode off: the demo session counts for nothing.
    const { buildApp } = await import('../../app');
    const { loadConfig } = await import('../../config');
    const live = await buildApp({
      config: loadConfig({ NODE_ENV: 'test', YISHI_DEMO: 'false', LOG_LEVEL: 'silent' }),
      db: t.database.db,
      sms: t.sms,
      logger: false,
    });
    try {
      const cookie = `yishi_session=${token}`;
      expect(
        (await t.app.inject({ method: 'GET', url: '/api/session', headers: { cookie } })).json().account,
      ).not.toBeNull();
      const session = await live.inject({ method: 'GET', url: '/api/session', headers: { cookie } });
      expect(session.json()).toEqual({ isDemo: false, account: null });
    } finally {
      await live.close();
    }
  });

  it('sets Secure session cookies in production', async () => {
    t = await buildTestApp({ NODE_ENV: 'production', YISHI_SMS_PROVIDER: 'none' });
    const territory = await buildTerritory(t.database.db);
    const staff = await buildStaff(t.database.db, { role: 'convenor', placeId: territory.community.id, password: 'p' });
    const login = await t.anonymous().post('/api/auth/login/password', { phone: staff.phone, password: 'p' });
    expect(login.statusCode).toBe(200);
    expect(login.cookies.find((c) => c.name === 'yishi_session')).toMatchObject({ secure: true, httpOnly: true });
  });
});
