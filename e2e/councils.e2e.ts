import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, expectAccessible, launchBrowser, openPage, screenshot } from './support/browser';
import { loginByPassword, queryDatabase } from './support/journey';

const NAME = '河滨社区青年议事会';

async function openCouncils(page: Page): Promise<void> {
  await page.locator('[data-test="grant-card"]', { hasText: '河滨社区' }).click();
  await page.locator('[data-test="action-councils"]').click();
  await page.waitForURL(/\/places\/\d+\/councils$/);
  await expect.poll(() => page.locator('[data-test="council-item"]').count()).toBeGreaterThan(0);
}

async function councilsNamed(
  name: string,
): Promise<{ id: number; kind: string; term_start: string; term_end: string }[]> {
  return queryDatabase(
    "select id, kind, to_char(term_start, 'YYYY-MM-DD') as term_start, to_char(term_end, 'YYYY-MM-DD') as term_end from councils where name = $1",
    [name],
  );
}

/** Adds a seat from the pool (never offering someone already seated); returns the chosen member's name. */
async function addSeat(page: Page, index: number, position: string, seated: string[] = []): Promise<string> {
  await page.locator('[data-test="seat-add"]').click();
  const options = page.locator('[data-test="seat-pool-option"]');
  await expect.poll(() => options.count()).toBeGreaterThan(index);
  const offered = (await options.locator('strong').allTextContents()).map((n) => n.trim());
  for (const name of seated) expect(offered).not.toContain(name);
  const option = options.nth(index);
  const name = (await option.locator('strong').textContent())!.trim();
  await option.click();
  await page.locator(`[data-test="seat-position-${position}"]`).click();
  expect(await page.locator(`[data-test="seat-position-${position}"]`).getAttribute('aria-pressed')).toBe('true');
  await page.locator('[data-test="seat-add-submit"]').click();
  await expect.poll(() => page.locator('[data-test="seat-add-submit"]').isVisible()).toBe(false);
  return name;
}

describe('a convenor sets up a council', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser.close());

  it('refuses a term that ends before it starts, next to the field, and writes nothing', async () => {
    const page = await openPage(browser, PHONE);
    await loginByPassword(page, '13900000004');
    await openCouncils(page);
    await expectAccessible(page);
    await screenshot(page, 'councils-phone');

    await page.locator('[data-test="council-create"]').click();
    await page.locator('[data-test="council-kind-custom"]').click();
    await page.locator('[data-test="council-name"]').fill(NAME);
    await page.locator('[data-test="council-term-start"]').fill('2026-07-01');
    await page.locator('[data-test="council-term-end"]').fill('2026-03-31');
    await page.locator('[data-test="council-create-submit"]').click();

    const endField = page.locator('.van-field', { has: page.locator('[data-test="council-term-end"]') });
    const fieldError = endField.locator('.van-field__error-message');
    await expect.poll(() => fieldError.textContent()).toBe('任期结束日期不能早于开始日期');
    // Only the end date is marked; the sheet stays open on the same page.
    expect(
      await page
        .locator('.van-field', { has: page.locator('[data-test="council-term-start"]') })
        .locator('.van-field__error-message')
        .count(),
    ).toBe(0);
    expect(page.url()).toMatch(/\/councils$/);
    expect(await councilsNamed(NAME)).toEqual([]);
    await expectAccessible(page);
    await screenshot(page, 'council-bad-term-phone');
  });

  it('creates a council with a term, seats pool members and removes one after confirming', async () => {
    const page = await openPage(browser, DESKTOP);
    await loginByPassword(page, '13900000004');
    await openCouncils(page);
    const before = await page.locator('[data-test="council-item"]').count();

    await page.locator('[data-test="council-create"]').click();
    await page.locator('[data-test="council-kind-residents_council"]').click();
    expect(await page.locator('[data-test="council-kind-residents_council"]').getAttribute('aria-pressed')).toBe(
      'true',
    );
    await page.locator('[data-test="council-name"]').fill(NAME);
    await page.locator('[data-test="council-term-start"]').fill('2026-01-01');
    await page.locator('[data-test="council-term-end"]').fill('2028-12-31');
    await expectAccessible(page);
    await screenshot(page, 'council-create-desktop');
    await page.locator('[data-test="council-create-submit"]').click();

    await page.waitForURL(/\/councils\/\d+$/);
    const councilId = Number(new URL(page.url()).pathname.split('/').pop());
    await expect.poll(() => page.locator('h1').textContent()).toContain(NAME);
    expect(await page.textContent('body')).toContain('2026-01-01');
    expect(await councilsNamed(NAME)).toEqual([
      { id: councilId, kind: 'residents_council', term_start: '2026-01-01', term_end: '2028-12-31' },
    ]);

    // Two seats from the pool: a chair and an ordinary member; the chair is listed first.
    const seats = page.locator('[data-test="council-seat"]');
    const chair = await addSeat(page, 0, 'chair');
    await expect.poll(() => seats.count()).toBe(1);
    // On a slow network the sheet must not offer the new chair from its previous list while it reloads.
    await page.route(
      (url) => /\/api\/places\/\d+\/pool$/.test(url.pathname),
      async (route) => {
        await new Promise((resolve) => setTimeout(resolve, 1500));
        await route.continue();
      },
    );
    const member = await addSeat(page, 0, 'member', [chair]);
    await page.unroute((url) => /\/api\/places\/\d+\/pool$/.test(url.pathname));
    await expect.poll(() => seats.count()).toBe(2);
    expect(member).not.toBe(chair);
    expect(await seats.nth(0).textContent()).toContain(chair);
    expect(await seats.nth(0).locator('[data-test="council-seat-position"]').textContent()).toBe('主任');
    expect(await seats.nth(1).textContent()).toContain(member);
    expect(await seats.nth(1).locator('[data-test="council-seat-position"]').textContent()).toBe('成员');
    expect(await seats.nth(0).textContent()).toContain('2026-01-01');
    await expectAccessible(page);
    await screenshot(page, 'council-seats-desktop');

    // Removing asks first; cancelling keeps the seat.
    const dialog = page.locator('[data-test="confirm-dialog"]');
    const memberSeat = seats.filter({ hasText: member });
    await memberSeat.locator('[data-test="council-seat-remove"]').click();
    await expect.poll(() => dialog.isVisible()).toBe(true);
    expect(await dialog.textContent()).toContain(member);
    await expectAccessible(page);
    await screenshot(page, 'council-remove-confirm-desktop');
    await dialog.getByRole('button', { name: '取消' }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
    expect(await seats.count()).toBe(2);

    await memberSeat.locator('[data-test="council-seat-remove"]').click();
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await dialog.getByRole('button', { name: '确定' }).click();
    await expect.poll(() => seats.count()).toBe(1);
    expect(await seats.first().textContent()).toContain(chair);

    const rows = await queryDatabase<{ name: string; position: string }>(
      `select coalesce(r.name, o.name) as name, m.position
         from council_members m join pool_members p on p.id = m.pool_member_id
         left join residents r on r.id = p.resident_id left join organisations o on o.id = p.organisation_id
        where m.council_id = $1`,
      [councilId],
    );
    expect(rows).toEqual([{ name: chair, position: 'chair' }]);

    // Back on the list, the new council shows with its term and one seat.
    await page.locator('.van-nav-bar__left', { hasText: '返回' }).click();
    await page.waitForURL(/\/places\/\d+\/councils$/);
    const item = page.locator('[data-test="council-item"]', { hasText: NAME });
    await expect.poll(() => item.count()).toBe(1);
    expect(await page.locator('[data-test="council-item"]').count()).toBe(before + 1);
    expect(await item.textContent()).toMatch(/2026-01-01.*2028-12-31/);
    await screenshot(page, 'councils-desktop');

    // The same council on a phone.
    const phone = await openPage(browser, PHONE);
    await loginByPassword(phone, '13900000004');
    await phone.goto(`/councils/${councilId}`);
    await expect.poll(() => phone.locator('[data-test="council-seat"]').count()).toBe(1);
    // The term stays on one line, inside its card.
    const fit = await phone.locator('.council-page__term .van-cell__value').evaluate((el) => {
      const box = el.getBoundingClientRect();
      const card = el.closest('.van-cell')!.getBoundingClientRect();
      return {
        lines: Math.round(box.height / parseFloat(getComputedStyle(el).lineHeight)),
        inside: box.right <= card.right,
      };
    });
    expect(fit).toEqual({ lines: 1, inside: true });
    await expectAccessible(phone);
    await screenshot(phone, 'council-phone');
  });
});
