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
