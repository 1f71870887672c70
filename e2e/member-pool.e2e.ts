import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, expectAccessible, launchBrowser, openPage, screenshot } from './support/browser';
import { loginByPassword, queryDatabase } from './support/journey';

const FREE_TAG = '垃圾分类督导';

/** A chip whose whole text is `text` (chips are buttons; the filter's also carry a count). */
function chip(scope: Page | Locator, dataTest: string, text: string): Locator {
  return scope.locator(`[data-test="${dataTest}"]:visible`, { hasText: new RegExp(`^\\s*${text}(\\s+\\d+)?\\s*$`) });
}

async function tagsOf(member: Locator): Promise<string[]> {
  return (await member.locator('[data-test="pool-member-tag"]').allTextContents()).map((t) => t.trim());
}

async function openPool(page: Page): Promise<void> {
  await page.locator('[data-test="grant-card"]', { hasText: '河滨社区' }).click();
  await page.locator('[data-test="action-pool"]').click();
  await page.waitForURL(/\/places\/\d+\/pool$/);
  await expect.poll(() => page.locator('[data-test="pool-member"]').count()).toBeGreaterThan(0);
}

describe('the member pool of 河滨社区', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser.close());

  it('lets the convenor filter by tag, add a resident with tags and edit them', async () => {
    const [community] = await queryDatabase<{ id: number; path: string }>(
      "select id, path from places where code = 'TA-01-01'",
    );
    // An adult of the community not yet in the pool, whose name no other resident's name contains.
    const [newcomer] = await queryDatabase<{ id: number; name: string }>(
      `select r.id, r.name from residents r
        where r.place_path like $1 and r.birth_date < '2000-01-01'
          and not exists (select 1 from pool_members p where p.resident_id = r.id)
          and (select count(*) from residents o where o.name like '%' || r.name || '%') = 1
        order by r.id limit 1`,
      [`${community!.path}%`],
    );
    expect(newcomer).toBeDefined();

    const page = await openPage(browser, DESKTOP);
    await loginByPassword(page, '13900000004');
    await openPool(page);
    const members = page.locator('[data-test="pool-member"]');
    const total = await members.count();
    // Staff see full phones.
    const fullPhones = await page.locator('[data-test="pool-member-phone"]').allTextContents();
    expect(fullPhones.some((p) => /^1\d{10}$/.test(p.trim()))).toBe(true);
    expect(fullPhones.filter((p) => p.includes('*'))).toEqual([]);
    await expectAccessible(page);
    await screenshot(page, 'pool-convenor-desktop');

    // Filtering by 党员 leaves only members tagged 党员, as many as the chip counts.
    const partyChip = chip(page, 'pool-tag', '党员');
    const partyCount = Number((await partyChip.textContent())!.match(/\d+/)![0]);
    expect(partyCount).toBeGreaterThan(0);
    expect(partyCount).toBeLessThan(total);
    await partyChip.click();
    await expect.poll(() => members.count()).toBe(partyCount);
    for (const member of await members.all()) expect(await tagsOf(member)).toContain('党员');
    expect(await partyChip.getAttribute('aria-pressed')).toBe('true');
    await screenshot(page, 'pool-filtered-desktop');
    await chip(page, 'pool-tag', '全部').click();
    await expect.poll(() => members.count()).toBe(total);

    // Add the newcomer, found by name, with 楼栋长 and a free tag.
    await page.locator('[data-test="pool-add"]').click();
    await page.locator('[data-test="pool-resident-search"]').fill(newcomer!.name);
    const option = page.locator('[data-test="pool-resident-option"]');
    await expect.poll(() => option.count()).toBe(1);
    expect(await option.textContent()).toContain(newcomer!.name);
    await option.click();
    expect(await option.getAttribute('aria-pressed')).toBe('true');
    await chip(page, 'tag-choice', '楼栋长').click();
    await page.locator('[data-test="tag-free-input"]:visible').fill(FREE_TAG);
    await page.locator('[data-test="tag-free-add"]:visible').click();
    await expect.poll(() => chip(page, 'tag-choice', FREE_TAG).getAttribute('aria-pressed')).toBe('true');
    await expectAccessible(page);
    await screenshot(page, 'pool-add-sheet-desktop');
    await page.locator('[data-test="pool-add-submit"]').click();
    await expect.poll(() => page.locator('[data-test="pool-add-submit"]').isVisible()).toBe(false);

    const added = members.filter({ hasText: newcomer!.name });
    await expect.poll(() => added.count()).toBe(1);
    await expect.poll(() => members.count()).toBe(total + 1);
    expect(await tagsOf(added)).toEqual(['楼栋长', FREE_TAG]);

    // Edit: drop 楼栋长, add 党员.
    await added.locator('[data-test="pool-member-edit"]').click();
    await chip(page, 'tag-choice', '楼栋长').click();
    await chip(page, 'tag-choice', '党员').click();
    await expectAccessible(page);
    await page.locator('[data-test="pool-member-save"]').click();
    await expect.poll(() => page.locator('[data-test="pool-member-save"]').isVisible()).toBe(false);
    await expect.poll(() => tagsOf(added)).toEqual([FREE_TAG, '党员']);
    await added.scrollIntoViewIfNeeded();
    await screenshot(page, 'pool-edited-desktop');

    const rows = await queryDatabase<{ tags: string[]; is_active: boolean; place_id: number }>(
      'select tags, is_active, place_id from pool_members where resident_id = $1',
      [newcomer!.id],
    );
    expect(rows).toEqual([{ tags: [FREE_TAG, '党员'], is_active: true, place_id: community!.id }]);

    // The new tag is offered as a filter and finds the newcomer alone.
    await chip(page, 'pool-tag', FREE_TAG).click();
    await expect.poll(() => members.count()).toBe(1);
    expect(await members.first().textContent()).toContain(newcomer!.name);
  });

  it('shows a member the pool read-only with masked phones on a phone', async () => {
    const page = await openPage(browser, PHONE);
    await loginByPassword(page, '13900000007');
    await openPool(page);
    const phones = await page.locator('[data-test="pool-member-phone"]').allTextContents();
    expect(phones.length).toBeGreaterThan(0);
    // Mobiles keep their first 3 and last 4 digits; other numbers (an organisation's landline) the last 2.
    for (const phone of phones) expect(phone.trim()).toMatch(/^(1\d{2}\*{4}\d{4}|\*+\d{2})$/);
    expect(phones.filter((p) => /^1\d{2}\*{4}\d{4}$/.test(p.trim())).length).toBeGreaterThan(0);
    expect(await page.locator('[data-test="pool-add"]').count()).toBe(0);
    expect(await page.locator('[data-test="pool-member-edit"]').count()).toBe(0);
    await expectAccessible(page);
    await screenshot(page, 'pool-member-phone');

    // The search narrows the list by name.
    const first = (await page
      .locator('[data-test="pool-member"]')
      .first()
      .locator('.pool-member-list__name')
      .textContent())!;
    await page.locator('[data-test="pool-search"]').fill(first.trim());
    await expect
      .poll(async () =>
        (await page.locator('[data-test="pool-member"]').allTextContents()).every((t) => t.includes(first.trim())),
      )
      .toBe(true);
  });

  it('lays the convenor’s add sheet out on a phone', async () => {
    const page = await openPage(browser, PHONE);
    await loginByPassword(page, '13900000004');
    await openPool(page);
    await screenshot(page, 'pool-convenor-phone');
    await page.locator('[data-test="pool-add"]').click();
    await expect.poll(() => page.locator('[data-test="pool-add-submit"]').isVisible()).toBe(true);
    expect(await page.locator('[data-test="pool-add-submit"]').isDisabled()).toBe(true);
    await expectAccessible(page);
    await screenshot(page, 'pool-add-sheet-phone');
    await page.locator('[data-test="sheet-close"]:visible').click();
    await expect.poll(() => page.locator('[data-test="pool-add-submit"]').isVisible()).toBe(false);
  });
});
