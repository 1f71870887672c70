import type { WechatConfig } from '../../config.channels';
import { clockNow } from '../../clock';

/** WeChat's documented error codes that Yishi acts on (公众号 全局返回码). */
export const WECHAT_ERRCODES = {
  systemBusy: -1,
  invalidCredential: 40001,
  invalidOpenid: 40003,
  invalidAppSecret: 40125,
  invalidAppId: 40013,
  invalidCode: 40029,
  invalidTemplateId: 40037,
  codeUsed: 40163,
  accessTokenExpired: 42001,
  requireSubscribe: 43004,
  outOfResponseCountLimit: 45009,
  argumentInvalid: 47003,
} as const;

/** An answer of WeChat's API that is not a success: `errcode` as WeChat documents it. */
export class WechatApiError extends Error {
  constructor(readonly errcode: number) {
    super(`wechat errcode ${errcode}`);
  }
}

/** WeChat did not answer, or answered something that is not its JSON. */
export class WechatUnavailableError extends Error {}

type Json = Record<string, unknown>;

/** Tokens are renewed this long before WeChat's `expires_in` runs out. */
const EXPIRY_MARGIN_MS = 5 * 60_000;
const REQUEST_TIMEOUT_MS = 10_000;

/**
 * The calls Yishi makes to WeChat's API, with the official account's access token cached until shortly
 * before it expires. One instance per app (see wechatClientFor), so every request shares the token.
 * Never puts an openid in an error or log line.
 */
export class WechatClient {
  private token: { value: string; expiresAt: number } | undefined;
  private pending: Promise<string> | undefined;

  constructor(private readonly config: WechatConfig) {}

  /** The openid of the WeChat user who authorised with `code` (网页授权 snsapi_base). */
  async openidFor(code: string): Promise<string> {
    const query = new URLSearchParams({
      appid: this.config.appId,
      secret: this.config.appSecret,
      code,
      grant_type: 'authorization_code',
    });
    const answer = await this.call(`/sns/oauth2/access_token?${query}`);
    if (typeof answer.openid !== 'string' || !answer.openid) throw new WechatUnavailableError('no openid');
    return answer.openid;
  }

  /** Sends a template message; on an invalid or expired token (40001/42001) fetches a new one and tries once more. */
  async sendTemplate(message: {
    touser: string;
    templateId: string;
    url: string;
    data: Record<string, { value: string }>;
  }): Promise<void> {
    const body = JSON.stringify({
      touser: message.touser,
      template_id: message.templateId,
      url: message.url,
      data: message.data,
    });
    try {
      await this.call(
        `/cgi-bin/message/template/send?access_token=${encodeURIComponent(await this.accessToken())}`,
        body,
      );
    } catch (error) {
      if (!(error instanceof WechatApiError) || !isTokenRefused(error.errcode)) throw error;
      this.token = undefined;
      await this.call(
        `/cgi-bin/message/template/send?access_token=${encodeURIComponent(await this.accessToken())}`,
        body,
      );
    }
  }

  /** The cached access token, or a new one (`/cgi-bin/token`); concurrent callers share one request. */
  async accessToken(): Promise<string> {
    if (this.token && clockNow().getTime() < this.token.expiresAt) return this.token.value;
    this.pending ??= this.fetchToken().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  private async fetchToken(): Promise<string> {
    const query = new URLSearchParams({
      grant_type: 'client_credential',
      appid: this.config.appId,
      secret: this.config.appSecret,
    });
    const answer = await this.call(`/cgi-bin/token?${query}`);
    const expiresIn = Number(answer.expires_in);
    if (typeof answer.access_token !== 'string' || !Number.isFinite(expiresIn)) {
      throw new WechatUnavailableError('no access_token');
    }
    this.token = {
      value: answer.access_token,
      expiresAt: clockNow().getTime() + Math.max(0, expiresIn * 1000 - EXPIRY_MARGIN_MS),
    };
    return answer.access_token;
  }

  /** GET (or POST with `body`) one API path; a non-zero `errcode` throws WechatApiError. */
  private async call(pathAndQuery: string, body?: string): Promise<Json> {
    let answer: Json;
    try {
      const response = await fetch(`${this.config.apiBase}${pathAndQuery}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' },
        body,
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      answer = (await response.json()) as Json;
    } catch {
      throw new WechatUnavailableError('no answer');
    }
    const errcode = Number(answer.errcode ?? 0);
    if (errcode !== 0) throw new WechatApiError(errcode);
    return answer;
  }
}

/** 40001 (invalid credential: a newer token replaced it) and 42001 (expired) heal with a new token. */
export function isTokenRefused(errcode: number): boolean {
  return errcode === WECHAT_ERRCODES.invalidCredential || errcode === WECHAT_ERRCODES.accessTokenExpired;
}

const clients = new WeakMap<WechatConfig, WechatClient>();

/** The one client of these settings (an app's routes and its notification service share its token). */
export function wechatClientFor(config: WechatConfig): WechatClient {
  let client = clients.get(config);
  if (!client) clients.set(config, (client = new WechatClient(config)));
  return client;
}
