import path from 'node:path';
import { z } from 'zod';

/** A comma-separated `key=value` list, e.g. `default=abc,ballot.open=def`. */
const keyValueList = z.string().transform((v, ctx) => {
  const pairs: Record<string, string> = {};
  for (const part of v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [key, value] = part.split('=').map((s) => s.trim());
    if (!key || !value) {
      ctx.addIssue({ code: 'custom', message: `"${part}" is not key=value` });
      return z.NEVER;
    }
    pairs[key] = value;
  }
  return pairs;
});

/** Push services the big browsers use; a leading dot allows any host under that domain. */
const DEFAULT_PUSH_HOSTS = 'fcm.googleapis.com,updates.push.services.mozilla.com,.notify.windows.com,.push.apple.com';

export const channelsEnvSchema = z.object({
  /** The official account's AppID and AppSecret (公众号 → 设置与开发 → 基本配置). Both or neither. */
  YISHI_WECHAT_APP_ID: z.string().min(1).optional(),
  YISHI_WECHAT_APP_SECRET: z.string().min(1).optional(),
  /** WeChat's API address; tests point it at a local double. */
  YISHI_WECHAT_API_BASE: z.string().url().default('https://api.weixin.qq.com'),
  /** WeChat's web-authorisation page (网页授权); tests point it at the double. */
  YISHI_WECHAT_AUTHORIZE_URL: z.string().url().default('https://open.weixin.qq.com/connect/oauth2/authorize'),
  /** This site's public address as registered for 网页授权 (e.g. https://yishi.example.gov.cn). */
  YISHI_WECHAT_REDIRECT_BASE: z.string().url().optional(),
  /** Template ids per notification kind, `default=<id>` for the rest: `default=Ab1…,test=Cd2…`. */
  YISHI_WECHAT_TEMPLATES: keyValueList.default({}),
  /** The VAPID subject push services may contact: `mailto:` address or the site's https address. */
  YISHI_WEBPUSH_SUBJECT: z
    .string()
    .regex(/^(mailto:|https:\/\/)/, 'must start with mailto: or https://')
    .default('mailto:yishi@example.org'),
  /** Hosts subscriptions may point at (the server posts to them): exact names, or `.domain` for any below. */
  YISHI_WEBPUSH_HOSTS: z.string().default(DEFAULT_PUSH_HOSTS),
  /** Extra certificate authorities (PEM file) trusted for push services; tests use a local one. */
  YISHI_WEBPUSH_CA_FILE: z.string().min(1).optional(),
});

export type WechatConfig = {
  /** False when the city has not configured an official account: cards say 本市未开通. */
  isEnabled: boolean;
  appId: string;
  appSecret: string;
  apiBase: string;
  authorizeUrl: string;
  /** This site's public address, without a trailing slash: message links start with it. */
  siteBase: string;
  /** Where WeChat sends the phone back after authorising: `<base>/account/channels`. */
  redirectUri: string;
  templates: Record<string, string>;
};

export type WebpushConfig = {
  subject: string;
  /** `<data>/vapid-keys.json`: created on first use, readable by the owner only, never in the database. */
  keyFile: string;
  allowedHosts: string[];
  caFile: string | undefined;
};

/** The WeChat and Web Push parts of the config; throws naming what is missing. */
export function channelsConfigFrom(
  e: z.infer<typeof channelsEnvSchema>,
  dataDir: string,
): { wechat: WechatConfig; webpush: WebpushConfig } {
  const given = [e.YISHI_WECHAT_APP_ID, e.YISHI_WECHAT_APP_SECRET, e.YISHI_WECHAT_REDIRECT_BASE];
  if (given.some(Boolean) && !given.every(Boolean)) {
    throw new Error(
      'Invalid environment:\n  YISHI_WECHAT_APP_ID, YISHI_WECHAT_APP_SECRET and YISHI_WECHAT_REDIRECT_BASE: set all three or none',
    );
  }
  const siteBase = (e.YISHI_WECHAT_REDIRECT_BASE ?? '').replace(/\/+$/, '');
  return {
    wechat: {
      isEnabled: given.every(Boolean),
      appId: e.YISHI_WECHAT_APP_ID ?? '',
      appSecret: e.YISHI_WECHAT_APP_SECRET ?? '',
      apiBase: e.YISHI_WECHAT_API_BASE.replace(/\/+$/, ''),
      authorizeUrl: e.YISHI_WECHAT_AUTHORIZE_URL,
      siteBase,
      redirectUri: `${siteBase}/account/channels`,
      templates: e.YISHI_WECHAT_TEMPLATES,
    },
    webpush: {
      subject: e.YISHI_WEBPUSH_SUBJECT,
      keyFile: path.join(dataDir, 'vapid-keys.json'),
      allowedHosts: e.YISHI_WEBPUSH_HOSTS.split(',')
        .map((s) => s.trim().toLowerCase())
        .filter(Boolean),
      caFile: e.YISHI_WEBPUSH_CA_FILE ? path.resolve(e.YISHI_WEBPUSH_CA_FILE) : undefined,
    },
  };
}
