import type { SmsTemplate } from '../config.sms';

/** What the double knows of the account: the same values the app is configured with. */
export type SmsAccount = {
  keyId: string;
  keySecret: string;
  signName: string;
  /** Tencent Cloud's SmsSdkAppId. */
  appId?: string;
  /** Approved template ids by kind. */
  templates: Partial<Record<SmsTemplate, string>>;
};

/** A request as it reached the double: raw, so the signature is checked over the exact bytes. */
export type ProviderRequest = {
  method: string;
  /** Path and query string as sent. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
};

/** A message the double accepted, with its parameters by name whatever the provider's format. */
export type ReceivedSms = {
  provider: 'aliyun' | 'tencent';
  /** 11-digit mainland number. */
  phone: string;
  template: SmsTemplate;
  params: Record<string, string>;
};

/** The double's answer: HTTP status and the provider's documented JSON body. */
export type DoubleAnswer = { status: number; body: unknown };

/** A request either passes every documented check, or gets the provider's documented refusal. */
export type Verdict = { ok: true; message: ReceivedSms } | { ok: false; answer: DoubleAnswer };

/** One provider's side of the double. */
export type ProviderRules = {
  check(request: ProviderRequest, account: SmsAccount, now: Date): Verdict;
  accepted(message: ReceivedSms): DoubleAnswer;
  /** The documented refusal for an error code (tests script failures with it). */
  refusal(code: string): DoubleAnswer;
};

export const header = (request: ProviderRequest, name: string): string | undefined => {
  const value = request.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
};
