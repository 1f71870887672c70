import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';

describe('config', () => {
  it('runs the embedded quick start as a demo bound to 127.0.0.1', () => {
    const c = loadConfig({});
    expect(c.isDemo).toBe(true);
    expect(c.host).toBe('127.0.0.1');
    expect(c.sms.provider).toBe('log');
    expect(c.secureCookies).toBe(false);
  });

  it('turns demo mode off under NODE_ENV=production or DATABASE_URL unless YISHI_DEMO=true is explicit', () => {
    const production = loadConfig({ NODE_ENV: 'production' });
    expect(production.isDemo).toBe(false);
    expect(production.demoRefusal).toContain('NODE_ENV=production');
    expect(production.demoRefusal).toContain('YISHI_DEMO=true');
    expect(production.host).toBe('0.0.0.0');
    const external = loadConfig({ DATABASE_URL: 'postgres://u@127.0.0.1:5432/db' });
    expect(external.isDemo).toBe(false);
    expect(external.demoRefusal).toContain('DATABASE_URL');
    const chosen = loadConfig({ NODE_ENV: 'production', YISHI_DEMO: 'true' });
    expect(chosen.isDemo).toBe(true);
    expect(chosen.demoRefusal).toBeUndefined();
    expect(chosen.host).toBe('127.0.0.1');
    expect(loadConfig({ YISHI_DEMO: 'true', HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
  });

  it('makes cookies Secure by default in production only', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).secureCookies).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production', YISHI_SECURE_COOKIES: 'false' }).secureCookies).toBe(false);
    expect(loadConfig({ NODE_ENV: 'development' }).secureCookies).toBe(false);
  });

  it('trusts no proxy unless told: a hop count or a list of addresses', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ YISHI_TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ YISHI_TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ YISHI_TRUST_PROXY: '127.0.0.1, 10.0.0.0/8' }).trustProxy).toEqual(['127.0.0.1', '10.0.0.0/8']);
  });

  it('refuses the log SMS provider outside demo mode, and names what a real provider lacks', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', YISHI_SMS_PROVIDER: 'log' })).toThrow(/YISHI_SMS_PROVIDER/);
    expect(() => loadConfig({ NODE_ENV: 'production', YISHI_SMS_PROVIDER: 'tencent', YISHI_SMS_KEY_ID: 'id' })).toThrow(
      /YISHI_SMS_KEY_SECRET[\s\S]*YISHI_SMS_SIGN_NAME[\s\S]*YISHI_SMS_TEMPLATE_LOGIN_CODE[\s\S]*YISHI_SMS_APP_ID/,
    );
    expect(loadConfig({ NODE_ENV: 'production' }).sms.provider).toBeUndefined();
  });

  it('names a malformed variable', () => {
    expect(() => loadConfig({ YISHI_DEMO: 'yes' })).toThrow(/YISHI_DEMO/);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
  });
});
