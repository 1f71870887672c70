import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SmsProvider } from '../../deps';
import { SmsError, type SmsFailure } from '../../errors';
import { startSmsDouble, type SmsAccount, type SmsDouble } from '../../test/sms-double';
import { AliyunSmsProvider } from './sms.aliyun';
import { TencentSmsProvider } from './sms.tencent';

const account: SmsAccount = {
  keyId: 'LTAI5tTestKeyId',
  keySecret: 'test-secret-不外传',
  signName: '桐乡市民政局',
  appId: '1400006666',
  templates: { login_code: 'SMS_100001', invitation: 'SMS_100002' },
};

type Case = {
  provider: 'aliyun' | 'tencent';
  make: (settings: Partial<SmsAccount> & { endpoint: string }, timeoutMs?: number) => SmsProvider;
  /** One documented code per failure kind, answered to a correct request. */
  scripted: [code: string, failure: SmsFailure][];
  /** What the provider answers a request signed with the wrong secret, and an unknown key id. */
  badSignature: string;
  unknownKey: string;
  unknownTemplate: string;
  wrongSignName: string;
};

const settingsOf = (over: Partial<SmsAccount> & { endpoint: string }) => ({
  appId: undefined as string | undefined,
  ...account,
  region: 'ap-guangzhou',
  ...over,
});

const cases: Case[] = [
  {
    provider: 'aliyun',
    make: (over, timeoutMs) => new AliyunSmsProvider(settingsOf(over), timeoutMs),
    scripted: [
      ['isv.AMOUNT_NOT_ENOUGH', 'quota'],
      ['isv.SMS_TEMPLATE_ILLEGAL', 'template'],
      ['isv.BUSINESS_LIMIT_CONTROL', 'throttled'],
      ['isv.MOBILE_NUMBER_ILLEGAL', 'phone'],
      ['isp.SYSTEM_ERROR', 'unavailable'],
    ],
    badSignature: 'SignatureDoesNotMatch',
    unknownKey: 'InvalidAccessKeyId.NotFound',
    unknownTemplate: 'isv.SMS_TEMPLATE_ILLEGAL',
    wrongSignName: 'isv.SMS_SIGNATURE_ILLEGAL',
  },
  {
    provider: 'tencent',
    make: (over, timeoutMs) => new TencentSmsProvider(settingsOf(over), timeoutMs),
    scripted: [
      ['FailedOperation.InsufficientBalanceInSmsPackage', 'quota'],
      ['FailedOperation.TemplateIncorrectOrUnapproved', 'template'],
      ['LimitExceeded.PhoneNumberDailyLimit', 'throttled'],
      ['InvalidParameterValue.IncorrectPhoneNumber', 'phone'],
      ['InternalError.Timeout', 'unavailable'],
    ],
    badSignature: 'AuthFailure.SignatureFailure',
    unknownKey: 'AuthFailure.SecretIdNotFound',
    unknownTemplate: 'FailedOperation.TemplateIncorrectOrUnapproved',
    wrongSignName: 'FailedOperation.SignatureIncorrectOrUnapproved',
  },
];

/** The SmsError a send ends in (fails the test if it went out). */
async function refusalOf(send: Promise<unknown>): Promise<{ failure: SmsFailure; providerCode: string }> {
  const error: unknown = await send.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SmsError);
  const { failure, providerCode } = error as SmsError;
  return { failure, providerCode };
}

describe.each(cases)('the $provider adapter against a double of its documented API', (c) => {
  let double: SmsDouble;
  let sms: SmsProvider;
  beforeAll(async () => {
    double = await startSmsDouble({ provider: c.provider, account });
    sms = c.make({ endpoint: double.url });
  });
  afterAll(async () => double.close());

  it('sends a login code the provider accepts, signed, in its phone and parameter format', async () => {
    const { providerMessageId } = await sms.send({
      phone: '13812345678',
      template: 'login_code',
      params: { code: '042137' },
    });
    expect(providerMessageId).toMatch(/\S+/);
    expect(double.refused).toEqual([]);
    expect(double.received.at(-1)).toEqual({
      provider: c.provider,
      phone: '13812345678',
      template: 'login_code',
      params: { code: '042137' },
    });
  });

  it('sends a template with several variables, each under its own name (Tencent: in order)', async () => {
    await sms.send({
      phone: '13912345678',
      template: 'invitation',
      params: { title: "3号楼(东)加装电梯 O'Neil*", time: '12月8日 19:30', community: '河滨社区' },
    });
    expect(double.received.at(-1)?.params).toEqual({
      title: "3号楼(东)加装电梯 O'Neil*",
      time: '12月8日 19:30',
      community: '河滨社区',
    });
  });

  it.each(cases.find((x) => x.provider === c.provider)!.scripted)(
    'turns the documented refusal %s into SmsError %s',
    async (code, failure) => {
      double.refuseNext(code);
      const refusal = await refusalOf(
        sms.send({ phone: '13812345678', template: 'login_code', params: { code: '1' } }),
      );
      expect(refusal).toEqual({ failure, providerCode: code });
    },
  );

  it('is refused as credentials when the secret is wrong (the double recomputes the signature)', async () => {
    const wrong = c.make({ endpoint: double.url, keySecret: 'not-the-secret' });
    const send = wrong.send({ phone: '13812345678', template: 'login_code', params: { code: '123456' } });
    expect(await refusalOf(send)).toEqual({ failure: 'credentials', providerCode: c.badSignature });
    const unknown = c.make({ endpoint: double.url, keyId: 'LTAI-nobody' });
    const again = unknown.send({ phone: '13812345678', template: 'login_code', params: { code: '123456' } });
    expect(await refusalOf(again)).toEqual({ failure: 'credentials', providerCode: c.unknownKey });
  });

  it('is refused as template for an unapproved template id or signature', async () => {
    const otherTemplate = c.make({ endpoint: double.url, templates: { login_code: 'SMS_999999' } });
    const send = otherTemplate.send({ phone: '13812345678', template: 'login_code', params: { code: '123456' } });
    expect(await refusalOf(send)).toEqual({ failure: 'template', providerCode: c.unknownTemplate });
    const otherSign = c.make({ endpoint: double.url, signName: '某某科技' });
    const again = otherSign.send({ phone: '13812345678', template: 'login_code', params: { code: '123456' } });
    expect(await refusalOf(again)).toEqual({ failure: 'template', providerCode: c.wrongSignName });
  });

  it('refuses a kind whose template the operator has not configured, without calling out', async () => {
    const before = double.received.length + double.refused.length;
    const send = sms.send({ phone: '13812345678', template: 'notice', params: { title: 'a' } });
    expect(await refusalOf(send)).toEqual({ failure: 'template', providerCode: 'template-not-configured' });
    expect(double.received.length + double.refused.length).toBe(before);
  });

  it('counts a provider that hangs past the time-out, a broken gateway or no server as unavailable', async () => {
    const impatient = c.make({ endpoint: double.url }, 300);
    double.stallNext();
    const hang = impatient.send({ phone: '13812345678', template: 'login_code', params: { code: '123456' } });
    expect(await refusalOf(hang)).toEqual({ failure: 'unavailable', providerCode: 'timeout' });
    double.breakNext();
    const broken = sms.send({ phone: '13812345678', template: 'login_code', params: { code: '123456' } });
    expect(await refusalOf(broken)).toEqual({ failure: 'unavailable', providerCode: 'http-502' });
    const nowhere = c.make({ endpoint: 'http://127.0.0.1:9' });
    const lost = nowhere.send({ phone: '13812345678', template: 'login_code', params: { code: '123456' } });
    expect(await refusalOf(lost)).toEqual({ failure: 'unavailable', providerCode: 'network' });
  });
});
