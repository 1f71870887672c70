/**
 * A real city's first start, as docs/deploy.md tells an operator to do it, against an EMPTY external
 * database: `npx tsx scripts/smoke-production.ts --database-url postgres://…/empty --port 3103`.
 *
 * Starts a local Tencent Cloud SMS stand-in (scripts/sms-test-server.ts) and the app with
 * NODE_ENV=production and DATABASE_URL only (no YISHI_DEMO), then checks: demo mode refused at start,
 * /api/ready 200, the demo admin refused, byte-identical code replies for a known and an unknown
 * number, the admin CLI's administrator logging in and changing the one-time password, a resident
 * imported by roster logging in with a code delivered through the SMS stand-in, Secure cookies, and
 * a log without phones or codes. Exits non-zero naming the first check that failed.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateKeyPairSync } from 'node:crypto';
import { parseArgs } from 'node:util';
import { freePort } from '../server/test/app-process';
import { buildServer, productionEntry } from './build-server';

const { values } = parseArgs({ options: { 'database-url': { type: 'string' }, port: { type: 'string' } } });
const databaseUrl = values['database-url'];
if (!databaseUrl) {
  console.error('usage: smoke-production --database-url <empty database> [--port N]');
  process.exit(2);
}

const ADMIN_PHONE = '13811110001';
const RESIDENT_PHONE = '13822220002';
const UNKNOWN_PHONE = '13833330003';
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'yishi-smoke-'));
const smsOut = path.join(work, 'sms.jsonl');
const sms = {
  YISHI_SMS_PROVIDER: 'tencent',
  YISHI_SMS_KEY_ID: 'AKIDsmoke',
  YISHI_SMS_KEY_SECRET: 'smoke-secret',
  YISHI_SMS_SIGN_NAME: '试点市民政局',
  YISHI_SMS_APP_ID: '1400000001',
  YISHI_SMS_TEMPLATE_LOGIN_CODE: '100001',
};
// The anchor key an operator creates before the first start (docs/deploy.md: openssl genpkey).
const anchorKeyFile = path.join(work, 'anchor-key.pem');
fs.writeFileSync(anchorKeyFile, generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }), {
  mode: 0o600,
});
// The operator's environment: nothing of the developer's (no YISHI_DEMO, no LOG_LEVEL tweaks).
const baseEnv = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root' };

const children: ChildProcess[] = [];
let appLog = '';
function fail(check: string, detail: unknown = ''): never {
  console.error(`FAILED: ${check}\n${typeof detail === 'string' ? detail : JSON.stringify(detail)}`);
  console.error(`--- app log ---\n${appLog}`);
  for (const child of children) child.kill('SIGTERM');
  process.exit(1);
}
function pass(check: string) {
  console.log(`ok - ${check}`);
}

async function waitFor(what: string, probe: () => Promise<boolean>, ms = 90_000) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await probe().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  fail(`${what} within ${ms / 1000} s`);
}

/** A browser-like client: keeps cookies by hand (Secure ones too, as a browser behind TLS would). */
class Client {
  private cookies = new Map<string, string>();
  lastSetCookies: string[] = [];
  constructor(private readonly base: string) {}
  async request(method: string, url: string, body?: unknown, form?: FormData) {
    const headers: Record<string, string> = { 'accept-language': 'zh-CN', 'x-csrf-token': 'smoke-csrf' };
    this.cookies.set('yishi_csrf', 'smoke-csrf');
    headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${this.base}${url}`, {
      method,
      headers,
      body: form ?? (body === undefined ? undefined : JSON.stringify(body)),
    });
    this.lastSetCookies = response.headers.getSetCookie();
    for (const line of this.lastSetCookies) {
      const [pair] = line.split(';');
      const [name, value] = pair!.split('=');
      if (value) this.cookies.set(name!, value);
      else this.cookies.delete(name!);
    }
    return { status: response.status, text: await response.text() };
  }
}

function admin(...args: string[]): string {
  return execFileSync(process.execPath, ['--import', 'tsx', 'scripts/admin.ts', ...args], {
    env: { ...baseEnv, NODE_ENV: 'production', DATABASE_URL: databaseUrl! },
    encoding: 'utf8',
  });
}

function csv(rows: string[][]): Blob {
  return new Blob([rows.map((r) => r.join(',')).join('\n') + '\n'], { type: 'text/csv' });
}

async function importRoster(client: Client, placeId: number, kind: string, file: Blob) {
  const form = new FormData();
  form.set('placeId', String(placeId));
  form.set('kind', kind);
  form.set('mode', 'commit');
  form.set('file', file, `${kind}.csv`);
  const reply = await client.request('POST', '/api/roster/imports', undefined, form);
  if (reply.status !== 200) fail(`roster import of ${kind}`, reply.text);
}

async function main() {
  // As `npm start` does: the server bundle, run by node itself.
  await buildServer();
  const smsPort = await freePort();
  const double = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'scripts/sms-test-server.ts',
      '--provider',
      'tencent',
      '--port',
      String(smsPort),
      '--out',
      smsOut,
    ],
    { env: { ...baseEnv, ...sms }, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  children.push(double);
  await waitFor('the SMS stand-in to listen', async () => {
    await fetch(`http://127.0.0.1:${smsPort}/`, { method: 'POST' });
    return true;
  });

  const port = values.port ? Number(values.port) : await freePort();
  const base = `http://127.0.0.1:${port}`;
  // Without the anchor key a production start stops at once, naming the setting.
  try {
    execFileSync(process.execPath, [productionEntry], {
      env: { ...baseEnv, NODE_ENV: 'production', DATABASE_URL: databaseUrl, PORT: String(port), ...sms },
      encoding: 'utf8',
      stdio: 'pipe',
      timeout: 60_000,
    });
    fail('a production start without YISHI_ANCHOR_KEY_FILE is refused');
  } catch (error) {
    const stderr = String((error as { stderr?: string }).stderr ?? '');
    if (!stderr.includes('YISHI_ANCHOR_KEY_FILE is not set')) fail('the refusal names YISHI_ANCHOR_KEY_FILE', stderr);
  }
  pass('a production start without the anchor key is refused, naming YISHI_ANCHOR_KEY_FILE');
  const app = spawn(process.execPath, [productionEntry], {
    env: {
      ...baseEnv,
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      ...sms,
      YISHI_SMS_ENDPOINT: `http://127.0.0.1:${smsPort}`,
      YISHI_ANCHOR_KEY_FILE: anchorKeyFile,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(app);
  app.stdout!.on('data', (chunk: Buffer) => (appLog += chunk.toString()));
  app.stderr!.on('data', (chunk: Buffer) => (appLog += chunk.toString()));
  app.once('exit', (code) => code !== null && code !== 0 && fail('the app kept running', `exit code ${code}`));

  await waitFor('/api/ready to answer 200', async () => (await fetch(`${base}/api/ready`)).status === 200);
  pass('/api/ready is 200');
  if (!appLog.includes('demo mode is off because NODE_ENV=production and DATABASE_URL is set')) {
    fail('start-up names why demo mode is off');
  }
  pass('start-up refused demo mode, naming the settings');

  const anonymous = new Client(base);
  const demoAdmin = await anonymous.request('POST', '/api/auth/login/password', {
    phone: '13900000001',
    password: 'demo1234',
  });
  if (demoAdmin.status !== 401) fail('the demo admin is refused', demoAdmin);
  pass('the demo admin and password are refused');

  admin('create-city', '--code', 'SD', '--name', '试点市');
  const created = admin('create', '--phone', ADMIN_PHONE, '--name', '系统管理员', '--place', 'SD');
  const oneTime = created.match(/[A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}/)?.[0];
  if (!oneTime) fail('the admin CLI prints a one-time password', created);
  if (appLog.includes(oneTime)) fail('the one-time password never reaches the app log');
  pass('the admin CLI created the first administrator');

  const known = await new Client(base).request('POST', '/api/auth/code', { phone: ADMIN_PHONE });
  const unknown = await new Client(base).request('POST', '/api/auth/code', { phone: UNKNOWN_PHONE });
  if (known.status !== 200 || known.status !== unknown.status || known.text !== unknown.text) {
    fail('code replies for a known and an unknown number are byte-identical', { known, unknown });
  }
  pass(`code replies for a known and an unknown number are byte-identical (${known.text})`);

  const staff = new Client(base);
  const login = await staff.request('POST', '/api/auth/login/password', { phone: ADMIN_PHONE, password: oneTime });
  if (login.status !== 200 || !JSON.parse(login.text).account?.mustChangePassword) fail('first login', login);
  if (!staff.lastSetCookies.some((c) => c.startsWith('yishi_session=') && /;\s*Secure/i.test(c))) {
    fail('the session cookie is Secure in production', staff.lastSetCookies);
  }
  const gated = await staff.request('GET', '/api/matters');
  if (gated.status !== 403 || !gated.text.includes('auth.password_change_required')) {
    fail('nothing else works before the password is changed', gated);
  }
  const newPassword = 'Yishi-smoke-2026';
  const changed = await staff.request('POST', '/api/account/password', { currentPassword: oneTime, newPassword });
  if (changed.status !== 200) fail('the password change', changed);
  pass('the administrator logged in with the one-time password and had to change it (Secure cookie)');

  const session = JSON.parse((await staff.request('GET', '/api/session')).text);
  const cityId: number = session.account.grants[0].placeId;
  await importRoster(
    staff,
    cityId,
    'places',
    csv([
      ['区划编码', '名称', '类型', '上级编码', '城乡'],
      ['SD-01', '东门街道', '镇街', 'SD', '城'],
      ['SD-01-01', '东门社区', '社区村', 'SD-01', '城'],
      ['SD-01-01-01', '东门小区', '小区自然村', 'SD-01-01', '城'],
      ['SD-01-01-01-01', '1幢', '楼栋村民小组', 'SD-01-01-01', '城'],
    ]),
  );
  await importRoster(
    staff,
    cityId,
    'residents',
    csv([
      [
        '居民编号',
        '姓名',
        '性别',
        '出生日期',
        '手机号',
        '户编码',
        '居住房屋编码',
        '所属区划编码',
        '身份',
        '产权房屋编码',
      ],
      ['R-SD-000001', '沈秀梅', '女', '1960-05-01', RESIDENT_PHONE, '', '', 'SD-01-01-01-01', '租户', ''],
    ]),
  );
  pass('the administrator imported the territory and a resident through the roster import');

  const resident = new Client(base);
  const asked = await resident.request('POST', '/api/auth/code', { phone: RESIDENT_PHONE });
  if (asked.status !== 200 || asked.text !== known.text) fail('the resident asks for a code', asked);
  let code: string | undefined;
  await waitFor('the code to reach the SMS stand-in', async () => {
    const lines = fs.existsSync(smsOut) ? fs.readFileSync(smsOut, 'utf8').trim().split('\n') : [];
    code = lines
      .map((l) => JSON.parse(l) as { phone: string; code?: string })
      .filter((m) => m.phone.endsWith(RESIDENT_PHONE))
      .at(-1)?.code;
    return code !== undefined;
  });
  const residentLogin = await resident.request('POST', '/api/auth/login/code', { phone: RESIDENT_PHONE, code });
  if (residentLogin.status !== 200) fail('the resident logs in with the delivered code', residentLogin);
  const grants = JSON.parse(residentLogin.text).account.grants as { role: string }[];
  if (!grants.some((g) => g.role === 'resident')) fail('the resident holds the resident role', grants);
  pass('a resident imported by roster logged in with a code delivered through the SMS stand-in');

  for (const secret of [ADMIN_PHONE, RESIDENT_PHONE, UNKNOWN_PHONE, code!, oneTime, newPassword]) {
    if (appLog.includes(secret)) fail('the app log holds no phone, code or password', secret);
  }
  pass('the app log holds no phone, code or password');

  app.kill('SIGTERM');
  double.kill('SIGTERM');
  fs.rmSync(work, { recursive: true, force: true });
  console.log('production start: all checks passed');
}

main().catch((error: unknown) => fail('unexpected error', error instanceof Error ? error.stack : String(error)));
