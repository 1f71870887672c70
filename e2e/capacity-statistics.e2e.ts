import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, expectAccessible, launchBrowser, openPage, screenshot } from './support/browser';
import { byTest, loginByPassword, poll } from './support/journey';
import { placeId } from './support/matter-setup';

const YEAR = '2026';

/** The page's heading (the dashboard's title names the place). */
const heading = (page: Page) => page.locator('h1').first().textContent();

/** The number a figure card shows. */
const figure = async (page: Page, key: string) =>
  (await byTest(page, `capacity-${key}`).locator('[data-test="value"]').textContent())!.trim();

/** The dashboard's own answer for a place and year, read as the page reads it (the figures the lists must match). */
async function capacityAnswer(page: Page, place: number) {
  const res = await page.waitForResponse(
    (r) => r.url().includes('/api/statistics/capacity') && r.url().includes(`placeId=${place}`) && r.ok(),
  );
  return res.json() as Promise<{
    place: { name: string };
    totals: { organisations: { total: number }; projects: { total: { count: number } } };
    children: { place: { id: number; name: string } }[];
  }>;
}

/**
 * Clicks a figure on the dashboard and reads the total the list behind it answers. When another journey
 * changed the rows between the two reads (one shared database), the dashboard is read again.
 */
async function expectListTotal(
  page: Page,
  dashboard: string,
  figureOf: (page: Page) => Locator,
  api: RegExp,
  totalOf: (body: { total?: number; totals?: { fullyCovered: number } }) => number = (b) => b.total!,
) {
  let difference = NaN;
  for (let attempt = 0; attempt < 3 && difference !== 0; attempt++) {
    const answered = page.waitForResponse((r) => r.url().includes('/api/statistics/capacity') && r.ok());
    await page.goto(dashboard);
    await answered;
    const link = figureOf(page);
    const shown = Number((await link.textContent())!.trim().split('/')[0]);
    const listed = page.waitForResponse((r) => api.test(new URL(r.url()).pathname) && r.ok());
    await link.click();
    const total = totalOf((await (await listed).json()) as { total?: number; totals?: { fullyCovered: number } });
    difference = total - shown;
  }
  expect(difference, `${api} total minus the figure`).toBe(0);
}

describe('officers read the capacity dashboard, and each figure leads to the list behind it', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser.close());

  it('a city officer reads the city’s figures for 2026, by town, on a phone and a desktop', async () => {
    const city = await placeId('TA');
    const officer = await openPage(browser, PHONE);
    await loginByPassword(officer, '13900000002');
    await officer.goto('/statistics');
    await byTest(officer, 'statistics-capacity-link').click();
    await poll(async () => new URL(officer.url()).pathname).toBe('/statistics/capacity');
    await poll(() => byTest(officer, 'capacity-kpis').count()).toBe(1);
    // The year picker: last year, then this one.
    const last = capacityAnswer(officer, city);
    await byTest(officer, 'capacity-year').selectOption(String(Number(YEAR) - 1));
    await last;
    const answer = capacityAnswer(officer, city);
    await byTest(officer, 'capacity-year').selectOption(YEAR);
    const view = await answer;
    await poll(() => heading(officer)).toContain('桐安市');
    expect(new URL(officer.url()).searchParams.get('year')).toBe(YEAR);
    await poll(() => figure(officer, 'organisations')).toBe(String(view.totals.organisations.total));
    expect(await figure(officer, 'projects')).toBe(String(view.totals.projects.total.count));
    // Every stage past the draft is listed, zeros included, and the total.
    expect(await byTest(officer, 'capacity-stages').locator('tbody tr').count()).toBe(9);
    const towns = view.children.map((c) => c.place.name);
    expect(towns).toEqual(expect.arrayContaining(['梧桐街道', '凤鸣街道', '河山镇']));
    for (const c of view.children) expect(await byTest(officer, `capacity-child-${c.place.id}`).count()).toBe(1);
    await expectAccessible(officer);
    await screenshot(officer, 'capacity-city-phone');
    await officer.locator('[data-test="capacity-children"]').scrollIntoViewIfNeeded();
    await screenshot(officer, 'capacity-city-towns-phone');

    const desk = await openPage(browser, DESKTOP);
    await loginByPassword(desk, '13900000002');
    await desk.goto(`/statistics/capacity?placeId=${city}&year=${YEAR}`);
    await poll(() => byTest(desk, 'capacity-children').count()).toBe(1);
    await expectAccessible(desk);
    await screenshot(desk, 'capacity-city-desktop');
    // A town's name opens that town's figures, with its communities.
    const town = view.children.find((c) => c.place.name === '梧桐街道')!;
    const townAnswer = capacityAnswer(desk, town.place.id);
    await byTest(desk, `capacity-child-${town.place.id}`).locator('button').click();
    const townView = await townAnswer;
    expect(townView.children.length).toBeGreaterThan(0);
    await poll(() => heading(desk)).toContain('梧桐街道');
    await byTest(desk, 'capacity-up').click();
    await poll(() => heading(desk)).toContain('桐安市');
  });

  it('a town officer sees only 梧桐街道 and its communities, and not the city', async () => {
    const town = await placeId('TA-01');
    const city = await placeId('TA');
    const officer = await openPage(browser, PHONE);
    await loginByPassword(officer, '13900000003');
    const answer = capacityAnswer(officer, town);
    await officer.goto('/statistics/capacity');
    const view = await answer;
    expect(view.place.name).toBe('梧桐街道');
    await poll(() => heading(officer)).toContain('梧桐街道');
    expect(view.children.map((c) => c.place.name)).toContain('河滨社区');
    expect(await byTest(officer, 'capacity-up').count()).toBe(0);
    await screenshot(officer, 'capacity-town-phone');

    const refused = officer.waitForResponse((r) => r.url().includes(`/api/statistics/capacity?placeId=${city}`));
    await officer.goto(`/statistics/capacity?placeId=${city}&year=${YEAR}`);
    expect((await refused).status()).toBeGreaterThanOrEqual(403);
    expect(await byTest(officer, 'capacity-kpis').count()).toBe(0);
  });

  it('each figure of the city’s 2026 (organisations, coverage, micro-leaders, projects, talents) leads to a list with the same total', async () => {
    const city = await placeId('TA');
    const officer = await openPage(browser, DESKTOP);
    await loginByPassword(officer, '13900000002');
    const dashboard = `/statistics/capacity?placeId=${city}&year=${YEAR}`;
    const card = (key: string) => (page: Page) => byTest(page, `capacity-${key}`).locator('[data-test="value"]');
    await expectListTotal(officer, dashboard, card('organisations'), /^\/api\/organisations$/);
    await screenshot(officer, 'capacity-organisations-list-desktop');
    await expectListTotal(officer, dashboard, card('canDeliberate'), /^\/api\/organisations$/);
    const category = (page: Page) => byTest(page, 'capacity-categories').locator('a[data-test="value"]').first();
    await expectListTotal(officer, dashboard, category, /^\/api\/organisations$/);
    await expectListTotal(
      officer,
      dashboard,
      card('communityCoverage'),
      /^\/api\/places\/\d+\/organisation-coverage$/,
      (b) => b.totals!.fullyCovered,
    );
    await expectListTotal(officer, dashboard, card('microLeadersTrained'), /^\/api\/micro-leaders$/);
    await expectListTotal(officer, dashboard, card('microLeadersActive'), /^\/api\/micro-leaders$/);
    await expectListTotal(officer, dashboard, card('projects'), /^\/api\/projects$/);
    await screenshot(officer, 'capacity-projects-list-desktop');
    const contracted = (page: Page) => byTest(page, 'capacity-stage-contracted').locator('[data-test="value"]');
    await expectListTotal(officer, dashboard, contracted, /^\/api\/projects$/);
    await expectListTotal(officer, dashboard, card('talentsNamed'), /^\/api\/talent-nominations$/);
    await expectListTotal(officer, dashboard, card('talentsTotal'), /^\/api\/talent-nominations$/);
    // A town's row leads to that town's list.
    const town = await placeId('TA-01');
    const townProjects = (page: Page) => byTest(page, `capacity-child-${town}`).locator('[data-test="projects"]');
    await expectListTotal(officer, dashboard, townProjects, /^\/api\/projects$/);
  });
});
