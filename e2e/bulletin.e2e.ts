import JSZip from 'jszip';
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

/** The rows of the .docx tables as plain text, one string per row ("新提事项12"). */
async function docxRows(path: string): Promise<{ text: string; rows: string[] }> {
  const zip = await JSZip.loadAsync(await readFile(path));
  const xml = await zip.file('word/document.xml')!.async('string');
  const plain = (s: string) => s.replace(/<[^>]+>/g, '');
  return { text: plain(xml), rows: xml.split('</w:tr>').map(plain) };
}

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

    await officer.goto('/');
    await byTest(officer, 'home-bulletins').click();
    await poll(() => byTest(officer, 'bulletin-place').inputValue()).toBe(String(town!.id));
    expect(await byTest(officer, 'bulletin-month').inputValue()).toBe(month);
    await expectAccessible(officer);
    await byTest(officer, 'bulletin-generate').click();
    await poll(async () => new URL(officer.url()).pathname).toBe(`/bulletins/${town!.id}/${month}`);
    await poll(() => byTest(officer, 'bulletin-figure-raised').count()).toBe(1);
    expect(await officer.locator('h1, .van-nav-bar__title').first().textContent()).toContain('梧桐街道');
    await expectAccessible(officer);
    await screenshot(officer, 'bulletin-desktop');

    const shown = Object.fromEntries(
      await Promise.all(
        counts.map(async (key) => [
          key,
          (await byTest(officer, `bulletin-figure-${key}`).locator('dd').textContent())!.trim(),
        ]),
      ),
    ) as Record<(typeof counts)[number], string>;

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
