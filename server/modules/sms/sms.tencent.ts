import { createHmac } from 'node:crypto';
import { systemClock } from '../../clock';
import type { SmsConfig } from '../../config.sms';
import type { SmsMessage, SmsProvider } from '../../deps';
import { SmsError, type SmsFailure } from '../../errors';
import { callProvider, SMS_TIMEOUT_MS, stringField, unreadableAnswer } from './sms.http';
import { orderedTemplateParams } from './sms.templates';
import { sha256 } from '../../hash';

/** Tencent Cloud SMS public endpoint. */
export const TENCENT_ENDPOINT = 'https://sms.tencentcloudapi.com';
const SERVICE = 'sms';
const ACTION = 'SendSms';
const VERSION = '2021-01-11';
const CONTENT_TYPE = 'application/json; charset=utf-8';

const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();

/**
 * Signs a request with TC3-HMAC-SHA256 (Tencent Cloud API 3.0 "signature v3"): a canonical request of
 * method, path, query, the signed headers (names and values lower-cased) and the body's SHA-256;
 * signed with a key derived from the SecretKey, the UTC date and the service. Returns the
 * Authorization header.
 */
export function signTencentRequest(request: {
  method: string;
  path: string;
  query: string;
  headers: Record<string, string>;
  payload: string;
  service: string;
  timestamp: number;
  secretId: string;
  secretKey: string;
}): string {
  const headers = Object.entries(request.headers)
    .map(([k, v]) => [k.toLowerCase().trim(), v.toLowerCase().trim()] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const signedHeaders = headers.map(([k]) => k).join(';');
  const canonicalRequest = [
    request.method,
    request.path,
    request.query,
    headers.map(([k, v]) => `${k}:${v}\n`).join(''),
    signedHeaders,
    sha256(request.payload),
  ].join('\n');
  const date = new Date(request.timestamp * 1000).toISOString().slice(0, 10);
  const scope = `${date}/${request.service}/tc3_request`;
  const stringToSign = ['TC3-HMAC-SHA256', String(request.timestamp), scope, sha256(canonicalRequest)].join('\n');
  const signingKey = hmac(hmac(hmac(`TC3${request.secretKey}`, date), request.service), 'tc3_request');
  const signature = createHmac('sha256', signingKey).update(stringToSign, 'utf8').digest('hex');
  return `TC3-HMAC-SHA256 Credential=${request.secretId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
}

/** Exact Tencent Cloud error codes and what they mean for us. */
const tencentFailures: Record<string, SmsFailure> = {
  'FailedOperation.InsufficientBalanceInSmsPackage': 'quota',
  'UnauthorizedOperation.ServiceSuspendDueToArrears': 'quota',
  'FailedOperation.TemplateIncorrectOrUnapproved': 'template',
  'FailedOperation.SignatureIncorrectOrUnapproved': 'template',
  'FailedOperation.TemplateParamSetNotMatchApprovedTemplate': 'template',
  'FailedOperation.TemplateUnapprovedOrNotExist': 'template',
  'FailedOperation.ContainSensitiveWord': 'template',
  'InvalidParameterValue.TemplateParameterFormatError': 'template',
  'InvalidParameterValue.TemplateParameterLengthLimit': 'template',
  'InvalidParameterValue.ProhibitedUseUrlInTemplateParameter': 'template',
  'InvalidParameterValue.ContentLengthLimit': 'template',
  'InvalidParameterValue.IncorrectPhoneNumber': 'phone',
  'FailedOperation.PhoneNumberInBlacklist': 'phone',
  'FailedOperation.PhoneNumberParseFail': 'phone',
  'MissingParameter.EmptyPhoneNumberSet': 'phone',
  'InvalidParameterValue.SdkAppIdNotExist': 'credentials',
};

/** Code families: every `LimitExceeded.*` is a sending limit, every `AuthFailure.*` a key problem. */
const tencentFamilies: [prefix: string, failure: SmsFailure][] = [
  ['LimitExceeded', 'throttled'],
  ['RequestLimitExceeded', 'throttled'],
  ['AuthFailure', 'credentials'],
  ['UnauthorizedOperation', 'credentials'],
];

/** The failure a Tencent Cloud error code stands for; anything unknown is `unavailable`. */
export function tencentFailure(code: string): SmsFailure {
  const exact = tencentFailures[code];
  if (exact) return exact;
  const family = code.split('.')[0];
  return tencentFamilies.find(([prefix]) => prefix === family)?.[1] ?? 'unavailable';
}

export type TencentSettings = Pick<
  SmsConfig,
  'endpoint' | 'keyId' | 'keySecret' | 'signName' | 'templates' | 'appId' | 'region'
>;

/** Tencent Cloud SMS: SendSms (2021-01-11), TC3-HMAC-SHA256-signed JSON with fetch. */
export class TencentSmsProvider implements SmsProvider {
  readonly name = 'tencent';
  private readonly url: URL;
  constructor(
    private readonly settings: TencentSettings,
    private readonly timeoutMs = SMS_TIMEOUT_MS,
  ) {
    this.url = new URL('/', settings.endpoint ?? TENCENT_ENDPOINT);
  }

  async send({ phone, template, params }: SmsMessage): Promise<{ providerMessageId?: string }> {
    const templateId = this.settings.templates[template];
    if (!templateId) throw new SmsError('template', 'template-not-configured');
    const payload = JSON.stringify({
      PhoneNumberSet: [`+86${phone}`], // E.164
      SmsSdkAppId: this.settings.appId,
      SignName: this.settings.signName,
      TemplateId: templateId,
      TemplateParamSet: orderedTemplateParams(template, params),
    });
    // The provider checks this against the real time: never a test's or the seed's clock.
    const timestamp = Math.floor(systemClock.now().getTime() / 1000);
    const authorization = signTencentRequest({
      method: 'POST',
      path: '/',
      query: '',
      headers: { 'content-type': CONTENT_TYPE, host: this.url.host, 'x-tc-action': ACTION },
      payload,
      service: SERVICE,
      timestamp,
      secretId: this.settings.keyId ?? '',
      secretKey: this.settings.keySecret ?? '',
    });
    const answer = await callProvider(
      this.url,
      {
        method: 'POST',
        headers: {
          authorization,
          'content-type': CONTENT_TYPE,
          'x-tc-action': ACTION,
          'x-tc-version': VERSION,
          'x-tc-timestamp': String(timestamp),
          'x-tc-region': this.settings.region,
        },
        body: payload,
      },
      this.timeoutMs,
    );
    return readTencentAnswer(answer);
  }
}

/**
 * A request-level refusal comes as `Response.Error.Code`; otherwise the one number's status is in
 * `Response.SendStatusSet[0].Code` ("Ok" when accepted).
 */
function readTencentAnswer(answer: { status: number; body: unknown }): { providerMessageId?: string } {
  const response = (answer.body as { Response?: unknown } | undefined)?.Response;
  const errorCode = stringField((response as { Error?: unknown } | undefined)?.Error, 'Code');
  if (errorCode) throw new SmsError(tencentFailure(errorCode), errorCode);
  const status = (response as { SendStatusSet?: unknown[] } | undefined)?.SendStatusSet?.[0];
  const code = stringField(status, 'Code');
  if (code === 'Ok') return { providerMessageId: stringField(status, 'SerialNo') };
  if (code === undefined) throw unreadableAnswer(answer);
  throw new SmsError(tencentFailure(code), code);
}
