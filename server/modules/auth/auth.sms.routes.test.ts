import { PassThrough } from 'node:stream';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginCodes, smsMessages } from '../../db/schema';
import type { SmsFailure } from '../../errors';
import { buildTestApp, TestClient, type TestApp } from '../../test/build-test-app';
import { buildResident, buildTerritory } from '../../test/factories';
import { startSmsDouble, type SmsDouble } from '../../test/sms-double';

const account = {
  keyId: 'AKIDtestSecretId0000',
  keySecret: 'test-secret-key',
  signName: '桐乡市民政局',
  appId: '1400006666',
  templates: { login_code: '2086031' },
};

/** The settings an operator would give, pointing at the local double. */
const settings = (provider: string, endpoint: string) => ({
  YISHI_SMS_PROVIDER: provider,
  YISHI_SMS_ENDPOINT: endpoint,
  YISHI_SMS_KEY_ID: account.keyId,
  YISHI_SMS_KEY_SECRET: account.keySecret,
  YISHI_SMS_SIGN_NAME: account.signName,
  YISHI_SMS_APP_ID: account.appId,
  YISHI_SMS_TEMPLATE_LOGIN_CODE: account.templates.login_code,
  LOG_LEVEL: 'info',
});

/** Each failure kind, the provider's code that causes it, and the reply the user gets. */
const failures: { failure: SmsFailure; aliyun: string; tencent: string; status: number; zh: string; field?: string }[] =
  [
    {
      failure: 'quota',
      aliyun: 'isv.AMOUNT_NOT_ENOUGH',
      tencent: 'FailedOperation.InsufficientBalanceInSmsPackage',
      status: 503,
      zh: '短信发送额度已用完，请联系社区工作人员或稍后再试',
    },
    {
      failure: 'template',
      aliyun: 'isv.SMS_TEMPLATE_ILLEGAL',
      tencent: 'FailedOperation.TemplateIncorrectOrUnapproved',
      status: 503,
      zh: '短信模板配置有误，请联系系统管理员',
    },
    {
      failure: 'throttled',
      aliyun: 'isv.BUSINESS_LIMIT_CONTROL',
      tencent: 'LimitExceeded.PhoneNumberOneHourLimit',
      status: 429,
      zh: '短信发送过于频繁，请稍后再试',
    },
    {
      failure: 'phone',
      aliyun: 'isv.MOBILE_NUMBER_ILLEGAL',
      tencent: 'InvalidParameterValue.IncorrectPhoneNumber',
      status: 400,
      zh: '该手机号无法接收短信，请核对号码',
      field: 'phone',
    },
    {
      failure: 'credentials',
      aliyun: 'InvalidAccessKeyId.NotFound',
      tencent: 'AuthFailure.SecretIdNotFound',
      status: 503,
      zh: '短信服务配置有误，请联系系统管理员',
    },
    {
      failure: 'unavailable',
      aliyun: 'isp.SYSTEM_ERROR',
      tencent: 'InternalError.Timeout',
      status: 503,
      zh: '短信服务暂时不可用，请稍后再试',
    },
  ];

describe.each(['aliyun', 'tencent'] as const)('login codes delivered through %s', (provider) => {
  let double: SmsDouble;
  let t: TestApp;
  let log = '';
  let placeId: number;
  let nextPhone = provider === 'aliyun' ? 13_600_000_000 : 13_700_000_000;
  /** A roster resident with a phone of their own (the code route allows one request a minute per phone). */
  const resident = async () => {
    const phone = String(++nextPhone);
    await buildResident(t.database.db, { placeId, phone });
    return phone;
  };

  beforeAll(async () => {
    double = await startSmsDouble({ provider, account });
    const stream = new PassThrough();
    stream.on('data', (chunk: Buffer) => (log += chunk.toString()));
    t = await buildTestApp(settings(provider, double.url), undefined, { configuredSms: true, logStream: stream });
    placeId = (await buildTerritory(t.database.db)).unit1.id;
  });
  afterAll(async () => {
    await t.close();
    await double.close();
  });

  it('lets a roster resident log in with the code the provider delivered, and records the delivery without it', async () => {
    const phone = await resident();
    const client = t.anonymous();
    const asked = await client.post('/api/auth/code', { phone });
    expect(asked.statusCode).toBe(200);
    expect(asked.json()).toEqual({ sent: true }); // no devCode outside demo mode
    const code = double.lastCodeFor(phone);
    expect(code).toMatch(/^\d{6}$/);
    expect((await client.post('/api/auth/login/code', { phone, code })).statusCode).toBe(200);

    const [record] = await t.database.db.select().from(smsMessages).where(eq(smsMessages.phone, phone));
    expect(record).toMatchObject({
      template: 'login_code',
      params: {},
      status: 'sent',
      provider,
      failure: null,
      attempts: 1,
    });
    expect(record!.providerMessageId).toMatch(/\S/);
    expect(record!.sentAt).toBeInstanceOf(Date);
    expect(JSON.stringify(record)).not.toContain(code!);
  });

  it.each(failures)('answers a $failure refusal clearly, leaves no live code and logs one masked line', async (f) => {
    const phone = await resident();
    const before = log.length;
    double.refuseNext(f[provider]);
    const reply = await t.anonymous().post('/api/auth/code', { phone });

    expect(reply.statusCode).toBe(f.status);
    expect(reply.json().error).toEqual({
      code: `sms.${f.failure}`,
      message: f.zh,
      ...(f.field ? { field: f.field } : {}),
    });
    const live = await t.database.db.select().from(loginCodes).where(eq(loginCodes.phone, phone));
    expect(live).toEqual([]);
    const [record] = await t.database.db
      .select()
      .from(smsMessages)
      .where(and(eq(smsMessages.phone, phone), eq(smsMessages.status, 'failed')));
    expect(record).toMatchObject({ provider, failure: f.failure, providerCode: f[provider], params: {}, sentAt: null });

    const lines = log
      .slice(before)
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const notices = lines.filter((line) => line.msg === 'text message not sent');
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({
      level: f.failure === 'quota' || f.failure === 'template' || f.failure === 'credentials' ? 50 : 40,
      sms: { provider, failure: f.failure, providerCode: f[provider], to: `${phone.slice(0, 3)}****${phone.slice(7)}` },
    });
    const code = double.requested.filter((m) => m.phone === phone).at(-1)?.params.code;
    expect(code).toMatch(/^\d{6}$/); // the request did carry a code…
    expect(log.slice(before)).not.toContain(code!); // …which no log line repeats,
    expect(log.slice(before)).not.toContain(phone); // nor the full number.
  });

  it('answers in English when asked', async () => {
    const phone = await resident();
    double.refuseNext(failures[0]![provider]);
    const reply = await new TestClient(t.app, 'en').post('/api/auth/code', { phone });
    expect(reply.json().error.message).toBe(
      'The text-message quota is used up; contact your community staff or try later',
    );
  });
});
