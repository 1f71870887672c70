import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SmsError } from '../server/errors';
import { TencentSmsProvider } from '../server/modules/sms/sms.tencent';

const env = {
  YISHI_SMS_KEY_ID: 'AKIDciSecretId',
  YISHI_SMS_KEY_SECRET: 'ci-secret-key',
  YISHI_SMS_SIGN_NAME: '桐乡市民政局',
  YISHI_SMS_APP_ID: '1400006666',
  YISHI_SMS_TEMPLATE_LOGIN_CODE: '2086031',
};
let settings = {
  endpoint: '',
  keyId: env.YISHI_SMS_KEY_ID,
  keySecret: env.YISHI_SMS_KEY_SECRET,
  signName: env.YISHI_SMS_SIGN_NAME,
  appId: env.YISHI_SMS_APP_ID,
  region: 'ap-guangzhou',
  templates: { login_code: env.YISHI_SMS_TEMPLATE_LOGIN_CODE },
};

describe('scripts/sms-test-server', () => {
  let server: ChildProcess;
  const out = path.join(mkdtempSync(path.join(tmpdir(), 'yishi-sms-')), 'sms.jsonl');
  beforeAll(async () => {
    server = spawn(
      process.execPath,
      ['--import', 'tsx', 'scripts/sms-test-server.ts', '--provider', 'tencent', '--port', '0', '--out', out],
      { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const url = await new Promise<string>((resolve) =>
      server.stdout!.on('data', (d: Buffer) => {
        const listening = /listening on (\S+),/.exec(d.toString());
        if (listening) resolve(listening[1]!);
      }),
    );
    settings = { ...settings, endpoint: url };
  });
  afterAll(async () => {
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
  });

  it('writes each correctly signed message to the file, phone and code', async () => {
    await new TencentSmsProvider(settings).send({
      phone: '13812345678',
      template: 'login_code',
      params: { code: '654321' },
    });
    const [line] = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(line).toMatchObject({ provider: 'tencent', phone: '13812345678', template: 'login_code', code: '654321' });
  });

  it("refuses a wrongly signed request with Tencent's documented error, and writes nothing", async () => {
    const wrong = new TencentSmsProvider({ ...settings, keySecret: 'guessed' });
    const error = await wrong
      .send({ phone: '13812345679', template: 'login_code', params: { code: '111111' } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SmsError);
    expect(error).toMatchObject({ failure: 'credentials', providerCode: 'AuthFailure.SignatureFailure' });
    expect(readFileSync(out, 'utf8')).not.toContain('13812345679');
  });
});
