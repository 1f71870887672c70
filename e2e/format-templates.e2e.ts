import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, expectAccessible, launchBrowser, openPage, screenshot } from './support/browser';
import { byTest, loginByPassword, poll } from './support/journey';
import { call, placeId } from './support/matter-setup';

const COMMUNITY_CODE = 'TA-01-01';
const UNIT_CODE = 'TA-01-01-01-05-2';

describe('formats are templates: officers keep them, and 受理 with one prefills the invite list', () => {
  let browser: Browser;
  let officer: Page;
  let convenor: Page;
  let resident: Page;
  beforeAll(async () => {
    browser = await launchBrowser();
    officer = await openPage(browser, DESKTOP);
    await loginByPassword(officer, '13900000003');
    convenor = await openPage(browser, DESKTOP);
    await loginByPassword(convenor, '13900000004');
    resident = await openPage(browser, PHONE);
    await loginByPassword(resident, '13900000008');
  });
  afterAll(async () => browser.close());

  it('lets the town officer add a format with its defaults beside the six built-in ones', async () => {
    const communityId = await placeId(COMMUNITY_CODE);
    await officer.goto(`/places/${communityId}`);
    await byTest(officer, 'action-formats').click();
    await officer.waitForURL(/\/formats$/);
    await poll(() => byTest(officer, 'format-item').count()).toBe(6);
    expect(await byTest(officer, 'format-item').first().textContent()).toContain('电梯加装');
    await expectAccessible(officer);
    await screenshot(officer, 'formats-list-desktop');

    await byTest(officer, 'format-create').click();
    await byTest(officer, 'format-name').fill('楼道议事');
    await byTest(officer, 'format-description').fill('楼栋长召集本楼道居民，在楼道口商量楼道里的事。');
    await byTest(officer, 'format-group-building_heads').click();
    await byTest(officer, 'format-council-residents_council').click();
    await byTest(officer, 'format-mode-on_site').click();
    await poll(() => byTest(officer, 'format-rule').locator('option').count()).toBeGreaterThan(1);
    await byTest(officer, 'format-rule').selectOption('simple_majority');
    await expectAccessible(officer);
    await byTest(officer, 'format-submit').click();
    const added = byTest(officer, 'format-item').filter({ hasText: '楼道议事' });
    await poll(() => added.count()).toBe(1);
    expect(await added.locator('[data-test="format-defaults"]').textContent()).toContain('利益相关居民、楼栋长');

    // The built-in 邀约协商 on a phone: its name is fixed, its defaults open for editing.
    await officer.setViewportSize(PHONE);
    await byTest(officer, 'format-item').filter({ hasText: '邀约协商' }).locator('[data-test="format-edit"]').click();
    await poll(() => byTest(officer, 'format-name').isDisabled()).toBe(true);
    await poll(() => officer.evaluate(() => document.getAnimations().length)).toBe(0);
    await expectAccessible(officer);
    await screenshot(officer, 'formats-edit-phone');
    await byTest(officer, 'sheet-close').click();
    await officer.setViewportSize(DESKTOP);
  });

  it('shows the chosen format at 受理 and preselects the invite list from its defaults', async () => {
    const matter = await call<{ id: number }>(resident, 'POST', '/matters', {
      placeId: await placeId(UNIT_CODE),
      level: 'building',
      kind: 'livelihood',
      category: 'facilities',
      title: `5幢2单元楼道堆物清理（${Date.now().toString(36)}）`,
      description: '楼道里堆放杂物，影响通行和消防安全。',
    });
    await convenor.goto(`/work/matters/${matter.id}`);
    await poll(() => byTest(convenor, 'command-accept').isVisible()).toBe(true);
    await byTest(convenor, 'command-accept').click();
    const format = byTest(convenor, 'vet-format').filter({ hasText: '邀约协商' });
    await poll(() => format.count()).toBe(1);
    await format.click();
    const card = byTest(convenor, 'vet-format-card');
    await poll(() => card.textContent()).toContain('电梯加装');
    expect(await card.textContent()).toContain('利益相关居民、楼栋长、物业');
    await byTest(convenor, 'vet-level-building').click();
    await poll(() => convenor.evaluate(() => document.getAnimations().length)).toBe(0);
    await expectAccessible(convenor);
    await screenshot(convenor, 'matter-accept-format-desktop');
    await byTest(convenor, 'vet-submit-accept').click();

    // 邀约名单: 楼栋长 and 物业 from the pool, and the matter's own place (2单元), already chosen.
    await poll(() => byTest(convenor, 'invite-prefilled').textContent()).toContain('邀约协商');
    expect(await byTest(convenor, 'invite-tag-楼栋长').getAttribute('aria-pressed')).toBe('true');
    expect(await byTest(convenor, 'invite-tag-物业').getAttribute('aria-pressed')).toBe('true');
    expect(await byTest(convenor, 'invite-tag-党员').getAttribute('aria-pressed')).toBe('false');
    const chosenPlace = convenor.locator('[data-test="invite-place"][aria-pressed="true"]');
    expect(await chosenPlace.textContent()).toContain('2单元');
    // The staff may change it before sending.
    await byTest(convenor, 'invite-tag-物业').click();
    expect(await byTest(convenor, 'invite-tag-物业').getAttribute('aria-pressed')).toBe('false');
    await byTest(convenor, 'invite-prefilled').scrollIntoViewIfNeeded();
    await expectAccessible(convenor);
    await screenshot(convenor, 'matter-invite-prefilled-desktop');
    await convenor.setViewportSize(PHONE);
    await byTest(convenor, 'invite-prefilled').evaluate((e) => e.scrollIntoView({ block: 'start' }));
    await screenshot(convenor, 'matter-invite-prefilled-phone');
    await convenor.setViewportSize(DESKTOP);
  });
});
