import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './test/build-test-app';

describe('the app shell', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({}, (app) =>
      app.get('/api/test-crash', async () => {
        throw new Error('secret internal detail');
      }),
    );
  });
  afterAll(async () => t.close());

  it('serves the OpenAPI document and its page at /api/docs', async () => {
    const spec = await t.anonymous().get('/api/docs/json');
    expect(spec.statusCode).toBe(200);
    const body = spec.json();
    expect(body.openapi).toMatch(/^3\./);
    expect(Object.keys(body.paths)).toContain('/api/auth/code');
    const page = await t.anonymous().get('/api/docs/');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
  });

  it('sends security headers with a strict content security policy', async () => {
    const response = await t.anonymous().get('/api/session');
    expect(response.headers['content-security-policy']).toContain("script-src 'self'");
    expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });

  it('sends the same security headers on a 404 and a 500 as on a page', async () => {
    const ok = await t.anonymous().get('/api/session');
    const names = ['content-security-policy', 'strict-transport-security', 'x-frame-options', 'referrer-policy'];
    for (const url of ['/api/no-such-thing', '/api/test-crash']) {
      const response = await t.anonymous().get(url);
      for (const name of names) expect(response.headers[name]).toBe(ok.headers[name]);
    }
  });

  it('answers unknown API routes with a JSON 404 and a stable code', async () => {
    const response = await t.anonymous().get('/api/no-such-thing');
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('not_found');
  });

  it('never sends a stack trace or internal message to the client', async () => {
    const response = await t.anonymous().get('/api/test-crash');
    expect(response.statusCode).toBe(500);
    expect(response.json()).toEqual({ error: { code: 'internal', message: '服务器内部错误，请稍后重试' } });
    expect(response.body).not.toContain('secret internal detail');
  });

  it('localises errors in English when the client asks for it', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/no-such-thing',
      headers: { 'accept-language': 'en-GB' },
    });
    expect(response.json().error.message).toMatch(/^Not found/);
  });

  it('tells a missing field from one of the wrong type', async () => {
    const missing = await t.anonymous().post('/api/auth/login/password', { phone: '13900000001' });
    expect(missing.json().error).toMatchObject({ code: 'validation.required', field: 'password' });
    const wrongType = await t.anonymous().post('/api/auth/login/password', { phone: '13900000001', password: 42 });
    expect(wrongType.json().error).toMatchObject({
      code: 'validation.wrong_type',
      field: 'password',
      message: '格式不正确',
    });
    const tooLong = await t
      .anonymous()
      .post('/api/auth/login/password', { phone: '13900000001', password: 'x'.repeat(201) });
    expect(tooLong.json().error).toMatchObject({ code: 'validation.too_long', field: 'password' });
  });

  it('sets the CSRF cookie on the first visit', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/session' });
    expect(response.cookies.find((c) => c.name === 'yishi_csrf')).toMatchObject({ sameSite: 'Strict' });
  });

  it('mints the CSRF cookie only where the web app starts, and only when it is missing', async () => {
    const minted = (r: { cookies: { name: string }[] }) => r.cookies.some((c) => c.name === 'yishi_csrf');
    expect(minted(await t.app.inject({ method: 'GET', url: '/api/no-such-thing' }))).toBe(false);
    expect(minted(await t.app.inject({ method: 'GET', url: '/api/health' }))).toBe(false);
    expect(minted(await t.app.inject({ method: 'GET', url: '/assets/none.js' }))).toBe(false);
    expect(
      minted(await t.app.inject({ method: 'GET', url: '/api/session', headers: { cookie: 'yishi_csrf=x' } })),
    ).toBe(false);
    expect(minted(await t.app.inject({ method: 'GET', url: '/api/session?x=1' }))).toBe(true);
  });

  it('refuses a write whose CSRF header matches no cookie sent with it', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { 'x-csrf-token': 'guess' },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('csrf.invalid');
    const mismatched = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { 'x-csrf-token': 'guess', cookie: 'yishi_csrf=other' },
    });
    expect(mismatched.json().error.code).toBe('csrf.invalid');
  });
});
