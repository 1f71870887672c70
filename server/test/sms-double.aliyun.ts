import { createHmac, randomUUID } from 'node:crypto';
import { smsTemplates, type SmsTemplate } from '../config.sms';
import { smsTemplateVariables } from '../modules/sms';
import {
  header,
  type DoubleAnswer,
  type ProviderRequest,
  type ProviderRules,
  type SmsAccount,
  type Verdict,
} from './sms-double.types';
import { sha256 } from '../hash';

/**
 * Alibaba Cloud Dysmsapi SendSms (2017-05-25) as its documentation describes it, written apart from
 * the adapter: V3 signature (ACS3-HMAC-SHA256) recomputed from the raw request, parameters checked
 * against the approved templates, documented answers.
 */

/** Documented messages of the codes the tests script (API error codes page). */
const messages: Record<string, [status: number, message: string]> = {
  'isv.AMOUNT_NOT_ENOUGH': [200, '账户余额不足'],
  'isv.SMS_TEMPLATE_ILLEGAL': [200, '该账号下找不到对应模板'],
  'isv.SMS_SIGNATURE_ILLEGAL': [200, '该账号下找不到对应签名'],
  'isv.TEMPLATE_MISSING_PARAMETERS': [200, '模板变量中存在未赋值变量'],
  'isv.BUSINESS_LIMIT_CONTROL': [200, '触发分钟级流控Permits:1'],
  'isv.MOBILE_NUMBER_ILLEGAL': [200, '非法手机号'],
  'isp.SYSTEM_ERROR': [200, 'isp.SYSTEM_ERROR'],
  'InvalidAccessKeyId.NotFound': [404, 'Specified access key is not found.'],
  SignatureDoesNotMatch: [400, 'Specified signature does not match our calculation.'],
  SignatureNonceUsed: [400, 'Specified signature nonce was used already.'],
  'InvalidTimeStamp.Expired': [400, 'Specified time stamp or date value is expired.'],
  'InvalidAction.NotFound': [404, 'Specified api is not found, please check your url and method.'],
  InvalidVersion: [400, 'Specified parameter Version is not valid.'],
  MissingParameter: [400, 'The input parameter is missing.'],
};

function refusal(code: string): DoubleAnswer {
  const [status, message] = messages[code] ?? [200, code];
  const requestId = randomUUID().toUpperCase();
  // Gateway refusals (4xx) carry HostId and Recommend; business refusals only Code and Message.
  const body =
    status === 200
      ? { RequestId: requestId, Code: code, Message: message }
      : {
          RequestId: requestId,
          HostId: 'dysmsapi.aliyuncs.com',
          Code: code,
          Message: message,
          Recommend: `https://api.aliyun.com/troubleshoot?q=${code}&product=Dysmsapi&requestId=${requestId}`,
        };
  return { status, body };
}

/** RFC 3986 encoding of the V3 canonical query (unreserved characters kept, `%XX` upper case). */
function rfc3986(value: string): string {
  return Array.from(new TextEncoder().encode(value), (byte) => {
    const char = String.fromCharCode(byte);
    return /[A-Za-z0-9\-_.~]/.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }).join('');
}

/** The V3 signature of a request as the gateway recomputes it, from the headers it says it signed. */
export function aliyunV3Signature(request: ProviderRequest, signedHeaders: string[], secret: string): string {
  const [path = '/', search = ''] = request.url.split('?');
  const pairs = [...new URLSearchParams(search)].map(([k, v]) => [rfc3986(k), rfc3986(v)]);
  pairs.sort(([a], [b]) => (a! < b! ? -1 : a! > b! ? 1 : 0));
  const canonical = [
    request.method.toUpperCase(),
    path,
    pairs.map(([k, v]) => `${k}=${v}`).join('&'),
    signedHeaders.map((name) => `${name}:${(header(request, name) ?? '').trim()}\n`).join(''),
    signedHeaders.join(';'),
    sha256(request.body),
  ].join('\n');
  const stringToSign = `ACS3-HMAC-SHA256\n${sha256(canonical)}`;
  return createHmac('sha256', secret).update(stringToSign).digest('hex');
}

const usedNonces = new Set<string>();
const AUTHORIZATION = /^ACS3-HMAC-SHA256 Credential=([^,]+),SignedHeaders=([^,]+),Signature=([0-9a-f]{64})$/;

function check(request: ProviderRequest, account: SmsAccount, now: Date): Verdict {
  const refuse = (code: string): Verdict => ({ ok: false, answer: refusal(code) });
  if (header(request, 'x-acs-action') !== 'SendSms' || !request.url.startsWith('/?'))
    return refuse('InvalidAction.NotFound');
  if (header(request, 'x-acs-version') !== '2017-05-25') return refuse('InvalidVersion');
  const auth = AUTHORIZATION.exec(header(request, 'authorization') ?? '');
  if (!auth) return refuse('MissingParameter');
  const [, keyId, signed, signature] = auth as unknown as [string, string, string, string];
  if (keyId !== account.keyId) return refuse('InvalidAccessKeyId.NotFound');
  const date = Date.parse(header(request, 'x-acs-date') ?? '');
  if (!(Math.abs(now.getTime() - date) <= 15 * 60_000)) return refuse('InvalidTimeStamp.Expired');
  // Every header that must be signed is: host and all x-acs-* (content-type when there is one).
  const signedHeaders = signed.split(';');
  const mustSign = Object.keys(request.headers).filter((k) => k === 'host' || k.startsWith('x-acs-'));
  if (mustSign.some((k) => !signedHeaders.includes(k)) || [...signedHeaders].sort().join(';') !== signed)
    return refuse('SignatureDoesNotMatch');
  if (header(request, 'x-acs-content-sha256') !== sha256(request.body)) return refuse('SignatureDoesNotMatch');
  if (aliyunV3Signature(request, signedHeaders, account.keySecret) !== signature)
    return refuse('SignatureDoesNotMatch');
  const nonce = header(request, 'x-acs-signature-nonce') ?? '';
  if (!nonce || usedNonces.has(nonce)) return refuse('SignatureNonceUsed');
  usedNonces.add(nonce);

  const query = new URLSearchParams(request.url.split('?')[1]);
  const phone = (query.get('PhoneNumbers') ?? '').replace(/^(\+|\+86|0086|86)(?=1\d{10}$)/, '');
  if (!/^1[3-9]\d{9}$/.test(phone)) return refuse('isv.MOBILE_NUMBER_ILLEGAL');
  if (query.get('SignName') !== account.signName) return refuse('isv.SMS_SIGNATURE_ILLEGAL');
  const template = smsTemplates.find((kind) => account.templates[kind] === query.get('TemplateCode'));
  if (!template) return refuse('isv.SMS_TEMPLATE_ILLEGAL');
  const params = templateParams(template, query.get('TemplateParam'));
  if (!params) return refuse('isv.TEMPLATE_MISSING_PARAMETERS');
  return { ok: true, message: { provider: 'aliyun', phone, template, params } };
}

/** TemplateParam must be a JSON object of strings naming exactly the template's variables. */
function templateParams(template: SmsTemplate, json: string | null): Record<string, string> | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json ?? '');
  } catch {
    return undefined;
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
  const entries = Object.entries(parsed);
  const names: readonly string[] = smsTemplateVariables[template];
  const isExact =
    entries.length === names.length && entries.every(([k, v]) => names.includes(k) && typeof v === 'string');
  return isExact ? (parsed as Record<string, string>) : undefined;
}

export const aliyunRules: ProviderRules = {
  check,
  refusal,
  accepted: () => ({
    status: 200,
    body: {
      Code: 'OK',
      Message: 'OK',
      BizId: `${Date.now()}${Math.floor(Math.random() * 1e6)}^0`,
      RequestId: randomUUID().toUpperCase(),
    },
  }),
};
