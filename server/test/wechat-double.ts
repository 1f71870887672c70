import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A template message the double accepted. */
export type ReceivedTemplateMessage = {
  touser: string;
  templateId: string;
  url: string;
  data: Record<string, { value: string }>;
  msgid: number;
};

/** A local stand-in for WeChat's official-account API, answering as WeChat documents it. */
export type WechatDouble = {
  /** Give the app as YISHI_WECHAT_API_BASE. */
  url: string;
  /** Give the app as YISHI_WECHAT_AUTHORIZE_URL: plays WeChat's authorize page by redirecting back with a code. */
  authorizeUrl: string;
  /** Template messages accepted, in order. */
  received: ReceivedTemplateMessage[];
  /** `/cgi-bin/token` requests answered with a token. */
  tokensIssued: number;
  /** A code for this openid, as WeChat's authorize page would hand it out (valid once, 5 minutes). */
  issueCode(openid: string): string;
  /** The openid the authorize page signs in as next (default: a fresh one per call). */
  signInAs(openid: string): void;
  /** Every issued access token now answers 42001 (expired). */
  expireTokens(): void;
  /** Every issued access token now answers 40001 (replaced by a newer one elsewhere). */
  revokeTokens(): void;
  /** The resident unfollowed the official account: sends to them answer 43004. */
  unfollow(openid: string): void;
  /** The next template send answers this errcode (after the token check). */
  refuseNextSend(errcode: number): void;
  close(): Promise<void>;
};

/** WeChat's own wording of the error codes the double answers with. */
const ERRMSG: Record<number, string> = {
  [-1]: 'system error',
  40001: 'invalid credential, access_token is invalid or not latest',
  40002: 'invalid grant_type',
  40003: 'invalid openid',
  40013: 'invalid appid',
  40029: 'invalid code',
  40037: 'invalid template_id',
  40125: 'invalid appsecret',
  40163: 'code been used',
  41001: 'access_token missing',
  42001: 'access_token expired',
  43004: 'require subscribe',
  44002: 'empty post data',
  45009: 'reach max api daily quota limit',
  47001: 'data format error',
  47003: 'argument invalid! data.thing1.value invalid',
};

const TOKEN_SECONDS = 7200;
const CODE_LIFETIME_MS = 5 * 60_000;
/** WeChat's `thing` fields take at most 20 characters. */
const THING_MAX = 20;

/** Starts the double on 127.0.0.1 (a free port unless given). */
export async function startWechatDouble(options: {
  appId: string;
  appSecret: string;
  templateIds: string[];
  port?: number;
}): Promise<WechatDouble> {
  const tokens = new Map<string, { expiresAt: number; state: 'valid' | 'expired' | 'revoked' }>();
  const codes = new Map<string, { openid: string; expiresAt: number; isUsed: boolean }>();
  const unfollowed = new Set<string>();
  const known = new Set<string>();
  const received: ReceivedTemplateMessage[] = [];
  const refusals: number[] = [];
  let nextOpenid: string | undefined;
  let msgid = 1000;

  const json = (response: ServerResponse, body: Record<string, unknown>) =>
    response.writeHead(200, { 'content-type': 'application/json; encoding=utf-8' }).end(JSON.stringify(body));
  const fail = (response: ServerResponse, errcode: number) =>
    json(response, { errcode, errmsg: `${ERRMSG[errcode] ?? 'error'} rid: ${randomBytes(4).toString('hex')}` });

  const issueCode = (openid: string) => {
    const code = randomBytes(16).toString('hex');
    codes.set(code, { openid, expiresAt: Date.now() + CODE_LIFETIME_MS, isUsed: false });
    known.add(openid);
    return code;
  };

  /** 0 when the token may call the API, else WeChat's errcode for it. */
  const tokenError = (token: string | null): number => {
    if (!token) return 41001;
    const entry = tokens.get(token);
    if (!entry || entry.state === 'revoked') return 40001;
    if (entry.state === 'expired' || entry.expiresAt < Date.now()) return 42001;
    return 0;
  };

  const handle = (request: IncomingMessage, body: string, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://double');
    const q = url.searchParams;
    const credentialsError = () =>
      q.get('appid') !== options.appId ? 40013 : q.get('secret') !== options.appSecret ? 40125 : 0;

    if (request.method === 'GET' && url.pathname === '/cgi-bin/token') {
      if (q.get('grant_type') !== 'client_credential') return fail(response, 40002);
      const error = credentialsError();
      if (error) return fail(response, error);
      const token = randomBytes(32).toString('base64url');
      tokens.set(token, { expiresAt: Date.now() + TOKEN_SECONDS * 1000, state: 'valid' });
      double.tokensIssued += 1;
      return json(response, { access_token: token, expires_in: TOKEN_SECONDS });
    }

    if (request.method === 'GET' && url.pathname === '/sns/oauth2/access_token') {
      if (q.get('grant_type') !== 'authorization_code') return fail(response, 40002);
      const error = credentialsError();
      if (error) return fail(response, error);
      const entry = codes.get(q.get('code') ?? '');
      if (!entry || entry.expiresAt < Date.now()) return fail(response, 40029);
      if (entry.isUsed) return fail(response, 40163);
      entry.isUsed = true;
      return json(response, {
        access_token: randomBytes(16).toString('hex'),
        expires_in: TOKEN_SECONDS,
        refresh_token: randomBytes(16).toString('hex'),
        openid: entry.openid,
        scope: 'snsapi_base',
      });
    }

    if (request.method === 'GET' && url.pathname === '/connect/oauth2/authorize') {
      const redirect = q.get('redirect_uri');
      const scope = q.get('scope');
      if (q.get('appid') !== options.appId || !redirect || q.get('response_type') !== 'code') {
        return response.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('参数错误');
      }
      if (scope !== 'snsapi_base' && scope !== 'snsapi_userinfo') {
        return response.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('scope 参数错误');
      }
      const openid = nextOpenid ?? `o${randomBytes(13).toString('base64url')}`;
      const back = new URL(redirect);
      back.searchParams.set('code', issueCode(openid));
      back.searchParams.set('state', q.get('state') ?? '');
      return response.writeHead(302, { location: back.href }).end();
    }

    if (request.method === 'POST' && url.pathname === '/cgi-bin/message/template/send') {
      const error = tokenError(q.get('access_token'));
      if (error) return fail(response, error);
      if (!body) return fail(response, 44002);
      let message: { touser?: unknown; template_id?: unknown; url?: unknown; data?: unknown };
      try {
        message = JSON.parse(body) as typeof message;
      } catch {
        return fail(response, 47001);
      }
      const refusal = refusals.shift();
      if (refusal !== undefined) return fail(response, refusal);
      if (typeof message.touser !== 'string' || !known.has(message.touser)) return fail(response, 40003);
      if (unfollowed.has(message.touser)) return fail(response, 43004);
      if (typeof message.template_id !== 'string' || !options.templateIds.includes(message.template_id)) {
        return fail(response, 40037);
      }
      const data = (message.data ?? {}) as Record<string, { value?: unknown }>;
      for (const [key, field] of Object.entries(data)) {
        if (typeof field?.value !== 'string') return fail(response, 47001);
        if (key.startsWith('thing') && [...field.value].length > THING_MAX) return fail(response, 47003);
      }
      msgid += 1;
      received.push({
        touser: message.touser,
        templateId: message.template_id,
        url: typeof message.url === 'string' ? message.url : '',
        data: data as Record<string, { value: string }>,
        msgid,
      });
      return json(response, { errcode: 0, errmsg: 'ok', msgid });
    }

    return fail(response, 40002);
  };

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => handle(request, Buffer.concat(chunks).toString('utf8'), response));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const double: WechatDouble = {
    url: base,
    authorizeUrl: `${base}/connect/oauth2/authorize`,
    received,
    tokensIssued: 0,
    issueCode,
    signInAs: (openid) => {
      nextOpenid = openid;
    },
    expireTokens: () => {
      for (const entry of tokens.values()) entry.state = 'expired';
    },
    revokeTokens: () => {
      for (const entry of tokens.values()) entry.state = 'revoked';
    },
    unfollow: (openid) => {
      unfollowed.add(openid);
    },
    refuseNextSend: (errcode) => {
      refusals.push(errcode);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return double;
}
