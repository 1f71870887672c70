import { createHmac, randomUUID } from 'node:crypto';
import { smsTemplates } from '../config.sms';
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
 * Tencent Cloud SMS SendSms (2021-01-11) as its documentation describes it, written apart from the
 * adapter: TC3-HMAC-SHA256 recomputed from the raw request, E.164 numbers, the template's parameter
 * count, documented answers (request refusals in `Response.Error`, a number's in `SendStatusSet`).
 */

/** Documented descriptions of the codes the tests script (SMS error code page). */
const messages: Record<string, string> = {
  'AuthFailure.SignatureFailure':
    'The provided credentials could not be validated. Please check your signature is correct.',
  'AuthFailure.SecretIdNotFound': 'The SecretId is not found, please ensure that your SecretId is correct.',
  'AuthFailure.SignatureExpire': 'Signature expired. Timestamp and server time cannot differ by more than 5 minutes.',
  'AuthFailure.InvalidAuthorization': 'Authorization header is invalid.',
  InvalidAction: 'The requested action does not exist.',
  NoSuchVersion: 'The requested version does not exist.',
  MissingParameter: 'The request is missing a required parameter `Region`.',
  'InvalidParameterValue.SdkAppIdNotExist': 'SdkAppId不存在。',
  'FailedOperation.SignatureIncorrectOrUnapproved': '签名未审批或格式错误。',
  'FailedOperation.TemplateIncorrectOrUnapproved': '模板未审批或内容不匹配。',
  'FailedOperation.TemplateParamSetNotMatchApprovedTemplate': '请求内容与审核通过的模板内容不匹配。',
  'InvalidParameterValue.TemplateParameterFormatError':
    '验证码模板参数格式错误，验证码类模版，模版变量只能传入0 - 6位（包括6位）纯数字。',
  'FailedOperation.InsufficientBalanceInSmsPackage': '套餐包余量不足。',
  'LimitExceeded.PhoneNumberDailyLimit': '单个手机号日下发短信条数超过设定的上限。',
  'InvalidParameterValue.IncorrectPhoneNumber': '手机号格式错误。',
  'InternalError.Timeout': '请求下发短信超时。',
};

/** Codes about one number come back per number, in SendStatusSet; the rest refuse the request. */
const perNumber = (code: string) =>
  code.startsWith('LimitExceeded.PhoneNumber') ||
  code === 'InvalidParameterValue.IncorrectPhoneNumber' ||
  code === 'FailedOperation.InsufficientBalanceInSmsPackage';

function refusal(code: string, phone = '+8613800000000'): DoubleAnswer {
  const message = messages[code] ?? code;
  const RequestId = randomUUID();
  if (perNumber(code)) {
    const status = {
      SerialNo: '',
      PhoneNumber: phone,
      Fee: 0,
      SessionContext: '',
      Code: code,
      Message: message,
      IsoCode: 'CN',
    };
    return { status: 200, body: { Response: { SendStatusSet: [status], RequestId } } };
  }
  return { status: 200, body: { Response: { Error: { Code: code, Message: message }, RequestId } } };
}

/** The TC3 signature as the API recomputes it from the headers the request says it signed. */
export function tc3Signature(
  request: ProviderRequest,
  signedHeaders: string[],
  secretKey: string,
  timestamp: number,
  service: string,
): string {
  const [path = '/', query = ''] = request.url.split('?');
  const canonical = [
    request.method.toUpperCase(),
    path,
    query,
    signedHeaders.map((name) => `${name}:${(header(request, name) ?? '').trim().toLowerCase()}\n`).join(''),
    signedHeaders.join(';'),
    sha256(request.body),
  ].join('\n');
  const date = new Date(timestamp * 1000).toISOString().slice(0, 10);
  const stringToSign = `TC3-HMAC-SHA256\n${timestamp}\n${date}/${service}/tc3_request\n${sha256(canonical)}`;
  let key: Buffer = createHmac('sha256', `TC3${secretKey}`).update(date).digest();
  for (const part of [service, 'tc3_request']) key = createHmac('sha256', key).update(part).digest();
  return createHmac('sha256', key).update(stringToSign).digest('hex');
}

const AUTHORIZATION =
  /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/([a-z]+)\/tc3_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/;

function check(request: ProviderRequest, account: SmsAccount, now: Date): Verdict {
  const refuse = (code: string, phone?: string): Verdict => ({ ok: false, answer: refusal(code, phone) });
  if (request.method !== 'POST' || !(header(request, 'content-type') ?? '').startsWith('application/json'))
    return refuse('InvalidParameter');
  if (header(request, 'x-tc-action') !== 'SendSms') return refuse('InvalidAction');
  if (header(request, 'x-tc-version') !== '2021-01-11') return refuse('NoSuchVersion');
  if (!header(request, 'x-tc-region')) return refuse('MissingParameter');
  const auth = AUTHORIZATION.exec(header(request, 'authorization') ?? '');
  if (!auth) return refuse('AuthFailure.InvalidAuthorization');
  const [, secretId, date, service, signed, signature] = auth as unknown as string[];
  if (secretId !== account.keyId) return refuse('AuthFailure.SecretIdNotFound');
  const timestamp = Number(header(request, 'x-tc-timestamp'));
  if (!(Math.abs(now.getTime() / 1000 - timestamp) <= 300)) return refuse('AuthFailure.SignatureExpire');
  const signedHeaders = signed!.split(';');
  const isScopeRight = service === 'sms' && date === new Date(timestamp * 1000).toISOString().slice(0, 10);
  // content-type and host must be signed.
  if (!isScopeRight || !signedHeaders.includes('content-type') || !signedHeaders.includes('host'))
    return refuse('AuthFailure.SignatureFailure');
  if (tc3Signature(request, signedHeaders, account.keySecret, timestamp, service) !== signature)
    return refuse('AuthFailure.SignatureFailure');

  let body: Record<string, unknown>;
  try {
    body = JSON.parse(request.body) as Record<string, unknown>;
  } catch {
    return refuse('FailedOperation.JsonParseFail');
  }
  if (body.SmsSdkAppId !== account.appId) return refuse('InvalidParameterValue.SdkAppIdNotExist');
  if (body.SignName !== account.signName) return refuse('FailedOperation.SignatureIncorrectOrUnapproved');
  const template = smsTemplates.find((kind) => account.templates[kind] === body.TemplateId);
  if (!template) return refuse('FailedOperation.TemplateIncorrectOrUnapproved');
  const set = body.PhoneNumberSet;
  const e164 = Array.isArray(set) && set.length === 1 && typeof set[0] === 'string' ? set[0] : '';
  if (!/^\+861[3-9]\d{9}$/.test(e164)) return refuse('InvalidParameterValue.IncorrectPhoneNumber', e164);
  const names: readonly string[] = smsTemplateVariables[template];
  const values = body.TemplateParamSet;
  if (!Array.isArray(values) || values.length !== names.length || values.some((v) => typeof v !== 'string'))
    return refuse('FailedOperation.TemplateParamSetNotMatchApprovedTemplate');
  const params = Object.fromEntries(names.map((name, i) => [name, values[i] as string]));
  if (template === 'login_code' && !/^\d{1,6}$/.test(params.code ?? ''))
    return refuse('InvalidParameterValue.TemplateParameterFormatError');
  return { ok: true, message: { provider: 'tencent', phone: e164.slice(3), template, params } };
}

export const tencentRules: ProviderRules = {
  check,
  refusal: (code) => refusal(code),
  accepted: (message) => ({
    status: 200,
    body: {
      Response: {
        SendStatusSet: [
          {
            SerialNo: `5000:${Date.now()}${Math.floor(Math.random() * 1e9)}`,
            PhoneNumber: `+86${message.phone}`,
            Fee: 1,
            SessionContext: '',
            Code: 'Ok',
            Message: 'send success',
            IsoCode: 'CN',
          },
        ],
        RequestId: randomUUID(),
      },
    },
  }),
};
