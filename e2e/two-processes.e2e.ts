import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DESKTOP, PHONE, launchBrowser, openPage, screenshot } from './support/browser';
import { byTest, loginByPassword, poll } from './support/journey';
import { matterAt } from './support/matter-setup';

/** A port nobody listens on right now. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Starts `server/main.ts` as its own operating-system process on the journeys' database. */
async function startSecondProcess(): Promise<{ child: ChildProcess; baseUrl: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: {
      ...process.env,
      DATABASE_URL: inject('databaseUrl'),
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      // The journeys' demo city on DATABASE_URL: demo mode must be asked for, and every login comes from 127.0.0.1.
      YISHI_DEMO: 'true',
      YISHI_CODE_LIMIT_PER_IP: '100000',
      YISHI_CODE_LIMIT_GLOBAL: '100000',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 120; i += 1) {
    if (child.exitCode !== null) throw new Error(`the second app process exited with ${child.exitCode}`);
    const ok = await fetch(`${baseUrl}/api/session`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { child, baseUrl };
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  child.kill('SIGKILL');
  throw new Error('the second app process did not answer within 60 s');
}

describe('two app processes on one database', () => {
  let browser: Browser;
  let second: { child: ChildProcess; baseUrl: string };
  beforeAll(async () => {
    browser = await launchBrowser();
    second = await startSecondProcess();
  });
  afterAll(async () => {
    second?.child.kill('SIGTERM');
    await browser.close();
  });

  it('shows on a page served by one process what was done through the other, without a reload', async () => {
    expect(second.baseUrl).not.toBe(inject('baseUrl'));
    // The resident's phone talks to the second process; the convenor's desk to the first.
    const resident = await openPage(browser, PHONE, second.baseUrl);
    await loginByPassword(resident, '13900000008');
    const convenor = await openPage(browser, DESKTOP);
    await loginByPassword(convenor, '13900000004');
    const { matterId } = await matterAt('deliberating', { convenor, resident });

    await resident.goto(`/matters/${matterId}`);
    await poll(() => byTest(resident, 'discussion-section').isVisible()).toBe(true);
    expect(await byTest(resident, 'comment-item').count()).toBe(0);
    const before = await byTest(resident, 'timeline-item').count();

    await convenor.goto(`/work/matters/${matterId}`);
    await byTest(convenor, 'comment-stance-neutral').click();
    await byTest(convenor, 'comment-body').fill('欢迎大家在这里继续发表意见，周五前汇总。');
    await byTest(convenor, 'comment-submit').click();
    await poll(() => byTest(convenor, 'comment-item').count()).toBe(1);

    // Only PostgreSQL NOTIFY connects the two processes: the comment and its timeline entry appear.
    await poll(() => byTest(resident, 'comment-item').count()).toBe(1);
    expect(await byTest(resident, 'comment-item').textContent()).toContain('周五前汇总');
    await poll(() => byTest(resident, 'timeline-item').count()).toBe(before + 1);
    await screenshot(resident, 'two-processes-live-phone');
  });
});
