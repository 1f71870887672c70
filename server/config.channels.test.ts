import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';

const base = { NODE_ENV: 'test', YISHI_DEMO: 'false', YISHI_DATA_DIR: '/var/lib/yishi' } as const;
const wechat = {
  YISHI_WECHAT_APP_ID: 'wx0123',
  YISHI_WECHAT_APP_SECRET: 'secret',
  YISHI_WECHAT_REDIRECT_BASE: 'https://yishi.example.gov.cn/',
};

describe('WeChat and Web Push settings', () => {
  it('leaves WeChat off unless the app id, secret and site address are all given', () => {
    expect(loadConfig(base).wechat.isEnabled).toBe(false);
    expect(() => loadConfig({ ...base, YISHI_WECHAT_APP_ID: 'wx0123' })).toThrow(
      /YISHI_WECHAT_APP_ID, YISHI_WECHAT_APP_SECRET and YISHI_WECHAT_REDIRECT_BASE: set all three or none/,
    );
    const config = loadConfig({ ...base, ...wechat }).wechat;
    expect(config).toMatchObject({
      isEnabled: true,
      apiBase: 'https://api.weixin.qq.com',
      siteBase: 'https://yishi.example.gov.cn',
      redirectUri: 'https://yishi.example.gov.cn/account/channels',
      templates: {},
    });
  });

  it('reads template ids per kind and refuses a malformed list', () => {
    const config = loadConfig({ ...base, ...wechat, YISHI_WECHAT_TEMPLATES: 'default=A1, ballot.open = B2 ,' });
    expect(config.wechat.templates).toEqual({ default: 'A1', 'ballot.open': 'B2' });
    expect(() => loadConfig({ ...base, ...wechat, YISHI_WECHAT_TEMPLATES: 'default' })).toThrow(
      /YISHI_WECHAT_TEMPLATES/,
    );
  });

  it('keeps the VAPID keys in the data folder and checks the push subject', () => {
    const config = loadConfig({ ...base, YISHI_WEBPUSH_HOSTS: 'push.example.com, .push.apple.com' });
    expect(config.webpush).toMatchObject({
      keyFile: '/var/lib/yishi/vapid-keys.json',
      allowedHosts: ['push.example.com', '.push.apple.com'],
    });
    expect(() => loadConfig({ ...base, YISHI_WEBPUSH_SUBJECT: 'ops@example.org' })).toThrow(/YISHI_WEBPUSH_SUBJECT/);
  });
});
