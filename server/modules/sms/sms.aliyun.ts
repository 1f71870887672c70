import { createHmac, randomBytes } from 'node:crypto';
import { systemClock } from '../../clock';
import type { SmsConfig } from '../../config.sms';
import type { SmsMessage, SmsProvider } from '../../deps';
import { SmsError, type SmsFailure } from '../../errors';
import { callProvider, SMS_TIMEOUT_MS, stringField, unreadableAnswer } from './sms.http';
import { sha256 } from '../../hash';

/** Alibaba Cloud SMS (Dysmsapi) public endpoint; the API is the same in every region. */
export const ALIYUN_ENDPOINT = 'https://dysmsapi.aliyuncs.com';
const ACTION = 'SendSms';
const VERSION = '2017-05-25';

/** RFC 3986 percent-encoding as the V3 signature documents it (space → %20, `*` → %2A, `~` kept). */
export const aliyunPercentEncode = (value: string) =>
  encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * Signs a request with ACS3-HMAC-SHA256 (Alibaba Cloud's "V3 request and signature"): a canonical
 * request of method, path, sorted query, the `host` and `x-acs-*` headers and the body's SHA-256,
 * hashed and signed with HMAC-SHA256 under the AccessKey secret. Returns the Authorization header.
 */
export function signAliyunRequest(request: {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  keyId: string;
  keySecret: string;
}): string {
  const query = Object.keys(request.query)
    .sort()
    .map((k) => `${aliyunPercentEncode(k)}=${aliyunPercentEncode(request.query[k]!)}`)
    .join('&');
  const headers = Object.entries(request.headers)
    .map(([k, v]) => [k.toLowerCase().trim(), v.trim()] as const)
    .filter(([k]) => k === 'host' || k === 'content-type' || k.startsWith('x-acs-'))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const signedHeaders = headers.map(([k]) => k).join(';');
  const canonicalRequest = [
    request.method,
    request.path,
    query,
    headers.map(([k, v]) => `${k}:${v}\n`).join(''),
    signedHeaders,
    request.headers['x-acs-content-sha256'],
  ].join('\n');
  const signature = createHmac('sha256', request.keySecret)
    .update(`ACS3-HMAC-SHA256\n${sha256(canonicalRequest)}`, 'utf8')
    .digest('hex');
  return `ACS3-HMAC-SHA256 Credential=${request.keyId},SignedHeaders=${signedHeaders},Signature=${signature}`;
}

/** What each documented Dysmsapi error code means for us; anything else is `unavailable`. */
const aliyunFailures: Record<string, SmsFailure> = {
  'isv.AMOUNT_NOT_ENOUGH': 'quota',
  'isv.OUT_OF_SERVICE': 'quota',
  'isv.DAY_LIMIT_CONTROL': 'quota',
  'isv.MONTH_LIMIT_CONTROL': 'quota',
  'isv.SMS_TEMPLATE_ILLEGAL': 'template',
  'isv.SMS_SIGNATURE_ILLEGAL': 'template',
  'isv.SMS_SIGNATURE_SCENE_ILLEGAL': 'template',
  'isv.SIGN_STATE_ILLEGAL': 'template',
  'isv.SMS_SIGN_ILLEGAL': 'template',
  'isv.TEMPLATE_MISSING_PARAMETERS': 'template',
  'isv.TEMPLATE_PARAMS_ILLEGAL': 'template',
  'isv.INVALID_JSON_PARAM': 'template',
  'isv.PARAM_LENGTH_LIMIT': 'template',
  'isv.PARAM_NOT_SUPPORT_URL': 'template',
  'isv.SMS_CONTENT_ILLEGAL': 'template',
  'isv.BLACK_KEY_CONTROL_LIMIT': 'template',
  'isv.INVALID_PARAMETERS': 'template',
  'isv.DOMESTIC_NUMBER_NOT_SUPPORTED': 'template',
  'isv.BUSINESS_LIMIT_CONTROL': 'throttled',
  Throttling: 'throttled',
  'Throttling.User': 'throttled',
  'Throttling.Api': 'throttled',
  'isv.MOBILE_NUMBER_ILLEGAL': 'phone',
  'isv.MOBILE_COUNT_OVER_LIMIT': 'phone',
  'InvalidAccessKeyId.NotFound': 'credentials',
  'InvalidAccessKeyId.Inactive': 'credentials',
  SignatureDoesNotMatch: 'credentials',
  IncompleteSignature: 'credentials',
  'InvalidTimeStamp.Expired': 'credentials',
  SignatureNonceUsed: 'credentials',
  'Forbidden.RAM': 'credentials',
  'isp.RAM_PERMISSION_DENY': 'credentials',
  'isv.ACCOUNT_NOT_EXISTS': 'credentials',
  'isv.ACCOUNT_ABNORMAL': 'credentials',
  'isv.PRODUCT_UN_SUBSCRIPT': 'credentials',
  'isv.PRODUCT_UNSUBSCRIBE': 'credentials',
};

/** The failure an Alibaba Cloud error code stands for. */
export const aliyunFailure = (code: string): SmsFailure => aliyunFailures[code] ?? 'unavailable';

export type AliyunSettings = Pick<SmsConfig, 'endpoint' | 'keyId' | 'keySecret' | 'signName' | 'templates'>;

/** Alibaba Cloud SMS: Dysmsapi SendSms (2017-05-25), signed HTTP with fetch. */
export class AliyunSmsProvider implements SmsProvider {
  readonly name = 'aliyun';
  private readonly url: URL;
  constructor(
    private readonly settings: AliyunSettings,
    private readonly timeoutMs = SMS_TIMEOUT_MS,
  ) {
    this.url = new URL('/', settings.endpoint ?? ALIYUN_ENDPOINT);
  }

  async send({ phone, template, params }: SmsMessage): Promise<{ providerMessageId?: string }> {
    const templateCode = this.settings.templates[template];
    if (!templateCode) throw new SmsError('template', 'template-not-configured');
    const query = {
      PhoneNumbers: phone, // mainland numbers go without a prefix
      SignName: this.settings.signName ?? '',
      TemplateCode: templateCode,
      TemplateParam: JSON.stringify(params),
    };
    const headers: Record<string, string> = {
      host: this.url.host,
      'x-acs-action': ACTION,
      'x-acs-version': VERSION,
      // The provider checks this against the real time: never a test's or the seed's clock.
      'x-acs-date': systemClock
        .now()
        .toISOString()
        .replace(/\.\d{3}Z$/, 'Z'),
      'x-acs-signature-nonce': randomBytes(16).toString('hex'),
      'x-acs-content-sha256': sha256(''),
    };
    const authorization = signAliyunRequest({
      method: 'POST',
      path: '/',
      query,
      headers,
      keyId: this.settings.keyId ?? '',
      keySecret: this.settings.keySecret ?? '',
    });
    const url = new URL(this.url);
    url.search = Object.entries(query)
      .map(([k, v]) => `${aliyunPercentEncode(k)}=${aliyunPercentEncode(v)}`)
      .join('&');
    const { host: _host, ...sent } = headers; // fetch sets Host from the URL
    const answer = await callProvider(
      url,
      { method: 'POST', headers: { ...sent, authorization, accept: 'application/json' } },
      this.timeoutMs,
    );
    const code = stringField(answer.body, 'Code');
    if (code === 'OK') return { providerMessageId: stringField(answer.body, 'BizId') };
    if (code === undefined) throw unreadableAnswer(answer);
    throw new SmsError(aliyunFailure(code), code);
  }
}
