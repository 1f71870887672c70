import { z } from 'zod';
import type { SmsTemplate } from '../domain/messaging/delivery';

/** Message kinds Yishi sends by SMS (declared in domain/messaging). */
export { smsTemplates, type SmsTemplate } from '../domain/messaging/delivery';

/**
 * `aliyun` (Alibaba Cloud SMS) and `tencent` (Tencent Cloud SMS) deliver for real; `log` writes
 * messages to the server log and is allowed only in demo mode; `none` sends nothing (staff then log in
 * by password only).
 */
export const smsProviders = ['aliyun', 'tencent', 'log', 'none'] as const;
export type SmsProviderName = (typeof smsProviders)[number];

export const smsEnvSchema = z.object({
  /** Default: `log` in demo mode; outside it the operator must choose (start-up says so). */
  YISHI_SMS_PROVIDER: z.enum(smsProviders).optional(),
  /** Provider API address; default the provider's public endpoint. Tests point it at 127.0.0.1. */
  YISHI_SMS_ENDPOINT: z.string().url().optional(),
  /** AccessKey ID (Alibaba Cloud) or SecretId (Tencent Cloud). */
  YISHI_SMS_KEY_ID: z.string().min(1).optional(),
  /** AccessKey secret (Alibaba Cloud) or SecretKey (Tencent Cloud). */
  YISHI_SMS_KEY_SECRET: z.string().min(1).optional(),
  /** The approved signature (签名), e.g. 桐乡市民政局. */
  YISHI_SMS_SIGN_NAME: z.string().min(1).optional(),
  /** Tencent Cloud's SmsSdkAppId. */
  YISHI_SMS_APP_ID: z.string().min(1).optional(),
  /** Tencent Cloud's region. */
  YISHI_SMS_REGION: z.string().min(1).default('ap-guangzhou'),
  YISHI_SMS_TEMPLATE_LOGIN_CODE: z.string().min(1).optional(),
  YISHI_SMS_TEMPLATE_INVITATION: z.string().min(1).optional(),
  YISHI_SMS_TEMPLATE_NOTICE: z.string().min(1).optional(),
  YISHI_SMS_TEMPLATE_NOTIFICATION: z.string().min(1).optional(),
  /**
   * Secret part of the reply callback address given to the provider (上行短信回调):
   * `https://<host>/api/sms/replies/<token>`. A reply of TD or 退订 then turns texts off for that
   * number. Unset: the callback answers 404. At least 24 characters (e.g. `openssl rand -hex 24`).
   */
  YISHI_SMS_REPLY_TOKEN: z.string().min(24).optional(),
});

export type SmsConfig = {
  /** Undefined when not chosen outside demo mode: server/main.ts refuses to start in production. */
  provider: SmsProviderName | undefined;
  endpoint: string | undefined;
  keyId: string | undefined;
  keySecret: string | undefined;
  signName: string | undefined;
  appId: string | undefined;
  region: string;
  templates: Partial<Record<SmsTemplate, string>>;
  /** Secret of the reply callback address; undefined turns the callback off. */
  replyToken: string | undefined;
};

/** The SMS part of the config; throws naming the missing variables of a real provider. */
export function smsConfigFrom(e: z.infer<typeof smsEnvSchema>, isDemo: boolean): SmsConfig {
  const provider = e.YISHI_SMS_PROVIDER ?? (isDemo ? 'log' : undefined);
  if (provider === 'log' && !isDemo) {
    throw new Error(
      'Invalid environment:\n  YISHI_SMS_PROVIDER: `log` writes codes to the log and is allowed only in demo mode',
    );
  }
  if (provider === 'aliyun' || provider === 'tencent') {
    const required = {
      YISHI_SMS_KEY_ID: e.YISHI_SMS_KEY_ID,
      YISHI_SMS_KEY_SECRET: e.YISHI_SMS_KEY_SECRET,
      YISHI_SMS_SIGN_NAME: e.YISHI_SMS_SIGN_NAME,
      YISHI_SMS_TEMPLATE_LOGIN_CODE: e.YISHI_SMS_TEMPLATE_LOGIN_CODE,
      ...(provider === 'tencent' ? { YISHI_SMS_APP_ID: e.YISHI_SMS_APP_ID } : {}),
    };
    const missing = Object.entries(required)
      .filter(([, v]) => !v)
      .map(([k]) => k);
    if (missing.length > 0) {
      throw new Error(
        `Invalid environment:\n${missing.map((k) => `  ${k}: required when YISHI_SMS_PROVIDER=${provider}`).join('\n')}`,
      );
    }
  }
  return {
    provider,
    endpoint: e.YISHI_SMS_ENDPOINT,
    keyId: e.YISHI_SMS_KEY_ID,
    keySecret: e.YISHI_SMS_KEY_SECRET,
    signName: e.YISHI_SMS_SIGN_NAME,
    appId: e.YISHI_SMS_APP_ID,
    region: e.YISHI_SMS_REGION,
    templates: {
      login_code: e.YISHI_SMS_TEMPLATE_LOGIN_CODE,
      invitation: e.YISHI_SMS_TEMPLATE_INVITATION,
      notice: e.YISHI_SMS_TEMPLATE_NOTICE,
      notification: e.YISHI_SMS_TEMPLATE_NOTIFICATION,
    },
    replyToken: e.YISHI_SMS_REPLY_TOKEN,
  };
}
