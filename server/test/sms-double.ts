import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { aliyunRules } from './sms-double.aliyun';
import { tencentRules } from './sms-double.tencent';
import type { DoubleAnswer, ProviderRules, ReceivedSms, SmsAccount } from './sms-double.types';

export type { ReceivedSms, SmsAccount } from './sms-double.types';

const rules: Record<ReceivedSms['provider'], ProviderRules> = { aliyun: aliyunRules, tencent: tencentRules };

/** A local stand-in for a provider's API, checking each request as the provider documents it. */
export type SmsDouble = {
  /** Base address to give the app as YISHI_SMS_ENDPOINT. */
  url: string;
  /** Messages accepted, in order. */
  received: ReceivedSms[];
  /** Every correctly made request's message, accepted or answered with a scripted refusal. */
  requested: ReceivedSms[];
  /** Answers refused for a bad request (signature, template, number…), in order. */
  refused: DoubleAnswer[];
  /** The next correct request gets the provider's documented refusal with this error code. */
  refuseNext(code: string): void;
  /** The next request gets no answer (until the double closes): a provider that hangs. */
  stallNext(): void;
  /** The next request gets a 502 HTML page, as from a broken proxy. */
  breakNext(): void;
  /** The newest login code accepted for this phone. */
  lastCodeFor(phone: string): string | undefined;
  close(): Promise<void>;
};

type Scripted = { kind: 'refuse'; code: string } | { kind: 'stall' } | { kind: 'break' };

/** Starts the double on 127.0.0.1 (a free port unless given). */
export async function startSmsDouble(options: {
  provider: ReceivedSms['provider'];
  account: SmsAccount;
  port?: number;
  host?: string;
  onReceived?: (message: ReceivedSms) => void;
}): Promise<SmsDouble> {
  const provider = rules[options.provider];
  const received: ReceivedSms[] = [];
  const requested: ReceivedSms[] = [];
  const refused: DoubleAnswer[] = [];
  const script: Scripted[] = [];
  const reply = (response: ServerResponse, answer: DoubleAnswer) =>
    response
      .writeHead(answer.status, { 'content-type': 'application/json;charset=utf-8' })
      .end(JSON.stringify(answer.body));

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const next = script.shift();
      if (next?.kind === 'stall') return;
      if (next?.kind === 'break') {
        response.writeHead(502, { 'content-type': 'text/html' }).end('<html><body>502 Bad Gateway</body></html>');
        return;
      }
      const verdict = provider.check(
        {
          method: request.method ?? '',
          url: request.url ?? '',
          headers: request.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        },
        options.account,
        new Date(),
      );
      if (!verdict.ok) {
        refused.push(verdict.answer);
        return reply(response, verdict.answer);
      }
      requested.push(verdict.message);
      if (next?.kind === 'refuse') return reply(response, provider.refusal(next.code));
      received.push(verdict.message);
      options.onReceived?.(verdict.message);
      reply(response, provider.accepted(verdict.message));
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    received,
    requested,
    refused,
    refuseNext: (code) => void script.push({ kind: 'refuse', code }),
    stallNext: () => void script.push({ kind: 'stall' }),
    breakNext: () => void script.push({ kind: 'break' }),
    lastCodeFor: (phone) =>
      received.filter((m) => m.phone === phone && m.template === 'login_code').at(-1)?.params.code,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
