import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, expectAccessible, launchBrowser, openPage, screenshot } from './support/browser';
import { byTest, loginByPassword, poll } from './support/journey';
import { call, matterAt, placeId } from './support/matter-setup';

const COMMUNITY_CODE = 'TA-01-01';
const UNIT_CODE = 'TA-01-01-01-05-2';
/** The China month now, YYYY-MM: the dashboard's period for a matter raised today. */
const chinaMonth = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(new Date());
const pressed = (page: Page, name: string) => byTest(page, name).getAttribute('aria-pressed');
const settled = (page: Page) => poll(() => page.evaluate(() => document.getAnimations().length)).toBe(0);

describe('四治: staff tag a matter with the four governances, the dashboard and the public page show it', () => {
  let browser: Browser;
  let convenor: Page;
  let resident: Page;
  let officer: Page;
  let matterId: number;
  const title = `5幢楼上漏水纠纷调解（${Date.now().toString(36)}）`;

  beforeAll(async () => {
    browser = await launchBrowser();
    convenor = await openPage(browser, PHONE);
    await loginByPassword(convenor, '13900000004');
    resident = await openPage(browser, PHONE);
    await loginByPassword(resident, '13900000008');
    officer = await openPage(browser, DESKTOP);
    await loginByPassword(officer, '13900000003');
  });
  afterAll(async () => browser.close());

  it('suggests governances from the category and the format at 受理, and the convenor changes them later', async () => {
    matterId = (
      await call<{ id: number }>(resident, 'POST', '/matters', {
        placeId: await placeId(UNIT_CODE),
        level: 'building',
        kind: 'dispute',
        category: 'mediation',
        title,
        description: '楼上卫生间漏水到楼下，两户协商多次未果。',
      })
    ).id;
    await convenor.goto(`/work/matters/${matterId}`);
    await poll(() => byTest(convenor, 'command-accept').isVisible()).toBe(true);
    await byTest(convenor, 'command-accept').click();
    // 邻里纠纷调解 → 法治、德治 before any format is chosen.
    await poll(() => pressed(convenor, 'governance-law')).toBe('true');
    expect(await pressed(convenor, 'governance-virtue')).toBe('true');
    expect(await pressed(convenor, 'governance-autonomy')).toBe('false');
    // 邻里汇 adds its default 自治.
    const format = byTest(convenor, 'vet-format').filter({ hasText: '邻里汇' });
    await poll(() => format.count()).toBe(1);
    await format.click();
    await poll(() => pressed(convenor, 'governance-autonomy')).toBe('true');
    expect(await pressed(convenor, 'governance-smart')).toBe('false');
    expect(await byTest(convenor, 'governance-hint').textContent()).toContain('预选');
    await byTest(convenor, 'vet-level-building').click();
    await settled(convenor);
    await byTest(convenor, 'governance-picker').scrollIntoViewIfNeeded();
    await expectAccessible(convenor);
    await screenshot(convenor, 'governance-vet-phone');
    await byTest(convenor, 'vet-submit-accept').click();

    const section = byTest(convenor, 'matter-governance');
    await poll(() => section.locator('[data-test="governance-tags"]').textContent()).toMatch(/自治\s*法治\s*德治/);

    // Later: 自治 off, 智治 on (the neighbours met online).
    await byTest(convenor, 'governance-edit').click();
    await poll(() => pressed(convenor, 'governance-autonomy')).toBe('true');
    await byTest(convenor, 'governance-autonomy').click();
    await byTest(convenor, 'governance-smart').click();
    await settled(convenor);
    await expectAccessible(convenor);
    await screenshot(convenor, 'governance-edit-phone');
    await byTest(convenor, 'governance-save').click();
    await poll(() => section.locator('[data-test="governance-tags"]').textContent()).toMatch(/法治\s*德治\s*智治/);
    expect(await section.textContent()).not.toContain('自治');
    await convenor.setViewportSize(DESKTOP);
    await section.scrollIntoViewIfNeeded();
    await screenshot(convenor, 'governance-matter-desktop');
    await convenor.setViewportSize(PHONE);
  });

  it('counts it in each of its governances on the dashboard and drills down to it', async () => {
    const month = chinaMonth();
    const community = await placeId(COMMUNITY_CODE);
    await officer.goto(`/statistics?placeId=${community}&fromMonth=${month}&toMonth=${month}&groupBy=governance`);
    await poll(() => byTest(officer, 'statistics-groups').count()).toBe(1);
    expect(await byTest(officer, 'governance-overlap-note').textContent()).toContain('各计一次');
    for (const group of ['law', 'virtue', 'smart', 'untagged'])
      expect(await byTest(officer, `group-${group}`).count(), group).toBe(1);
    const smart = byTest(officer, 'group-smart');
    expect(await smart.textContent()).toContain('智治');
    await poll(async () => Number(await smart.locator('[data-test="cell-raised"]').textContent())).toBeGreaterThan(0);
    await expectAccessible(officer);
    await screenshot(officer, 'governance-dashboard-desktop');

    await smart.locator('[data-test="cell-raised"]').click();
    await poll(async () => new URL(officer.url()).pathname).toBe('/statistics/matters');
    await poll(() => byTest(officer, 'behind-matter').filter({ hasText: title }).count()).toBe(1);
    expect(await officer.locator('.st-behind__meta').textContent()).toContain('智治');
    await expectAccessible(officer);

    await officer.setViewportSize(PHONE);
    await officer.goBack();
    await poll(() => byTest(officer, 'statistics-groups').count()).toBe(1);
    await screenshot(officer, 'governance-dashboard-phone');
    await officer.setViewportSize(DESKTOP);
  });

  it('shows the tags on the public page and filters the showcase by them', async () => {
    const publicTitle = '5幢加装电梯（四治公开）';
    const { matterId: publicId } = await matterAt(
      'resolved',
      { convenor, resident },
      { title: publicTitle, visibility: 'public' },
    );
    await convenor.goto(`/work/matters/${publicId}`);
    // Accepted untagged (through the API): the sheet starts from 加装电梯 (设施) + 邀约协商's suggestion.
    await byTest(convenor, 'governance-edit').click();
    await poll(() => pressed(convenor, 'governance-autonomy')).toBe('true');
    expect(await pressed(convenor, 'governance-law')).toBe('true');
    await byTest(convenor, 'governance-save').click();
    await poll(() => byTest(convenor, 'governance-tags').textContent()).toMatch(/自治\s*法治/);

    const visitor = await openPage(browser, PHONE);
    await visitor.goto(`/public/matters/${publicId}`);
    await poll(() => byTest(visitor, 'public-matter-title').textContent()).toBe(publicTitle);
    await poll(() => byTest(visitor, 'governance-tags').textContent()).toMatch(/自治\s*法治/);
    await expectAccessible(visitor);
    await screenshot(visitor, 'governance-public-phone');

    await visitor.goto('/showcase?governance=law');
    const card = byTest(visitor, 'showcase-card').filter({ hasText: publicTitle });
    // The showcase list is cached for ten seconds: a new public matter shows within that.
    await expect
      .poll(
        async () => {
          await visitor.reload();
          // The list arrives after the page's load event: count once it has rendered (the demo has law cards).
          await byTest(visitor, 'showcase-card').first().waitFor({ timeout: 10_000 });
          return card.count();
        },
        { timeout: 60_000, interval: 3_000 },
      )
      .toBe(1);
    expect(await byTest(visitor, 'filter-governance').inputValue()).toBe('law');
    await expectAccessible(visitor);
    await screenshot(visitor, 'governance-showcase-phone');
  });
});
