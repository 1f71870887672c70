import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, expectAccessible, launchBrowser, openPage, screenshot } from './support/browser';
import { byTest, loginByPassword, poll, queryDatabase } from './support/journey';

/** The town with the most disputes resolved (archived, evaluation says resolved) in the last twelve months. */
async function townWithDisputesResolved() {
  const rows = await queryDatabase<{ id: number; name: string; n: number }>(`
    select t.id, t.name, count(*)::int as n
    from matters m join evaluations e on e.matter_id = m.id
    join places t on t.kind = 'town' and m.place_path like t.path || '%'
    where m.kind = 'dispute' and m.status = 'archived' and e.is_dispute_resolved
      and m.sealed_at >= date_trunc('month', (now() at time zone 'Asia/Shanghai') - interval '11 months') at time zone 'Asia/Shanghai'
    group by t.id, t.name order by n desc, t.id limit 1`);
  return rows[0];
}

describe('a city officer traces a number on the statistics dashboard to the matters behind it', () => {
  let browser: Browser;
  let officer: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    officer = await openPage(browser, DESKTOP);
    await loginByPassword(officer, '13900000002');
  });
  afterAll(async () => browser.close());

  it('opens the dashboard, drills from one town’s disputes resolved to its matters, and opens one', async () => {
    const town = await townWithDisputesResolved();
    expect(town, 'the demo data has a dispute resolved in some town').toBeDefined();

    await byTest(officer, 'nav-statistics').click();
    await poll(() => byTest(officer, 'statistics-kpis').count()).toBe(1);
    expect(await byTest(officer, 'kpi-disputesResolved').textContent()).toMatch(/\d/);
    await expectAccessible(officer);
    await screenshot(officer, 'statistics-dashboard-desktop');

    await byTest(officer, 'group-by-place').click();
    const row = byTest(officer, `group-${town!.id}`);
    await poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain(town!.name);
    const cell = row.locator('[data-test="cell-disputesResolved"]');
    expect(Number(await cell.textContent())).toBe(town!.n);
    await screenshot(officer, 'statistics-by-town-desktop');

    await cell.click();
    await poll(async () => new URL(officer.url()).pathname).toBe('/statistics/matters');
    await poll(() => byTest(officer, 'behind-matter').count()).toBe(town!.n);
    expect(await officer.locator('.st-behind__meta').textContent()).toContain(town!.name);
    await expectAccessible(officer);
    await screenshot(officer, 'statistics-behind-desktop');

    const first = byTest(officer, 'behind-matter').first();
    const title = (await first.locator('.st-behind__title').textContent())!.trim();
    await first.click();
    await poll(() => byTest(officer, 'matter-heading').textContent()).toBe(title);
    expect(new URL(officer.url()).pathname).toMatch(/^\/matters\/\d+$/);
  });

  it('is a tab on a town officer’s phone', async () => {
    const phone = await openPage(browser, PHONE);
    await loginByPassword(phone, '13900000003');
    await phone.goto('/');
    await byTest(phone, 'tab-statistics').click();
    await poll(() => byTest(phone, 'statistics-kpis').count()).toBe(1);
    await expectAccessible(phone);
    await screenshot(phone, 'statistics-dashboard-phone');
    // The town officer sees their town, not the other towns.
    await byTest(phone, 'group-by-place').click();
    await poll(() => byTest(phone, 'statistics-groups').count()).toBe(1);
  });
});
