import { execFile } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { verifyPassword } from '../server/modules/auth';

const tsx = path.resolve('node_modules/.bin/tsx');

type Run = { code: number; stdout: string; stderr: string };

/** Runs `npm run admin -- …` as the operator would (same script, own process, own environment). */
function admin(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      tsx,
      ['scripts/admin.ts', ...args],
      { env: { PATH: process.env.PATH!, HOME: process.env.HOME ?? '/tmp', LANG: 'C.UTF-8', ...env }, timeout: 120_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const oneTimePassword = (stdout: string) => /^One-time password: (\S+)$/m.exec(stdout)?.[1];

// Each run is a fresh tsx process (seconds on a busy machine): generous time per test.
describe('npm run admin on an external database (DATABASE_URL), brand new', { timeout: 180_000 }, () => {
  const name = `admin_cli_${randomBytes(5).toString('hex')}`;
  let url: string;
  let client: pg.Client;
  let env: Record<string, string>;
  beforeAll(async () => {
    const adminUrl = inject('adminUrl');
    const root = new pg.Client({ connectionString: adminUrl });
    await root.connect();
    await root.query(`create database ${name}`); // empty: the CLI must migrate it itself
    await root.end();
    const u = new URL(adminUrl);
    u.pathname = `/${name}`;
    url = u.toString();
    env = { DATABASE_URL: url, NODE_ENV: 'production', LOG_LEVEL: 'silent' };
    client = new pg.Client({ connectionString: url });
  });
  afterAll(async () => {
    await client.end().catch(() => undefined);
    const root = new pg.Client({ connectionString: inject('adminUrl') });
    await root.connect();
    await root.query(`drop database if exists ${name} with (force)`);
    await root.end();
  });

  it('creates the city and its first administrator with a one-time password stored only as a hash', async () => {
    const city = await admin(['create-city', '--code', 'TX', '--name', '桐乡市'], env);
    expect(city.code, city.stderr).toBe(0);
    expect(city.stdout).toContain('桐乡市');

    const created = await admin(['create', '--phone', '139 0000 1111', '--name', '王主任', '--place', 'TX'], env);
    expect(created.code, created.stderr).toBe(0);
    const password = oneTimePassword(created.stdout)!;
    expect(password).toMatch(/^[A-Za-z2-9]{4}-[A-Za-z2-9]{4}-[A-Za-z2-9]{4}$/);
    expect(created.stdout).toContain('139****1111');
    expect(created.stdout).not.toContain('13900001111');

    await client.connect();
    const { rows } = await client.query(
      `select a.password_hash, a.must_change_password, g.role, p.code
         from accounts a join role_grants g on g.account_id = a.id join places p on p.id = g.place_id
        where a.phone = '13900001111'`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ must_change_password: true, role: 'admin', code: 'TX' });
    expect(rows[0].password_hash).not.toContain(password);
    expect(await verifyPassword(password, rows[0].password_hash)).toBe(true);
    const events = await client.query(`select kind, actor, detail from account_events order by id`);
    expect(events.rows.map((e) => e.kind)).toEqual(['created', 'granted']);
    expect(events.rows[0].actor).toBe(`cli:${os.userInfo().username}@${os.hostname()}`);
    expect(events.rows[1].detail).toBe('admin@TX');
  });

  it.each([
    [['create', '--phone', '12345', '--name', '李', '--place', 'TX'], '--phone'],
    [['create', '--phone', '13900002222', '--name', '李', '--place', 'NOPE'], 'NOPE'],
    [['create', '--phone', '13900001111', '--name', '李', '--place', 'TX'], '--phone'],
    [['create', '--phone', '13900002222', '--name', '李', '--place', 'TX', '--role', 'mayor'], '--role'],
    [['create', '--phone', '13900002222', '--place', 'TX'], '--name is required'],
    [['create', '--phone', '13900002222', '--name', '李', '--place', 'TX', '--colour', 'red'], 'colour'],
    [['promote', '--phone', '13900001111'], 'unknown command'],
    [['create-city', '--code', 'TX', '--name', '又一个'], 'TX'],
    [['disable', '--phone', '13911112222'], '--phone'],
  ])('refuses %j with exit code 2 and says why', async (args, says) => {
    const run = await admin(args, env);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(says);
    expect(run.stdout).not.toMatch(/One-time password/);
  });

  it('lists, disables, enables and resets, each recorded', async () => {
    const list = await admin(['list'], env);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/139\*\*\*\*1111\s+王主任\s+admin@TX\s+yes\s+no\s+yes/);

    expect((await admin(['disable', '--phone', '13900001111'], env)).code).toBe(0);
    expect((await admin(['list'], env)).stdout).toMatch(/王主任\s+admin@TX\s+no\s+no\s+yes/);
    expect((await admin(['enable', '--phone', '13900001111'], env)).code).toBe(0);

    const reset = await admin(['reset-password', '--phone', '13900001111'], env);
    expect(reset.code).toBe(0);
    const password = oneTimePassword(reset.stdout)!;
    const { rows } = await client.query(`select password_hash from accounts where phone = '13900001111'`);
    expect(await verifyPassword(password, rows[0].password_hash)).toBe(true);
    const events = await client.query(`select kind from account_events order by id`);
    expect(events.rows.map((e) => e.kind)).toEqual(['created', 'granted', 'disabled', 'enabled', 'password_reset']);
  });

  it('grants and revokes a further role, each once and recorded, and refuses a repeat with exit code 2', async () => {
    const grant = ['grant', '--phone', '13900001111', '--role', 'city_officer', '--place', 'TX'];
    const granted = await admin([...grant, '--reason', '兼任市级部门'], env);
    expect(granted.code, granted.stderr).toBe(0);
    expect(granted.stdout).toContain('139****1111');
    expect((await admin(['list'], env)).stdout).toMatch(/王主任\s+admin@TX city_officer@TX\s/);
    const again = await admin(grant, env);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('accounts.grant_exists');

    const revoke = ['revoke', '--phone', '13900001111', '--role', 'city_officer', '--place', 'TX'];
    const unexplained = await admin(revoke, env);
    expect(unexplained.code).toBe(2);
    expect(unexplained.stderr).toContain('--reason is required');
    expect((await admin([...revoke, '--reason', '岗位调整'], env)).code).toBe(0);
    const twice = await admin([...revoke, '--reason', '岗位调整'], env);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain('accounts.grant_unknown');
    const { rows } = await client.query(
      `select kind, detail from account_events where kind in ('granted', 'revoked') order by id`,
    );
    expect(rows.slice(-2)).toEqual([
      { kind: 'granted', detail: 'city_officer@TX' },
      { kind: 'revoked', detail: 'city_officer@TX' },
    ]);
    const record = await client.query(
      `select e.kind, e.role, e.actor_account_id, e.actor_label like 'cli:%' as by_cli, e.reason
         from role_grant_events e join accounts a on a.id = e.account_id where a.phone = '13900001111' order by e.id`,
    );
    expect(record.rows).toEqual([
      { kind: 'granted', role: 'admin', actor_account_id: null, by_cli: true, reason: '' },
      { kind: 'granted', role: 'city_officer', actor_account_id: null, by_cli: true, reason: '兼任市级部门' },
      { kind: 'revoked', role: 'city_officer', actor_account_id: null, by_cli: true, reason: '岗位调整' },
    ]);
    const grants = await client.query(
      `select g.role from role_grants g join accounts a on a.id = g.account_id where a.phone = '13900001111'`,
    );
    expect(grants.rows.map((g) => g.role)).toEqual(['admin']);
  });

  it('refuses to make someone who runs the city also its supervisor (exit code 2)', async () => {
    const both = await admin(['grant', '--phone', '13900001111', '--role', 'supervisor', '--place', 'TX'], env);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('grant.runs_place');
  });

  it('anchors every chain on demand with the key file, and refuses without it in production (exit 1)', async () => {
    const refused = await admin(['anchor'], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('YISHI_ANCHOR_KEY_FILE is not set');
    const keyFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'yishi-admin-key-')), 'anchor-key.pem');
    fs.writeFileSync(keyFile, generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }));
    const anchored = await admin(['anchor'], { ...env, YISHI_ANCHOR_KEY_FILE: keyFile });
    expect(anchored.code, anchored.stderr).toBe(0);
    expect(anchored.stdout).toMatch(
      /^Anchored 0 chains on \d{4}-\d{2}-\d{2} \(anchor \d+, 0 changed since the last\): root [0-9a-f]{64}, key [0-9a-f]{16}\.$/m,
    );
    const { rows } = await client.query('select count(*)::int as n from chain_anchors');
    expect(rows[0].n).toBe(1);
    fs.rmSync(path.dirname(keyFile), { recursive: true, force: true });
  });

  it('prints the usage with --help (exit 0) and without a command (exit 2)', async () => {
    const help = await admin(['--help'], env);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('reset-password --phone');
    expect((await admin([], env)).code).toBe(2);
  });
});

describe('npm run admin on the embedded database', { timeout: 180_000 }, () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yishi-admin-cli-'));
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('initialises the cluster under YISHI_DATA_DIR, migrates it and creates the administrator', async () => {
    const env = { YISHI_DATA_DIR: dataDir, YISHI_PG_PORT: String(56000 + (process.pid % 900)), YISHI_DEMO: 'false' };
    expect((await admin(['create-city', '--code', 'HZ', '--name', '海州市'], env)).code).toBe(0);
    const created = await admin(['create', '--phone', '13900003333', '--name', '陈科长', '--place', 'HZ'], env);
    expect(created.code, created.stderr).toBe(0);
    expect(oneTimePassword(created.stdout)).toBeDefined();
    const list = await admin(['list'], env);
    expect(list.stdout).toMatch(/139\*\*\*\*3333.*陈科长.*admin@HZ/);
  });
});
