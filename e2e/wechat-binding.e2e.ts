import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildApp } from '../server/app';
import { loadConfig } from '../server/config';
import { openDatabase, type Database } from '../server/db/client';
import { RecordingSms } from '../server/test/build-test-app';
import { startWechatDouble, type WechatDouble } from '../server/test/wechat-double';
import {
  DESKTOP,
  PHONE,
  expectAccessible,
  expectApart,
  launchBrowser,
  openPage,
  openZoomedPage,
  screenshot,
} from './support/browser';
import { byTest, loginByCode, loginByPassword, poll, queryDatabase } from './support/journey';

const APP = { appId: 'wx5e1f0a9c2b7d3e41', appSecret: 'journey-official-account-secret' };
const TEMPLATE = 'Ab1Cd2Ef3Gh4-journey-default';
const OPENID = 'oJourney-resident-0008';

/** A port nobody listens on right now. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * The journeys' shared server has no official account configured, so this story runs a second app on
 * the same database with WeChat pointing at the local double (which plays WeChat's authorize page too).
 */
describe('a resident binds WeChat on the phone and receives a test message', () => {
  let browser: Browser;
  let double: WechatDouble;
  let app: FastifyInstance;
  let database: Database;
  let baseUrl: string;
  beforeAll(async () => {
    browser = await launchBrowser();
    double = await startWechatDouble({ ...APP, templateIds: [TEMPLATE] });
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    const config = loadConfig({
      NODE_ENV: 'test',
      YISHI_DEMO: 'true',
      LOG_LEVEL: 'silent',
      YISHI_CODE_LIMIT_PER_IP: '100000',
      YISHI_CODE_LIMIT_GLOBAL: '100000',
      YISHI_LOGIN_LIMIT_PER_MINUTE: '100000',
      YISHI_WECHAT_APP_ID: APP.appId,
      YISHI_WECHAT_APP_SECRET: APP.appSecret,
      YISHI_WECHAT_API_BASE: double.url,
      YISHI_WECHAT_AUTHORIZE_URL: double.authorizeUrl,
      YISHI_WECHAT_REDIRECT_BASE: baseUrl,
      YISHI_WECHAT_TEMPLATES: `default=${TEMPLATE}`,
    });
    database = openDatabase(inject('databaseUrl'), 4);
    app = await buildApp({ config, db: database.db, sms: new RecordingSms(), logger: false });
    await app.listen({ host: '127.0.0.1', port });
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
    await double?.close();
    await browser?.close();
  });

  const wechatState = (page: Page) => byTest(page, 'channel-wechat-state').getAttribute('data-state');

  it('binds through WeChat’s authorize page, sends a test message, refuses a forged return, unbinds', async () => {
    const page = await openPage(browser, PHONE, baseUrl);
    await loginByCode(page, '13900000008');
    await byTest(page, 'home-channels').scrollIntoViewIfNeeded();
    await screenshot(page, 'channels-home-entry-phone');
    await byTest(page, 'home-channels').click();
    await page.waitForURL('**/account/channels');
    await poll(() => wechatState(page)).toBe('unbound');
    // Headless Chromium has service workers and PushManager: the push card offers to turn push on.
    expect(await byTest(page, 'channel-webpush-state').getAttribute('data-state')).toBe('off');
    await expectAccessible(page);
    await screenshot(page, 'channels-unbound-phone');

    // 1. 绑定微信: to WeChat's authorize page, which sends the phone back with a code and the state.
    double.signInAs(OPENID);
    await byTest(page, 'channel-wechat-bind').click();
    await poll(() => wechatState(page)).toBe('bound');
    await poll(() => byTest(page, 'channel-wechat-notice').textContent()).toBe('微信已绑定');
    // The code and state are dropped from the address: a reload replays nothing.
    expect(new URL(page.url()).search).toBe('');
    const rows = await queryDatabase<{ openid: string }>(
      'select b.openid from wechat_bindings b join accounts a on a.id = b.account_id where a.phone = $1',
      ['13900000008'],
    );
    expect(rows).toEqual([{ openid: OPENID }]);
    await expectAccessible(page);
    await screenshot(page, 'channels-wechat-bound-phone');

    // 2. 发送测试消息: the double records the template message to this openid, linking back here.
    await byTest(page, 'channel-wechat-test').click();
    await poll(() => byTest(page, 'channel-wechat-notice').textContent()).toBe('测试消息已发出，请在微信中查看');
    expect(double.received).toHaveLength(1);
    expect(double.received[0]).toMatchObject({
      touser: OPENID,
      templateId: TEMPLATE,
      url: `${baseUrl}/account/channels`,
      data: { thing1: { value: '测试消息' }, thing2: { value: '您已能在此收到议事消息' } },
    });
    await screenshot(page, 'channels-wechat-test-phone');
    await page.setViewportSize(DESKTOP);
    await screenshot(page, 'channels-wechat-test-desktop');
    await page.setViewportSize(PHONE);

    // 3. A return address this session did not start (a link someone sent) binds nothing.
    await page.goto(`/account/channels?code=${double.issueCode('oSomeoneElse')}&state=${'f'.repeat(48)}`);
    await poll(() => byTest(page, 'channel-wechat-error').textContent()).toContain('微信授权已失效');
    expect(await wechatState(page)).toBe('bound');
    await screenshot(page, 'channels-wechat-forged-phone');

    // At 200 % zoom the cards reflow: nothing wider than the window, the title clear of 返回.
    const zoomed = await openZoomedPage(browser, page, 2, baseUrl);
    await zoomed.goto('/account/channels');
    await poll(() => wechatState(zoomed)).toBe('bound');
    const overflow = await zoomed.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await expectApart(zoomed.locator('.base-page__title:visible'), zoomed.locator('.base-page__back:visible'));
    await expectAccessible(zoomed);
    await screenshot(zoomed, 'zoom-200-channels');
    await zoomed.context().close();

    // 4. 解除绑定, confirmed.
    await byTest(page, 'channel-wechat-unbind').click();
    await page.locator('[data-test="confirm-dialog"] .van-dialog__confirm').click();
    await poll(() => wechatState(page)).toBe('unbound');
    expect(await queryDatabase('select 1 from wechat_bindings where openid = $1', [OPENID])).toEqual([]);
  });

  it('tells staff at a desk where the city has not enabled WeChat', async () => {
    const page = await openPage(browser, DESKTOP);
    await loginByPassword(page, '13900000004');
    await page.goto('/');
    await byTest(page, 'home-channels').click();
    await page.waitForURL('**/account/channels');
    await poll(() => wechatState(page)).toBe('disabled');
    expect(await byTest(page, 'channel-wechat-state').textContent()).toContain('本市未开通');
    expect(await byTest(page, 'channel-wechat-bind').count()).toBe(0);
    await expectAccessible(page);
    await screenshot(page, 'channels-disabled-desktop');

    // In English, every word of the page is English.
    await page.locator('[data-test="locale-en"]:visible').click();
    await poll(() => page.locator('h1').textContent()).toBe('Message channels');
    expect(await byTest(page, 'channel-wechat-state').textContent()).toContain('Not enabled in this city');
    expect(await page.locator('.account-channels-page').textContent()).not.toMatch(/[\u3400-\u9fff]/);
    await expectAccessible(page);
    await screenshot(page, 'channels-disabled-english-desktop');
    await page.locator('[data-test="locale-zh-CN"]:visible').click();
    await poll(() => page.locator('h1').textContent()).toBe('消息渠道');
  });
});
