/**
 * A local stand-in for Alibaba Cloud or Tencent Cloud SMS, for CI and trials without a real account:
 * accepts requests made and signed as the provider documents them (same YISHI_SMS_* settings as the
 * app), refuses the rest with the provider's documented error body, and appends each accepted
 * message to a file as one JSON line: {"at","provider","phone","template","code"?,"params"}.
 *
 *   YISHI_SMS_KEY_ID=… YISHI_SMS_KEY_SECRET=… YISHI_SMS_SIGN_NAME=… YISHI_SMS_TEMPLATE_LOGIN_CODE=… \
 *   [YISHI_SMS_APP_ID=… for tencent] npx tsx scripts/sms-test-server.ts --provider tencent --port 3199 --out sms.jsonl
 *
 * Then start the app with YISHI_SMS_PROVIDER=tencent YISHI_SMS_ENDPOINT=http://127.0.0.1:3199 and the
 * same settings. Never point it at real phones: it delivers nothing.
 */
import { appendFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { smsEnvSchema } from '../server/config.sms';
import { startSmsDouble } from '../server/test/sms-double';

const { values } = parseArgs({
  options: {
    provider: { type: 'string' },
    port: { type: 'string', default: '3199' },
    host: { type: 'string', default: '127.0.0.1' },
    out: { type: 'string' },
  },
});
const provider = values.provider;
if (provider !== 'aliyun' && provider !== 'tencent') {
  console.error('usage: sms-test-server --provider aliyun|tencent [--port 3199] [--host 127.0.0.1] --out <file>');
  process.exit(2);
}
const env = smsEnvSchema.parse(process.env);
const required = {
  YISHI_SMS_KEY_ID: env.YISHI_SMS_KEY_ID,
  YISHI_SMS_KEY_SECRET: env.YISHI_SMS_KEY_SECRET,
  YISHI_SMS_SIGN_NAME: env.YISHI_SMS_SIGN_NAME,
  YISHI_SMS_TEMPLATE_LOGIN_CODE: env.YISHI_SMS_TEMPLATE_LOGIN_CODE,
  ...(provider === 'tencent' ? { YISHI_SMS_APP_ID: env.YISHI_SMS_APP_ID } : {}),
};
const missing = Object.keys(required).filter((k) => !required[k as keyof typeof required]);
if (missing.length > 0 || !values.out) {
  console.error(`sms-test-server needs ${[...missing, ...(values.out ? [] : ['--out <file>'])].join(', ')}`);
  process.exit(2);
}
const out = values.out;

const double = await startSmsDouble({
  provider,
  port: Number(values.port),
  host: values.host,
  account: {
    keyId: env.YISHI_SMS_KEY_ID!,
    keySecret: env.YISHI_SMS_KEY_SECRET!,
    signName: env.YISHI_SMS_SIGN_NAME!,
    appId: env.YISHI_SMS_APP_ID,
    templates: {
      login_code: env.YISHI_SMS_TEMPLATE_LOGIN_CODE,
      invitation: env.YISHI_SMS_TEMPLATE_INVITATION,
      notice: env.YISHI_SMS_TEMPLATE_NOTICE,
      notification: env.YISHI_SMS_TEMPLATE_NOTIFICATION,
    },
  },
  onReceived: (message) => {
    const line = { at: new Date().toISOString(), ...message, code: message.params.code };
    appendFileSync(out, `${JSON.stringify(line)}\n`);
  },
});
console.log(`sms-test-server (${provider}) listening on ${double.url}, writing to ${out}`);

const stop = () => void double.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
