import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { accounts, sessions } from '../../db/schema';
import { buildResident, buildStaff, buildTerritory } from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/build-test-app';
import { signalSession } from '../../plugins/live';

describe('auth routes', () => {
  let t: TestApp;
  let territory: Awaited<ReturnType<typeof buildTerritory>>;
  beforeAll(async () => {
    t = await buildTestApp();
    territory = await buildTerritory(t.database.db);
  });
  afterAll(async () => t.close());

  it('logs a roster resident in by phone code and creates their account with the resident role', async () => {
    await buildResident(t.database.db, { placeId: territory.unit2.id, phone: '13812345678', name: '张阿姨' });
    const client = await t.loginByCode('138 1234 5678');
    const session = await client.get('/api/session');
    expect(session.statusCode).toBe(200);
    const body = session.json();
    expect(body.account.displayName).toBe('张阿姨');
    expect(body.account.phoneMasked).toBe('138****5678');
    expect(body.account.grants).toEqual([expect.objectContaining({ role: 'resident', placeId: territory.unit2.id })]);
  });

  it('refuses a wrong code and spends an attempt', async () => {
    await buildResident(t.database.db, { placeId: territory.unit1.id, phone: '13800000001' });
    const client = t.anonymous();
    await client.post('/api/auth/code', { phone: '13800000001' });
    const right = t.sms.lastCodeFor('13800000001')!;
    const wrong = right === '000000' ? '111111' : '000000';
    const refused = await client.post('/api/auth/login/code', { phone: '13800000001', code: wrong });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toMatchObject({
      code: 'auth.code_invalid',
      field: 'code',
      message: '验证码错误或已过期',
    });
    const accepted = await client.post('/api/auth/login/code', { phone: '13800000001', code: right });
    expect(accepted.statusCode).toBe(200);
  });

  it('rate-limits code requests per phone', async () => {
    await buildResident(t.database.db, { placeId: territory.unit1.id, phone: '13800000002' });
    const client = t.anonymous();
    expect((await client.post('/api/auth/code', { phone: '13800000002' })).statusCode).toBe(200);
    const again = await client.post('/api/auth/code', { phone: '13800000002' });
    expect(again.statusCode).toBe(429);
    expect(again.json().error.code).toBe('auth.code_rate_limited');
  });

  it('answers an unknown phone byte for byte as a registered one, and sends it nothing', async () => {
    await buildResident(t.database.db, { placeId: territory.unit1.id, phone: '13800000005' });
    const known = await t.anonymous().post('/api/auth/code', { phone: '13800000005' });
    const unknown = await t.anonymous().post('/api/auth/code', { phone: '13999999999' });
    expect(unknown.statusCode).toBe(200);
    expect(unknown.body).toBe(known.body);
    expect(t.sms.lastCodeFor('13800000005')).toMatch(/^\d{6}$/);
    expect(t.sms.sent.some((m) => m.phone === '13999999999')).toBe(false);
  });

  it('rejects a malformed phone with the field at fault, localised', async () => {
    const zh = await t.anonymous().post('/api/auth/code', { phone: '12345' });
    expect(zh.statusCode).toBe(400);
    expect(zh.json().error).toMatchObject({
      code: 'validation.phone',
      field: 'phone',
      message: '请输入 11 位中国大陆手机号',
    });
    const empty = await t.anonymous().post('/api/auth/code', {});
    expect(empty.json().error).toMatchObject({ code: 'validation.required', field: 'phone' });
  });

  it('logs staff in by password, and locks after repeated failures', async () => {
    await buildStaff(t.database.db, {
      role: 'convenor',
      placeId: territory.community.id,
      phone: '13700000001',
      password: 'right-one',
    });
    const client = t.anonymous();
    const ok = await client.post('/api/auth/login/password', { phone: '13700000001', password: 'right-one' });
    expect(ok.statusCode).toBe(200);
    expect(ok.cookies.find((c) => c.name === 'yishi_session')).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    for (let i = 0; i < 5; i++) {
      const bad = await t.anonymous().post('/api/auth/login/password', { phone: '13700000001', password: 'wrong' });
      expect(bad.json().error.code).toBe('auth.password_invalid');
    }
    const locked = await t
      .anonymous()
      .post('/api/auth/login/password', { phone: '13700000001', password: 'right-one' });
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('auth.login_rate_limited');
  });

  it('refuses a state-changing request without the CSRF header', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/auth/code', payload: { phone: '13800000002' } });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('csrf.invalid');
  });

  it('stops honouring a session once it has expired', async () => {
    await buildResident(t.database.db, { placeId: territory.unit1.id, phone: '13800000004' });
    const client = await t.loginByCode('13800000004');
    expect((await client.get('/api/session')).json().account).not.toBeNull();
    const ended = await t.database.db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() - 60_000) })
      .returning({ accountId: sessions.accountId });
    // A write behind the app's back says so, as the app's own writes do (the session cache).
    for (const { accountId } of ended) await signalSession(t.database.db, { accountId });
    expect((await client.get('/api/session')).json().account).toBeNull();
  });

  it('slides a session past its stored expiry, written shortly after the request', async () => {
    await buildResident(t.database.db, { placeId: territory.unit1.id, phone: '13800000006' });
    const client = await t.loginByCode('13800000006');
    const [account] = await t.database.db
      .select({ id: accounts.id })
      .from(accounts)
      .where(eq(accounts.phone, '13800000006'));
    const soon = new Date(Date.now() + 3_600_000);
    // Behind the app's back, and said so: the next request reads the near expiry and slides it.
    await t.database.db.update(sessions).set({ expiresAt: soon }).where(eq(sessions.accountId, account!.id));
    await signalSession(t.database.db, { accountId: account!.id });
    expect((await client.get('/api/session')).json().account).not.toBeNull();
    const stored = async () =>
      (await t.database.db.select().from(sessions).where(eq(sessions.accountId, account!.id)))[0]!.expiresAt.getTime();
    await expect.poll(stored, { timeout: 5000, interval: 50 }).toBeGreaterThan(soon.getTime() + 3_600_000);
  });

  it('logs out and forgets the session', async () => {
    await buildResident(t.database.db, { placeId: territory.unit1.id, phone: '13800000003' });
    const client = await t.loginByCode('13800000003');
    expect((await client.post('/api/auth/logout')).statusCode).toBe(200);
    expect((await client.get('/api/session')).json().account).toBeNull();
  });
});
