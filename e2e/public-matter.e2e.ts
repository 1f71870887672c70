import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, expectAccessible, launchBrowser, openPage, screenshot } from './support/browser';
import { byTest, loginByPassword, poll, queryDatabase } from './support/journey';
import { matterAt } from './support/matter-setup';

// No unit in the title: free texts lose everything below the building (2单元 → 某单元).
const TITLE = '5幢加装电梯（公开）';
/** sha256 links in the public file could contain any run of digits: leave them out of leak checks. */
const withoutHashes = (text: string) => text.replace(/[0-9a-f]{64}/g, '');

describe('anyone reads a decided public matter without logging in, with nobody named', () => {
  let browser: Browser;
  let convenor: Page;
  let resident: Page;
  let publicId: number;
  let privateId: number;
  /** What must never appear: the resident's and the convenor's names and phones, the resident's flat. */
  let secrets: string[];
  let flat: string | undefined;

  beforeAll(async () => {
    browser = await launchBrowser();
    convenor = await openPage(browser, DESKTOP);
    resident = await openPage(browser, PHONE);
    await loginByPassword(convenor, '13900000004');
    await loginByPassword(resident, '13900000008');
    const people = { convenor, resident };
    publicId = (await matterAt('resolved', people, { title: TITLE, visibility: 'public' })).matterId;
    privateId = (await matterAt('resolved', people, { visibility: 'community' })).matterId;

    const [me] = await queryDatabase<{ name: string; phone: string | null; room: string | null }>(
      `select r.name, r.phone, d.room from accounts a join residents r on r.id = a.resident_id
         left join dwellings d on d.id = r.dwelling_id where a.phone = '13900000008'`,
    );
    const [staff] = await queryDatabase<{ name: string }>(
      "select display_name as name from accounts where phone = '13900000004'",
    );
    expect(me).toBeDefined();
    secrets = [me!.name, me!.phone ?? '13900000008', '13900000008', staff!.name, '13900000004'];
    flat = me!.room ?? undefined;
  });
  afterAll(async () => browser.close());

  for (const [label, viewport] of [
    ['phone', PHONE],
    ['desktop', DESKTOP],
  ] as const) {
    it(`shows the title, resolution and chain on a ${label} in a fresh browser, leaking no one`, async () => {
      const visitor = await openPage(browser, viewport);
      await visitor.goto(`/public/matters/${publicId}`);
      await poll(() => byTest(visitor, 'public-matter-title').textContent()).toBe(TITLE);
      expect(new URL(visitor.url()).pathname).toBe(`/public/matters/${publicId}`);
      expect(await visitor.title()).toBe(`${TITLE} · 议事`);
      // A visitor gets no staff navigation.
      expect(await byTest(visitor, 'tab-matters').count()).toBe(0);
      expect(await byTest(visitor, 'nav-work').count()).toBe(0);

      expect(await byTest(visitor, 'public-trail').textContent()).toContain('5幢');
      expect(await byTest(visitor, 'public-resolution').textContent()).toContain('同意加装电梯');
      expect(await byTest(visitor, 'public-minutes').isVisible()).toBe(true);
      expect(await byTest(visitor, 'public-followups').isVisible()).toBe(true);
      expect(await byTest(visitor, 'public-evaluation').textContent()).toContain('尚未评估');
      expect(await byTest(visitor, 'public-chain').textContent()).toMatch(/记录链完整，共 \d+ 条/);
      expect(await byTest(visitor, 'public-file-json').getAttribute('href')).toBe(
        `/api/public/matters/${publicId}/file.json`,
      );

      const html = await visitor.content();
      const text = await visitor.evaluate(() => document.body.innerText);
      const api = await visitor.request.get(`/api/public/matters/${publicId}`);
      expect(api.status()).toBe(200);
      const json = withoutHashes(await api.text());
      const download = await visitor.request.get(`/api/public/matters/${publicId}/file.json`);
      expect(download.headers()['content-disposition']).toContain('attachment');
      expect(JSON.parse(await download.text())).toMatchObject({ format: 'yishi.public-matter-file/1', title: TITLE });
      const file = withoutHashes(await download.text());
      for (const secret of secrets) {
        expect(html).not.toContain(secret);
        expect(json).not.toContain(secret);
        expect(file).not.toContain(secret);
      }
      // The history reads in words, never as audit codes.
      expect(text).toContain('发布公示');
      expect(text).not.toMatch(/notice\.post|invitations\.add|meeting\.signIn/);
      if (flat) {
        expect(text).not.toContain(flat);
        expect(json).not.toContain(flat);
      }

      await expectAccessible(visitor);
      await screenshot(visitor, `public-matter-${label}`);
      await visitor.context().close();
    });
  }

  for (const [label, viewport] of [
    ['phone', PHONE],
    ['desktop', DESKTOP],
  ] as const) {
    it(`switches the public page to English and back on a ${label}, and the choice stays`, async () => {
      const visitor = await openPage(browser, viewport);
      await visitor.goto(`/public/matters/${publicId}`);
      await poll(() => byTest(visitor, 'public-matter-title').textContent()).toBe(TITLE);
      const bar = byTest(visitor, 'public-bar');
      expect(await bar.textContent()).toContain('议事 · 公开记录');
      expect(await bar.locator('[data-test="locale-zh-CN"]').getAttribute('aria-pressed')).toBe('true');
      await screenshot(visitor, `public-matter-zh-${label}`);

      await bar.locator('[data-test="locale-en"]').click();
      await poll(() => visitor.getAttribute('html', 'lang')).toBe('en');
      await poll(() => bar.textContent()).toContain('Yishi · public record');
      expect(await byTest(visitor, 'public-chain').textContent()).toMatch(/Record chain intact, \d+ entries/);
      expect(await byTest(visitor, 'public-evaluation').textContent()).toContain('Not evaluated yet');
      expect(await byTest(visitor, 'public-resolution').textContent()).toContain('Basis: ');
      // Every heading the page writes itself is English; the title is the community's own words.
      const headings = await visitor.locator('h2:not([data-test="public-matter-title"])').allTextContents();
      expect(headings.length).toBeGreaterThan(3);
      for (const heading of headings) expect(heading).not.toMatch(/[\u4e00-\u9fff]/);
      expect(headings).toContain('History');
      // The seven English step names are longer than the Chinese ones; none may run into the next.
      const steps = await visitor
        .locator('[data-test="step-bar"] .van-step__title')
        .evaluateAll((titles) => titles.map((title) => title.getBoundingClientRect()));
      expect(steps).toHaveLength(7);
      for (let i = 1; i < steps.length; i++) expect(steps[i]!.left).toBeGreaterThanOrEqual(steps[i - 1]!.right);
      await expectAccessible(visitor);
      await screenshot(visitor, `public-matter-en-${label}`);

      // The choice stays, as in the app: a reload, and the showcase opened next, are in English.
      await visitor.reload();
      await poll(() => bar.textContent()).toContain('Yishi · public record');
      await visitor.goto('/showcase');
      await poll(() => visitor.locator('h1').textContent()).toBe('Showcase');
      expect(await byTest(visitor, 'public-bar').textContent()).toContain('Yishi · Showcase');
      const shown = visitor.locator('[data-test="showcase-list"], [data-test="showcase-empty"]');
      await poll(() => shown.count()).toBe(1);
      await screenshot(visitor, `showcase-en-${label}`);
      await byTest(visitor, 'locale-zh-CN').click();
      await poll(() => visitor.locator('h1').textContent()).toBe('成果展示');
      expect(await visitor.getAttribute('html', 'lang')).toBe('zh-CN');
      await visitor.context().close();
    });
  }

  it('answers a matter that is not public, or unknown, with a friendly not-found page', async () => {
    const visitor = await openPage(browser, PHONE);
    for (const id of [privateId, 999999]) {
      await visitor.goto(`/public/matters/${id}`);
      await poll(() => byTest(visitor, 'public-not-found').isVisible()).toBe(true);
      expect(await byTest(visitor, 'public-not-found').textContent()).toContain('此事项不存在或未公开');
      expect(new URL(visitor.url()).pathname).toBe(`/public/matters/${id}`);
      expect(await byTest(visitor, 'public-matter-title').count()).toBe(0);
    }
    await expectAccessible(visitor);
    await screenshot(visitor, 'public-matter-not-found-phone');
    await visitor.context().close();
  });
});
