import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountEvents, accounts, sessions } from '../../db/schema';
import { buildResident, buildTerritory } from '../../test/factories';
import { buildTestApp, type TestApp, type TestClient } from '../../test/build-test-app';
import { createStaffAccount, resetAccountPassword, setAccountActive } from './accounts.service';

const CLI = 'cli:operator@host';

describe('forced password change and POST /api/account/password', () => {
  let t: TestApp;
  let territory: Awaited<ReturnType<typeof buildTerritory>>;
  beforeAll(async () => {
    t = await buildTestApp();
    territory = await buildTerritory(t.database.db);
  });
  afterAll(async () => t.close());

  async function loginWithPassword(phone: string, password: string): Promise<TestClient> {
    const client = t.anonymous();
    const login = await client.post('/api/auth/login/password', { phone, password });
    expect(login.statusCode, login.body).toBe(200);
    return client;
  }

  async function newAdmin(phone: string) {
    const created = await createStaffAccount(
      t.database.db,
      { phone, name: '王主任', placeCode: territory.city.code },
      CLI,
    );
    return created;
  }

  it('flags an account created with a one-time password and refuses everything but the change', async () => {
    const { password } = await newAdmin('13700000001');
    const client = await loginWithPassword('13700000001', password);
    const session = await client.get('/api/session');
    expect(session.json().account).toMatchObject({ mustChangePassword: true, hasPassword: true });
    expect(session.json().account.grants).toEqual([expect.objectContaining({ role: 'admin' })]);

    const refused = await client.get('/api/places/roots');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error).toMatchObject({ code: 'auth.password_change_required', message: '请先修改初始密码' });
    const refusedWrite = await client.post('/api/matters', { title: 'x' });
    expect(refusedWrite.statusCode).toBe(403);
    expect(refusedWrite.json().error.code).toBe('auth.password_change_required');
  });

  it('changes the password, lifts the flag, ends the other sessions and records the event', async () => {
    const { accountId, password } = await newAdmin('13700000002');
    const other = await loginWithPassword('13700000002', password);
    const client = await loginWithPassword('13700000002', password);

    const changed = await client.post('/api/account/password', {
      currentPassword: password,
      newPassword: 'qiao-tou-2026',
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect((await client.get('/api/session')).json().account.mustChangePassword).toBe(false);
    expect((await client.get('/api/places/roots')).statusCode).toBe(200);
    expect((await other.get('/api/session')).json().account).toBeNull();
    const left = await t.database.db.select().from(sessions).where(eq(sessions.accountId, accountId));
    expect(left).toHaveLength(1);

    const events = await t.database.db.select().from(accountEvents).where(eq(accountEvents.accountId, accountId));
    expect(events.map((e) => [e.kind, e.actor])).toEqual([
      ['created', CLI],
      ['granted', CLI],
      ['password_changed', `account:${accountId}`],
    ]);

    const old = await t.anonymous().post('/api/auth/login/password', { phone: '13700000002', password });
    expect(old.statusCode).toBe(401);
    await loginWithPassword('13700000002', 'qiao-tou-2026');
    const [stored] = await t.database.db.select().from(accounts).where(eq(accounts.id, accountId));
    expect(stored!.passwordHash).toMatch(/^scrypt\$/);
    expect(stored!.passwordHash).not.toContain('qiao-tou-2026');
  });

  it.each([
    ['short-1', 'password.too_short', '新密码至少需要 10 个字符'],
    ['2026120512345', 'password.all_digits', '新密码不能全是数字，请加入字母或符号'],
    ['my13700000003x', 'password.contains_phone', '新密码不能包含手机号'],
  ])('refuses the new password %s with %s on newPassword', async (newPassword, code, message) => {
    const phone = '13700000003';
    const existing = await t.database.db.select().from(accounts).where(eq(accounts.phone, phone));
    const password = existing.length
      ? (await resetAccountPassword(t.database.db, phone, CLI)).password
      : (await newAdmin(phone)).password;
    const client = await loginWithPassword(phone, password);
    const refused = await client.post('/api/account/password', { currentPassword: password, newPassword });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toEqual({ code, message, field: 'newPassword' });
    expect((await client.get('/api/session')).json().account.mustChangePassword).toBe(true);
  });

  it('refuses reusing the current password and a wrong current password, in English too', async () => {
    const { password } = await newAdmin('13700000004');
    const client = await loginWithPassword('13700000004', password);
    const same = await client.post('/api/account/password', { currentPassword: password, newPassword: password });
    expect(same.json().error).toMatchObject({ code: 'password.unchanged', field: 'newPassword' });
    const wrong = await client.request({
      method: 'POST',
      url: '/api/account/password',
      payload: { currentPassword: 'not-it-at-all', newPassword: 'qiao-tou-2026' },
      headers: { 'accept-language': 'en' },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error).toEqual({
      code: 'password.current_wrong',
      message: 'The current password is wrong',
      field: 'currentPassword',
    });
  });

  it('answers 401 without a session and auth.password_not_set for a resident who logs in by code', async () => {
    const anonymous = await t.anonymous().post('/api/account/password', { currentPassword: 'a', newPassword: 'b' });
    expect(anonymous.statusCode).toBe(401);
    await buildResident(t.database.db, { placeId: territory.unit1.id, phone: '13700000005' });
    const resident = await t.loginByCode('13700000005');
    expect((await resident.get('/api/session')).json().account).toMatchObject({
      mustChangePassword: false,
      hasPassword: false,
    });
    const refused = await resident.post('/api/account/password', {
      currentPassword: 'anything',
      newPassword: 'qiao-tou-2026',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe('auth.password_not_set');
  });

  it('a reset ends every session and forces a change again; a disabled account cannot log in', async () => {
    const { password } = await newAdmin('13700000006');
    const client = await loginWithPassword('13700000006', password);
    await client.post('/api/account/password', { currentPassword: password, newPassword: 'qiao-tou-2026' });
    const reset = await resetAccountPassword(t.database.db, '13700000006', CLI);
    expect((await client.get('/api/session')).json().account).toBeNull();
    const again = await loginWithPassword('13700000006', reset.password);
    expect((await again.get('/api/session')).json().account.mustChangePassword).toBe(true);

    await setAccountActive(t.database.db, '13700000006', false, CLI);
    expect((await again.get('/api/session')).json().account).toBeNull();
    const refused = await t
      .anonymous()
      .post('/api/auth/login/password', { phone: '13700000006', password: reset.password });
    expect(refused.json().error.code).toBe('auth.account_disabled');
  });
});
