import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matterCategoryNames, type MatterCategory } from '../domain/matters/taxonomy';
import { DESKTOP, PHONE, expectAccessible, launchBrowser, openPage, screenshot } from './support/browser';
import { byTest, loginByCode, loginByPassword, poll, queryDatabase } from './support/journey';
import { call, placeId } from './support/matter-setup';

const RESIDENT_PHONE = '13900000008'; // 河滨小区 5幢 2单元
const MEMBER_PHONE = '13900000007'; // 河滨小区 2幢 1单元, in 河滨社区's pool
const CONVENOR_PHONE = '13900000004'; // 河滨社区

/** Three matters of 河滨社区 raised by a neighbour (the demo keeps the community clean): two raised, one accepted. */
async function raiseNeighboursMatters(member: Page, convenor: Page) {
  const suffix = Date.now().toString(36);
  const raise = async (placeCode: string, level: string, category: string, title: string) =>
    (
      await call<{ id: number }>(member, 'POST', '/matters', {
        placeId: await placeId(placeCode),
        level,
        category,
        title: `${title}（${suffix}）`,
        description: '邻居们反映了好几次，希望议一议。',
      })
    ).id;
  const lights = await raise('TA-01-01-01-02', 'building', 'safety', '2幢楼道灯维修');
  await raise('TA-01-01-01', 'estate', 'environment', '河滨小区垃圾分类点');
  await raise('TA-01-01-01-02', 'building', 'facilities', '2幢门口停车位划线');
  const formats = await call<{ items: { id: number; name: string }[] }>(
    convenor,
    'GET',
    `/places/${await placeId('TA-01-01')}/formats`,
  );
  await call(convenor, 'POST', `/matters/${lights}/accept`, {
    level: 'building',
    formatId: formats.items[0]!.id,
    visibility: 'community',
  });
  return {
    toSupport: { title: `2幢门口停车位划线（${suffix}）`, category: 'facilities' as MatterCategory },
    toFollow: `2幢楼道灯维修（${suffix}）`,
    suffix,
  };
}

/** The toast (a nameless popup) has faded: axe measures the page, not the toast. */
const toastGone = (page: Page) => poll(() => page.locator('.van-toast:visible').count()).toBe(0);

const card = (page: Page, title: string) => page.locator('[data-test="community-matter"]', { hasText: title });

describe('a resident browses the matters of their community, follows one and supports another', () => {
  let browser: Browser;
  let member: Page;
  let story: Awaited<ReturnType<typeof raiseNeighboursMatters>>;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser.close());

  it('filters by stage and category, searches, follows and supports on a phone', async () => {
    member = await openPage(browser, DESKTOP);
    await loginByCode(member, MEMBER_PHONE);
    const convenor = await openPage(browser, DESKTOP);
    await loginByPassword(convenor, CONVENOR_PHONE);
    story = await raiseNeighboursMatters(member, convenor);

    const page = await openPage(browser, PHONE);
    await loginByCode(page, RESIDENT_PHONE);
    const [resident] = await queryDatabase<{ id: number }>('select id from accounts where phone = $1', [
      RESIDENT_PHONE,
    ]);
    const accountId = resident!.id;
    const target = story.toSupport;

    // From the home page to 社区议事.
    await byTest(page, 'home-community').click();
    await page.waitForURL('**/community');
    await poll(() => card(page, story.toFollow).count()).toBe(1);
    await expectAccessible(page);
    await screenshot(page, 'community-matters-phone');

    // 议题征集 and the target's category: every card shown is of both.
    await byTest(page, 'stage-chip-raised').click();
    await poll(() => card(page, story.toFollow).count()).toBe(0);
    await page.locator('[data-test="community-category"]').selectOption(target.category);
    // Other journeys raise matters in this community too: wait until every card is of the category.
    await poll(async () => [...new Set(await byTest(page, 'community-matter-category').allTextContents())]).toEqual([
      matterCategoryNames[target.category],
    ]);
    expect(await card(page, target.title).count()).toBe(1);
    for (const tag of await byTest(page, 'matter-status').allTextContents()) expect(tag.trim()).toBe('议题征集');
    for (const name of await byTest(page, 'community-matter-category').allTextContents())
      expect(name).toBe(matterCategoryNames[target.category]);
    await expectAccessible(page);
    await screenshot(page, 'community-matters-filtered-phone');

    // Search by the words of its title, then 联名 from the card: the count goes up by one.
    await page.locator('[data-test="community-search"]').fill(`停车位 ${story.suffix}`);
    await page.locator('[data-test="community-search"]').press('Enter');
    await poll(() => byTest(page, 'community-matter').count()).toBe(1);
    const targetCard = card(page, target.title);
    expect(await targetCard.locator('[data-test="support-count"]').textContent()).toContain('0 人联名');
    await targetCard.locator('[data-test="support-button"]').click();
    await poll(() => targetCard.locator('[data-test="support-count"]').textContent()).toContain('1 人联名');
    expect(await targetCard.locator('[data-test="support-button"]').textContent()).toContain('已联名');
    const [stored] = await queryDatabase<{ support_count: number }>(
      'select support_count from matters where title = $1',
      [target.title],
    );
    expect(stored!.support_count).toBe(1);
    await screenshot(page, 'community-matters-supported-phone');

    // The filters are kept in the address: a reload shows the same list, the search box still filled.
    await page.reload();
    await poll(() => byTest(page, 'community-matter-link').allTextContents()).toEqual([target.title]);
    expect(await page.locator('[data-test="community-search"]').inputValue()).toBe(`停车位 ${story.suffix}`);
    expect(await page.locator('[data-test="community-category"]').inputValue()).toBe(target.category);
    expect(new URL(page.url()).searchParams.get('status')).toBe('raised');
    expect(new URL(page.url()).searchParams.get('q')).toBe(`停车位 ${story.suffix}`);

    // Back to every matter: follow the accepted one, and find it under 我关注的.
    await page.locator('[data-test="community-search"]').fill('');
    await page.locator('[data-test="community-search"]').press('Enter');
    await byTest(page, 'stage-chip').click();
    await page.locator('[data-test="community-category"]').selectOption('');
    const followCard = card(page, story.toFollow);
    await poll(() => followCard.count()).toBe(1);
    // Accepted (议题确定): no 联名 any more, but 关注 is open.
    expect(await followCard.locator('[data-test="support-button"]').count()).toBe(0);
    await followCard.locator('[data-test="follow-button"]').click();
    await poll(() => followCard.locator('[data-test="follow-button"]').textContent()).toContain('已关注');
    await byTest(page, 'community-followed').click();
    await poll(() => byTest(page, 'community-matter-link').allTextContents()).toEqual([story.toFollow]);
    const follows = await queryDatabase<{ title: string }>(
      'select m.title from matter_follows f join matters m on m.id = f.matter_id where f.account_id = $1',
      [accountId],
    );
    expect(follows.map((f) => f.title)).toEqual([story.toFollow]);
    await toastGone(page);
    await expectAccessible(page);
    await screenshot(page, 'community-matters-followed-phone');

    // The matter page says so too, and unfollowing there is one tap.
    await card(page, story.toFollow).locator('[data-test="community-matter-link"]').click();
    await poll(() => byTest(page, 'follow-button').textContent()).toContain('已关注');
    await expectAccessible(page);
    await screenshot(page, 'community-matter-page-followed-phone');
    await byTest(page, 'follow-button').click();
    await poll(() => byTest(page, 'follow-button').textContent()).not.toContain('已关注');
  });

  it('lays the list out in two columns at a desk', async () => {
    await member.goto('/');
    await member.locator('[data-test="nav-community"]').click();
    await poll(() => card(member, story.toFollow).count()).toBe(1);
    await poll(() =>
      card(member, story.toSupport.title).locator('[data-test="support-count"]').textContent(),
    ).toContain('1 人联名');
    await expectAccessible(member);
    await screenshot(member, 'community-matters-desktop');
  });
});
