import JSZip from 'jszip';
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { bulletinQrPng } from '../server/modules/bulletins/bulletins.docx';
import { DESKTOP, PHONE, expectAccessible, launchBrowser, openPage, screenshot } from './support/browser';
import { byTest, loginByPassword, poll, queryDatabase } from './support/journey';

type FigureValue = { value: number | null };
const counts = ['raised', 'resolved', 'archived', 'overdueTasks'] as const;
const labels: Record<(typeof counts)[number], string> = {
  raised: '新提事项',
  resolved: '形成决议',
  archived: '办结归档',
  overdueTasks: '逾期任务',
};

/** Last month in China time, and its period [from, to). */
function lastMonth() {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  const [y, m] = today.split('-').map(Number) as [number, number];
  const month = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
  return { month, from: `${month}-01`, to: `${today.slice(0, 7)}-01` };
}

/** The rows of the .docx tables as plain text, one string per row ("新提事项12"), and its QR code PNG. */
async function docxRows(path: string): Promise<{ text: string; rows: string[]; qr: Buffer }> {
  const zip = await JSZip.loadAsync(await readFile(path));
  const xml = await zip.file('word/document.xml')!.async('string');
  const plain = (s: string) => s.replace(/<[^>]+>/g, '');
  const image = Object.keys(zip.files).find((name) => /^word\/media\/.+\.png$/.test(name))!;
  const qr = await zip.file(image)!.async('nodebuffer');
  return { text: plain(xml), rows: xml.split('</w:tr>').map(plain), qr };
}

/** The headline count figures as a page shows them. */
const shownCounts = async (page: Page) =>
  Object.fromEntries(
    await Promise.all(
      counts.map(async (key) => [
        key,
        (await byTest(page, `bulletin-figure-${key}`).locator('dd').textContent())!.trim(),
      ]),
    ),
  ) as Record<(typeof counts)[number], string>;

describe('a town officer generates last month’s bulletin and downloads it', () => {
  let browser: Browser;
  let officer: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    officer = await openPage(browser, DESKTOP);
    await loginByPassword(officer, '13900000003');
  });
  afterAll(async () => browser.close());

  it('generates 梧桐街道’s bulletin; the page, the .docx and the dashboard show the same figures', async () => {
    const [town] = await queryDatabase<{ id: number }>(`select id from places where code = 'TA-01'`);
    const { month, from, to } = lastMonth();

    // On a desktop the header leads to 督办 and 通报 (not only the home page's buttons).
    await officer.goto('/');
    await poll(() => byTest(officer, 'nav-supervision').count()).toBe(1);
    await byTest(officer, 'nav-bulletins').click();
    await poll(() => byTest(officer, 'bulletin-place').inputValue()).toBe(String(town!.id));
    expect(await byTest(officer, 'bulletin-month').inputValue()).toBe(month);
    await expectAccessible(officer);
    await byTest(officer, 'bulletin-generate').click();
    await poll(async () => new URL(officer.url()).pathname).toBe(`/bulletins/${town!.id}/${month}`);
    await poll(() => byTest(officer, 'bulletin-figure-raised').count()).toBe(1);
    expect(await officer.locator('h1, .van-nav-bar__title').first().textContent()).toContain('梧桐街道');
    await expectAccessible(officer);
    await screenshot(officer, 'bulletin-desktop');

    const shown = await shownCounts(officer);

    // The dashboard's API for the same place and month (the statistics module).
    const dashboard = await officer.request.get(
      `/api/statistics?placeId=${town!.id}&from=${from}&to=${to}&groupBy=month`,
    );
    expect(dashboard.ok()).toBe(true);
    const totals = ((await dashboard.json()) as { totals: Record<string, FigureValue> }).totals;

    const [download] = await Promise.all([officer.waitForEvent('download'), byTest(officer, 'bulletin-docx').click()]);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    const docx = await docxRows((await download.path())!);
    expect(docx.text).toContain('梧桐街道');
    for (const key of counts) {
      expect(shown[key], key).toBe(String(totals[key]!.value));
      expect(docx.rows, key).toContain(`${labels[key]}${shown[key]}`);
    }
    // The QR code encodes the public page on this host, the address the staff page shares too.
    const publicPath = `/public/places/${town!.id}/bulletins/${month}`;
    expect(docx.qr.equals(await bulletinQrPng(new URL(publicPath, inject('baseUrl')).toString()))).toBe(true);
    expect(await byTest(officer, 'bulletin-public').getAttribute('href')).toBe(publicPath);

    // Back on the bulletins page, the generated month is listed.
    await officer.goto('/bulletins');
    const listed = byTest(officer, 'bulletin-month-link');
    await poll(() => listed.count()).toBeGreaterThan(0);
    expect(await listed.first().getAttribute('href')).toBe(`/bulletins/${town!.id}/${month}`);
    await expectAccessible(officer);
    await screenshot(officer, 'bulletins-desktop');
  });

  it('fits a phone too', async () => {
    const phone = await openPage(browser, PHONE);
    await loginByPassword(phone, '13900000003');
    const [town] = await queryDatabase<{ id: number }>(`select id from places where code = 'TA-01'`);
    await phone.goto(`/bulletins/${town!.id}/${lastMonth().month}`);
    await poll(() => byTest(phone, 'bulletin-figure-raised').count()).toBe(1);
    await expectAccessible(phone);
    await screenshot(phone, 'bulletin-phone');
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    expect(overflow).toBe(false);
  });
});

describe('a resident scans the printed bulletin’s QR code', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser.close());

  it('opens the public bulletin without logging in, on a phone, with the same figures as the staff page', async () => {
    const [town] = await queryDatabase<{ id: number }>(`select id from places where code = 'TA-01'`);
    const { month } = lastMonth();
    const officer = await openPage(browser, DESKTOP);
    await loginByPassword(officer, '13900000003');
    await officer.goto(`/bulletins/${town!.id}/${month}`);
    await poll(() => byTest(officer, 'bulletin-figure-raised').count()).toBe(1);
    const staffShown = await shownCounts(officer);

    const visitor = await openPage(browser, PHONE);
    const publicPath = `/public/places/${town!.id}/bulletins/${month}`;
    await visitor.goto(publicPath);
    await poll(() => byTest(visitor, 'bulletin-figure-raised').count()).toBe(1);
    expect(new URL(visitor.url()).pathname).toBe(publicPath);
    expect(await shownCounts(visitor)).toEqual(staffShown);
    expect(await visitor.locator('h1').first().textContent()).toContain('梧桐街道');
    // No phone numbers or flats on a public page.
    expect(await visitor.locator('body').innerText()).not.toMatch(/1[3-9]\d{9}|\d+-\d+-\d{3,4}/);
    await expectAccessible(visitor);
    await screenshot(visitor, 'public-bulletin-phone');
    const overflow = await visitor.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    expect(overflow).toBe(false);

    // The town's public notice board links its current bulletin (本月通报).
    await visitor.goto(`/public/places/${town!.id}/notices`);
    await byTest(visitor, 'notice-bulletin').click();
    await poll(async () => new URL(visitor.url()).pathname).toBe(publicPath);

    const desktop = await openPage(browser, { width: 1280, height: 800 });
    await desktop.goto(publicPath);
    await poll(() => byTest(desktop, 'bulletin-figure-raised').count()).toBe(1);
    await expectAccessible(desktop);
    await screenshot(desktop, 'public-bulletin-desktop');
  });
});
