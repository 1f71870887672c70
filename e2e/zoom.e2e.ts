import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PHONE,
  expectAccessible,
  expectApart,
  launchBrowser,
  openPage,
  openZoomedPage,
  screenshot,
} from './support/browser';
import { loginByPassword, queryDatabase } from './support/journey';

/** Nothing on the page is wider than the window: at 200 % a phone is 195 CSS pixels wide. */
async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, `${page.url()} scrolls sideways by ${overflow}px at 200 %`).toBeLessThanOrEqual(0);
}

/** The page's title and its back button, when it has one, are drawn apart and the title is not cut. */
async function expectHeaderApart(page: Page): Promise<void> {
  const title = page.locator('.base-page__title:visible').first();
  await expect.poll(() => title.count()).toBe(1);
  const back = page.locator('.base-page__back:visible');
  if ((await back.count()) > 0) await expectApart(title, back.first());
  const clipped = await title.evaluate((e) => e.scrollWidth > e.clientWidth + 1);
  expect(clipped, 'title clipped').toBe(false);
}

/** An archived matter's step bar has scrolled to its seventh step: it is on screen, not past the edge. */
async function expectLastStepInView(page: Page): Promise<void> {
  const last = page.locator('[data-test="step-bar"] .van-step').last();
  await expect.poll(async () => (await last.boundingBox())?.x ?? -1).toBeGreaterThanOrEqual(0);
  const box = (await last.boundingBox())!;
  expect(box.x + box.width, 'the seventh step ends inside the window').toBeLessThanOrEqual(195 + 1);
}

/** Opens `path` at 200 % zoom with `from`'s session, checks it and keeps a picture of it. */
async function checkAt200(browser: Browser, from: Page, path: string, name: string, ready: string) {
  const zoomed = await openZoomedPage(browser, from);
  await zoomed.goto(path);
  await zoomed.locator(ready).first().waitFor({ state: 'visible', timeout: 15_000 });
  await expectNoSidewaysScroll(zoomed);
  await expectHeaderApart(zoomed);
  await expectAccessible(zoomed);
  await screenshot(zoomed, `zoom-200-${name}`);
  return zoomed;
}

describe('the key pages at 200 % zoom on a phone', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser.close());

  it('public pages: a decided matter, the showcase and a notice board fit and read in order', async () => {
    const page = await openPage(browser, PHONE);
    await page.goto('/showcase');
    const [decided] = await queryDatabase<{ id: number }>(
      `select id from matters where visibility = 'public' and status = 'archived' order by id limit 1`,
    );
    const [community] = await queryDatabase<{ id: number }>(`select id from places where code = 'TA-01-01'`);
    const matter = await checkAt200(browser, page, `/public/matters/${decided!.id}`, 'public-matter', 'h1');
    // The archived matter's step bar shows its last step, not the first two.
    await expectLastStepInView(matter);
    await checkAt200(browser, page, '/showcase', 'showcase', '[data-test="showcase-list"]');
    await checkAt200(browser, page, `/public/places/${community!.id}/notices`, 'notices', 'h1');
  });

  it('a resident’s pages: home, raising a matter, the inbox, the community’s matters', async () => {
    const page = await openPage(browser, PHONE);
    await loginByPassword(page, '13900000007');
    await checkAt200(browser, page, '/', 'resident-home', 'h1');
    await checkAt200(browser, page, '/matters/new', 'raise', 'form');
    await checkAt200(browser, page, '/inbox', 'inbox', 'h1');
    await checkAt200(browser, page, '/community', 'community', '[data-test="community-search"]');
  });

  it('staff pages: the work queue, a matter, statistics and supervision', async () => {
    const convenor = await openPage(browser, PHONE);
    await loginByPassword(convenor, '13900000004');
    await checkAt200(browser, convenor, '/work', 'work', 'h1');
    await checkAt200(browser, convenor, '/matters', 'matters', 'h1');

    const officer = await openPage(browser, PHONE);
    await loginByPassword(officer, '13900000002');
    const [archived] = await queryDatabase<{ id: number }>(
      `select id from matters where status = 'archived' order by id limit 1`,
    );
    const matter = await checkAt200(browser, officer, `/matters/${archived!.id}`, 'matter', '[data-test="step-bar"]');
    await expectLastStepInView(matter);
    await checkAt200(browser, officer, '/statistics', 'statistics', '[data-test="statistics-groups"]');
    const supervisor = await openPage(browser, PHONE);
    await loginByPassword(supervisor, '13900000006');
    await checkAt200(browser, supervisor, '/supervision', 'supervision', 'h1');
  });
});
