import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, expectAccessible, launchBrowser, openPage, screenshot } from './support/browser';
import { loginByPassword, photoFile, queryDatabase } from './support/journey';

// Not an elevator: other journeys raise elevator matters in the same unit, and this one must stand out.
const TITLE = '5幢2单元楼道加装扶手';
const DESCRIPTION =
  '5幢2单元住着不少老人，上下楼很吃力。希望在楼道两侧加装扶手，费用怎么分摊、低层住户的意见怎么听取。';

/** Waits longer than vitest's 1 s default: the machine is shared and a live update takes a round trip. */
const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 15_000 });

const test = (page: Page, name: string) => page.locator(`[data-test="${name}"]:visible`);

describe('a resident raises the lift retrofit, a neighbour supports it, the convenor accepts it', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser.close());

  it('plays raise → similar and support → accept, with the proposer’s page updating live', async () => {
    // 1. The resident of 5幢 2单元 raises the matter on a phone.
    const resident = await openPage(browser, PHONE);
    // Code login is the resident-home journey's; one code per phone a minute, so the password here.
    await loginByPassword(resident, '13900000008');
    await test(resident, 'tab-matters').click();
    await resident.waitForURL(/\/matters$/);
    await poll(() => test(resident, 'matter-raise-link').isVisible()).toBe(true);
    await expectAccessible(resident);
    await screenshot(resident, 'matters-mine-empty-phone');

    await test(resident, 'matter-raise-link').click();
    await resident.waitForURL(/\/matters\/new$/);
    const place = test(resident, 'matter-place');
    await poll(() => place.textContent()).toContain('5幢');
    expect(await place.textContent()).toContain('2单元');
    expect(await test(resident, 'matter-level-building').getAttribute('aria-pressed')).toBe('true');
    await test(resident, 'matter-category-facilities').click();
    await test(resident, 'matter-title').fill(TITLE);
    await test(resident, 'matter-description').fill(DESCRIPTION);
    // Ten photos at once: nine are kept and the tenth is refused with a message, before anything is sent.
    const picker = resident.locator('[data-test="matter-photos"]');
    await picker.setInputFiles(Array.from({ length: 10 }, (_, i) => photoFile(`现场${i + 1}.png`)));
    await poll(() => test(resident, 'matter-photos-count').textContent()).toBe('9/9');
    expect(await test(resident, 'matter-photos-error').textContent()).toContain('最多只能添加 9 张照片');
    await expectAccessible(resident);
    for (let left = 9; left > 0; left--) await test(resident, 'matter-photo-remove').first().click();
    await poll(() => test(resident, 'matter-photos-count').textContent()).toBe('0/9');
    // One photo of the stairwell: a preview with a remove button and the count 1/9.
    await picker.setInputFiles(photoFile('楼道.png'));
    await poll(() => test(resident, 'matter-photo-remove').count()).toBe(1);
    expect(await test(resident, 'matter-photos-count').textContent()).toBe('1/9');
    // The submit button fades in once the form is complete: let it settle before axe measures contrast.
    const submit = resident.locator('[data-test="matter-submit"]');
    await poll(() => submit.evaluate((button) => getComputedStyle(button).opacity)).toBe('1');
    await expectAccessible(resident);
    await screenshot(resident, 'matter-raise-phone');
    await test(resident, 'matter-submit').click();
    await resident.waitForURL(/\/matters\/\d+$/);
    const matterId = Number(new URL(resident.url()).pathname.split('/').pop());

    const caption = test(resident, 'step-caption');
    await poll(() => caption.textContent()).toContain('议题征集');
    expect(await test(resident, 'matter-heading').textContent()).toBe(TITLE);
    await poll(() => test(resident, 'chain-badge').getAttribute('data-state')).toBe('intact');
    expect(await test(resident, 'chain-badge').textContent()).toContain('完整性已验证');
    expect(await test(resident, 'timeline-item').allTextContents()).toEqual([expect.stringContaining('提出议题')]);
    // The photo sent with it shows as a thumbnail that has really loaded, and opens full screen.
    const photo = test(resident, 'matter-photo');
    await poll(() => photo.count()).toBe(1);
    await poll(() => photo.locator('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(
      1,
    );
    await photo.click();
    await poll(() => resident.locator('.van-image-preview').isVisible()).toBe(true);
    await resident.locator('.van-image-preview__close-icon').click();
    await poll(() => resident.locator('.van-image-preview').isVisible()).toBe(false);
    // The proposer cannot support their own matter.
    expect(await test(resident, 'support-button').count()).toBe(0);
    await expectAccessible(resident);
    await screenshot(resident, 'matter-raised-phone');
    // Marks this document: a reload would drop the mark.
    await resident.evaluate(() => ((window as unknown as { journeyMark: number }).journeyMark = 1));

    const [row] = await queryDatabase<{ level: string; category: string; status: string; place: string }>(
      `select m.level, m.category, m.status, p.name as place from matters m join places p on p.id = m.place_id
        where m.id = $1`,
      [matterId],
    );
    expect(row).toEqual({ level: 'building', category: 'facilities', status: 'raised', place: '2单元' });
    expect(
      await queryDatabase('select purpose, content_type, file_name from matter_files where matter_id = $1', [matterId]),
    ).toEqual([{ purpose: 'raised', content_type: 'image/png', file_name: '楼道.png' }]);

    // 2. A member of the community starts a similar matter, is shown this one and supports it instead.
    const member = await openPage(browser, PHONE);
    await loginByPassword(member, '13900000007');
    await member.goto('/matters/new');
    await test(member, 'matter-title').fill('楼道扶手加装');
    const similar = test(member, 'similar-item').filter({ hasText: TITLE });
    await poll(() => similar.count()).toBe(1);
    expect(await similar.locator('[data-test="similar-link"]').getAttribute('href')).toBe(`/matters/${matterId}`);
    await expectAccessible(member);
    await similar.scrollIntoViewIfNeeded();
    await screenshot(member, 'matter-similar-phone');
    await similar.locator('[data-test="support-button"]').click();
    await poll(() => similar.locator('[data-test="support-button"]').textContent()).toContain('已联名');
    expect(await queryDatabase('select 1 from matters where title like $1', ['楼道扶手加装%'])).toEqual([]);
    await poll(() => test(resident, 'support-count').textContent()).toContain('1 人联名');

    // The member's matters list now holds it, with its stage as a chip.
    await member.goto('/matters');
    await poll(() => test(member, 'matter-item').filter({ hasText: TITLE }).count()).toBe(1);
    expect(await test(member, 'status-chip').allTextContents()).toContain('议题征集 1');
    await expectAccessible(member);
    await screenshot(member, 'matters-mine-phone');
    await member.context().close();

    // 3. The convenor opens the work queue and accepts it as 邀约协商 at building level.
    const convenor = await openPage(browser, DESKTOP);
    await loginByPassword(convenor, '13900000004');
    await test(convenor, 'nav-work').click();
    await convenor.waitForURL(/\/work$/);
    const item = test(convenor, 'queue-item').filter({ hasText: TITLE });
    await poll(() => item.count()).toBe(1);
    expect(await test(convenor, 'queue-count').allTextContents()).toContainEqual(
      expect.stringMatching(/议题征集\s*\d+/),
    );
    await expectAccessible(convenor);
    await screenshot(convenor, 'work-queue-desktop');
    await item.click();
    await convenor.waitForURL(new RegExp(`/work/matters/${matterId}$`));
    await poll(() => test(convenor, 'command-accept').isVisible()).toBe(true);
    for (const command of ['decline', 'merge', 'refer', 'escalate'])
      expect(await test(convenor, `command-${command}`).count()).toBe(1);
    await expectAccessible(convenor);
    await screenshot(convenor, 'matter-workspace-desktop');

    await test(convenor, 'command-accept').click();
    const format = test(convenor, 'vet-format').filter({ hasText: '邀约协商' });
    await poll(() => format.count()).toBe(1);
    await format.click();
    await test(convenor, 'vet-level-building').click();
    await expectAccessible(convenor);
    await screenshot(convenor, 'matter-accept-sheet-desktop');
    await test(convenor, 'vet-submit-accept').click();
    await poll(() => test(convenor, 'step-caption').textContent()).toContain('议题确定');
    expect(await test(convenor, 'matter-format').textContent()).toContain('邀约协商');
    await convenor.context().close();

    // 4. The resident's open page follows without a reload.
    await poll(() => caption.textContent()).toContain('议题确定');
    expect(await resident.evaluate(() => (window as unknown as { journeyMark?: number }).journeyMark)).toBe(1);
    await poll(() => test(resident, 'timeline-item').allTextContents()).toEqual([
      expect.stringContaining('提出议题'),
      expect.stringContaining('联名'),
      expect.stringContaining('受理'),
    ]);
    expect(await test(resident, 'matter-format').textContent()).toContain('邀约协商');
    await poll(() => test(resident, 'chain-badge').getAttribute('data-state')).toBe('intact');
    await expectAccessible(resident);
    await screenshot(resident, 'matter-accepted-phone');

    // The same page on a desktop screen, and the workspace on a phone.
    // A second code login within a minute is refused (resend limit): reuse the resident's cookies.
    const residentDesktop = await resident.context().newPage();
    await residentDesktop.setViewportSize(DESKTOP);
    await residentDesktop.goto(`/matters/${matterId}`);
    await poll(() => test(residentDesktop, 'step-caption').textContent()).toContain('议题确定');
    await expectAccessible(residentDesktop);
    await screenshot(residentDesktop, 'matter-accepted-desktop');
    await residentDesktop.goto('/matters/new');
    await poll(() => test(residentDesktop, 'matter-title').isVisible()).toBe(true);
    await screenshot(residentDesktop, 'matter-raise-desktop');
    await resident.context().close();

    const convenorPhone = await openPage(browser, PHONE);
    await loginByPassword(convenorPhone, '13900000004');
    await convenorPhone.goto(`/work/matters/${matterId}`);
    await poll(() => test(convenorPhone, 'command-panel').isVisible()).toBe(true);
    await expectAccessible(convenorPhone);
    await test(convenorPhone, 'command-panel').scrollIntoViewIfNeeded();
    await screenshot(convenorPhone, 'matter-workspace-phone');
    await convenorPhone.goto('/work');
    await poll(() => test(convenorPhone, 'queue-item').count()).toBeGreaterThan(0);
    await screenshot(convenorPhone, 'work-queue-phone');
    await convenorPhone.context().close();
  });

  it('lets a grid worker raise a matter on a resident’s behalf, recorded as such', async () => {
    const [community] = await queryDatabase<{ path: string }>("select path from places where code = 'TA-01-01'");
    // An adult of the community whose name no other resident's name contains, so the search finds one.
    const [resident] = await queryDatabase<{ id: number; name: string }>(
      `select r.id, r.name from residents r
        where r.place_path like $1 and r.birth_date < '1960-01-01'
          and (select count(*) from residents o where o.name like '%' || r.name || '%') = 1
        order by r.id limit 1`,
      [`${community!.path}%`],
    );
    expect(resident).toBeDefined();

    const page = await openPage(browser, PHONE);
    await loginByPassword(page, '13900000005');
    await poll(() => test(page, 'home-raise').isVisible()).toBe(true);
    await screenshot(page, 'home-grid-worker-phone');
    await test(page, 'home-raise').click();
    await page.waitForURL(/\/matters\/new$/);
    // Without a home of their own, staff raise on behalf: the switch is on.
    await poll(() => test(page, 'matter-resident-search').isVisible()).toBe(true);
    await test(page, 'matter-resident-search').fill(resident!.name);
    const option = test(page, 'matter-resident-option');
    await poll(() => option.count()).toBe(1);
    await option.click();
    await poll(() => test(page, 'matter-resident-chosen').textContent()).toContain(resident!.name);
    await poll(() => test(page, 'matter-place').textContent()).toContain('河滨');
    await test(page, 'matter-category-environment').click();
    await test(page, 'matter-title').fill('楼道堆放杂物清理');
    await test(page, 'matter-description').fill('楼道里长期堆放纸箱和旧家具，影响通行和消防安全，希望统一清理。');
    await expectAccessible(page);
    await screenshot(page, 'matter-raise-on-behalf-phone');
    await test(page, 'matter-submit').click();
    await page.waitForURL(/\/matters\/\d+$/);
    // The page names who raised it on the resident's behalf; the database holds the resident.
    await poll(() => test(page, 'matter-proposer').textContent()).toContain('代为提出');

    const matterId = Number(new URL(page.url()).pathname.split('/').pop());
    const [row] = await queryDatabase<{ proposer_resident_id: number; raised_by: string | null }>(
      `select m.proposer_resident_id, a.phone as raised_by from matters m
         left join accounts a on a.id = m.raised_by_account_id where m.id = $1`,
      [matterId],
    );
    expect(row).toEqual({ proposer_resident_id: resident!.id, raised_by: '13900000005' });

    // The convenor declines it with a reason, which the page then shows.
    const convenor = await openPage(browser, PHONE);
    await loginByPassword(convenor, '13900000004');
    await convenor.goto(`/work/matters/${matterId}`);
    await poll(() => test(convenor, 'command-decline').isVisible()).toBe(true);
    await test(convenor, 'command-decline').click();
    await test(convenor, 'vet-reason').fill('属物业日常管理范围，已交物业公司限期清理');
    await expectAccessible(convenor);
    await screenshot(convenor, 'matter-decline-sheet-phone');
    await test(convenor, 'vet-submit-decline').click();
    await poll(() => test(convenor, 'vet-submit-decline').isVisible()).toBe(false);
    await poll(() => test(convenor, 'step-caption').textContent()).toContain('未予受理');
    expect(await test(convenor, 'matter-decline-reason').textContent()).toContain('物业公司限期清理');
    expect(await test(convenor, 'command-accept').count()).toBe(0);
    await poll(() => test(page, 'step-caption').textContent()).toContain('未予受理');
  });
});
