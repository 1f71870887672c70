import JSZip from 'jszip';
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DESKTOP,
  PHONE,
  expectAccessible,
  expectApart,
  launchBrowser,
  openPage,
  openZoomedPage,
  screenshot,
} from './support/browser';
import { byTest, loginByPassword, photoFile, poll, queryDatabase } from './support/journey';
import { matterAt } from './support/matter-setup';

const TITLE = '5幢2单元加装电梯实施与评价';

/** Scrolls a panel's top to the top of the screen, so the screenshot shows it from its heading. */
async function showPanel(page: Page, name: string): Promise<void> {
  await byTest(page, name)
    .first()
    .evaluate((element) => element.scrollIntoView({ block: 'start' }));
}

/** The one write-form control of each kind the panels render; none may remain on a sealed matter. */
const writeControls = [
  'task-submit',
  'task-progress-submit',
  'task-done',
  'followup-submit',
  'rate-submit',
  'supervision-submit',
  'evaluation-submit',
];

describe('a resolved matter is carried out with photo evidence, followed up, rated, reviewed and sealed', () => {
  let browser: Browser;
  let resident: Page;
  let convenor: Page;
  // Each person logs in once for the file (logins are rate-limited per IP).
  beforeAll(async () => {
    browser = await launchBrowser();
    resident = await openPage(browser, PHONE);
    await loginByPassword(resident, '13900000008');
    convenor = await openPage(browser, DESKTOP);
    await loginByPassword(convenor, '13900000004');
  });
  afterAll(async () => browser.close());

  it('plays tasks → progress photos → done → review → follow-up → rating → supervision → evaluation → archive', async () => {
    const { matterId } = await matterAt('implementing', { convenor, resident }, { title: TITLE });
    const residentPath = `/matters/${matterId}`;

    // 1. 组织实施: the convenor adds a second task next to 'Task A'; the due day defaults a week out.
    await convenor.goto(`/work/matters/${matterId}`);
    await poll(() => byTest(convenor, 'task-item').count()).toBe(1);
    const weekOut = new Date(Date.now() + 7 * 86_400_000);
    expect(await byTest(convenor, 'task-due').inputValue()).toBe(
      `${weekOut.getFullYear()}-${String(weekOut.getMonth() + 1).padStart(2, '0')}-${String(weekOut.getDate()).padStart(2, '0')}`,
    );
    await byTest(convenor, 'task-title').fill('组织施工并验收');
    await byTest(convenor, 'task-owner').fill('电梯施工单位');
    await byTest(convenor, 'task-submit').click();
    await poll(() => byTest(convenor, 'task-item').count()).toBe(2);
    const second = byTest(convenor, 'task-item').filter({ hasText: '组织施工并验收' });
    expect(await second.locator('[data-test="task-status"]').textContent()).toContain('进行中');
    expect(await second.locator('[data-test="task-percent"]').textContent()).toContain('0%');

    // 2. Progress with a photo; a tenth photo is refused before anything is sent.
    const photos = second.locator('[data-test="task-progress-photos"]');
    // A file that only claims to be a PNG passes the picker; the server's refusal shows inline, nothing stored.
    await photos.setInputFiles([{ name: 'fake.png', mimeType: 'image/png', buffer: Buffer.from('not a picture') }]);
    await second.locator('[data-test="task-progress-note"]').fill('试传');
    await second.locator('[data-test="task-progress-submit"]').click();
    await poll(() => second.getByRole('alert').textContent()).toContain('只支持 JPEG、PNG 或 WebP');
    expect(await second.locator('[data-test="task-progress"]').count()).toBe(0);
    await second.getByRole('button', { name: '移除第 1 张照片' }).click();
    await photos.setInputFiles(Array.from({ length: 9 }, (_, i) => photoFile(`site-${i}.png`)));
    await poll(() => second.getByText('9/9').count()).toBe(1);
    await photos.setInputFiles([photoFile('tenth.png')]);
    await poll(() => second.getByRole('alert').filter({ hasText: '最多只能添加 9 张照片' }).count()).toBe(1);
    for (let i = 0; i < 8; i += 1) await second.getByRole('button', { name: '移除第 1 张照片' }).click();
    await poll(() => second.getByText('1/9').count()).toBe(1);
    await second.locator('[data-test="task-progress-note"]').fill('井道已开挖，施工围挡到位。');
    await second.locator('[data-test="task-progress-percent"]').fill('40');
    await expectAccessible(convenor);
    // The staff form on a phone, with the chosen photo previewed before sending.
    await convenor.setViewportSize(PHONE);
    await second.locator('[data-test="task-progress-note"]').scrollIntoViewIfNeeded();
    await screenshot(convenor, 'implementation-progress-form-phone');
    await convenor.setViewportSize(DESKTOP);
    await second.locator('[data-test="task-progress-submit"]').click();
    await poll(() => second.locator('[data-test="task-progress"]').count()).toBe(1);
    await poll(() => second.locator('[data-test="task-photo"]').count()).toBe(1);
    expect(await second.locator('[data-test="task-percent"]').textContent()).toContain('40%');
    const [file] = await queryDatabase<{ purpose: string }>('select purpose from matter_files where matter_id = $1', [
      matterId,
    ]);
    expect(file).toEqual({ purpose: 'progress' });
    await showPanel(convenor, 'tasks-section');
    await screenshot(convenor, 'implementation-tasks-desktop');

    // 3. The resident sees the progress and its photo, and opens it full size.
    await resident.goto(residentPath);
    await poll(() => byTest(resident, 'task-photo').count()).toBe(1);
    expect(await byTest(resident, 'task-progress').textContent()).toContain('井道已开挖');
    expect(await byTest(resident, 'task-submit').count()).toBe(0);
    expect(await byTest(resident, 'task-progress-submit').count()).toBe(0);
    await showPanel(resident, 'tasks-section');
    // The thumbnail is the stored photo itself (a 1×1 PNG), served to the resident who may see the matter.
    await byTest(resident, 'task-photo').scrollIntoViewIfNeeded();
    await poll(() => byTest(resident, 'task-photo').evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(1);
    await showPanel(resident, 'tasks-section');
    await expectAccessible(resident);
    await screenshot(resident, 'implementation-tasks-phone');
    await byTest(resident, 'task-photo').click();
    await poll(() => resident.locator('.van-image-preview').isVisible()).toBe(true);
    await resident.locator('.van-image-preview__close-icon').click();
    await poll(() => resident.locator('.van-image-preview').isVisible()).toBe(false);

    // 4. Both tasks done (each after a confirmation); review starts.
    for (let i = 0; i < 2; i += 1) {
      const open = byTest(convenor, 'task-item')
        .filter({ has: convenor.locator('[data-test="task-done"]') })
        .first();
      await open.locator('[data-test="task-done"]').click();
      await convenor.getByRole('dialog').getByRole('button', { name: '确认完成' }).click();
      await poll(() => byTest(convenor, 'task-done').count()).toBe(1 - i);
    }
    for (const status of await byTest(convenor, 'task-status').allTextContents()) expect(status).toContain('已完成');
    await poll(() => byTest(convenor, 'command-startReview').isDisabled()).toBe(false);
    await byTest(convenor, 'command-startReview').click();
    await poll(() => byTest(convenor, 'review-section').isVisible()).toBe(true);
    await poll(() => byTest(convenor, 'command-archive').isVisible()).toBe(true);
    expect(await byTest(convenor, 'command-archive').isDisabled()).toBe(true);
    expect(await byTest(convenor, 'command-blockers').first().textContent()).toContain('请先完成回访');

    // 5. 回访: the grid worker records a visit with 4 stars.
    const gridWorker = await openPage(browser, PHONE);
    await loginByPassword(gridWorker, '13900000005');
    await gridWorker.goto(residentPath);
    await poll(() => byTest(gridWorker, 'followup-submit').isVisible()).toBe(true);
    await byTest(gridWorker, 'followup-method-visit').click();
    await byTest(gridWorker, 'followup-star-4').click();
    expect(await byTest(gridWorker, 'followup-star-4').getAttribute('aria-label')).toBe('4 分');
    await byTest(gridWorker, 'followup-comment').fill('上门回访，住户对施工质量满意。');
    await expectAccessible(gridWorker);
    await byTest(gridWorker, 'followup-submit').click();
    await poll(() => byTest(gridWorker, 'followup-item').count()).toBe(1);
    expect(await byTest(gridWorker, 'followup-item').textContent()).toContain('上门回访');

    // 6. The resident rates 5 once; the average follows.
    await resident.reload();
    await poll(() => byTest(resident, 'rate-submit').isVisible()).toBe(true);
    await byTest(resident, 'rate-star-5').click();
    await byTest(resident, 'rate-comment').fill('电梯装好了，老人上下楼方便多了。');
    await byTest(resident, 'rate-comment').scrollIntoViewIfNeeded();
    await expectAccessible(resident);
    await screenshot(resident, 'implementation-rate-form-phone');
    await byTest(resident, 'rate-submit').click();
    await poll(() => byTest(resident, 'rate-done').textContent()).toContain('您已评价');
    await poll(() => byTest(resident, 'followup-average').textContent()).toContain('4.5');
    await showPanel(resident, 'review-section');
    await expectAccessible(resident);
    await screenshot(resident, 'implementation-review-phone');

    // 7. Archive stays blocked until the supervisor reviews and the convenor evaluates.
    await poll(() => byTest(convenor, 'command-blockers').first().textContent()).toContain('请先完成监督评议');
    expect(await byTest(convenor, 'command-archive').isDisabled()).toBe(true);
    const supervisor = await openPage(browser, PHONE);
    await loginByPassword(supervisor, '13900000006');
    await supervisor.goto(residentPath);
    await poll(() => byTest(supervisor, 'supervision-submit').isVisible()).toBe(true);
    await byTest(supervisor, 'supervision-verdict-satisfactory').click();
    await byTest(supervisor, 'supervision-comment').fill('程序完整，群众满意，三个月后回头看。');
    await byTest(supervisor, 'supervision-lookback').fill('2027-03-01');
    await expectAccessible(supervisor);
    await byTest(supervisor, 'supervision-submit').click();
    await poll(() => byTest(supervisor, 'supervision-item').count()).toBe(1);
    expect(await byTest(supervisor, 'supervision-item').textContent()).toContain('2027-03-01');
    // … and leaves a finding, which must be answered before the matter can be sealed.
    await byTest(supervisor, 'supervision-finding-input').fill('请在单元门口公示电梯维保单位和报修电话。');
    await byTest(supervisor, 'supervision-finding-submit').click();
    await poll(() => byTest(supervisor, 'supervision-unanswered').count()).toBe(1);

    await poll(() => byTest(convenor, 'command-blockers').first().textContent()).toContain('请先完成成效评估');
    await poll(() => byTest(convenor, 'evaluation-submit').isVisible()).toBe(true);
    await byTest(convenor, 'evaluation-score').fill('92');
    await byTest(convenor, 'evaluation-outcome-positive').click();
    await byTest(convenor, 'evaluation-dispute').check();
    await byTest(convenor, 'evaluation-comment').fill('电梯按期投用，邻里分歧化解。');
    await byTest(convenor, 'evaluation-submit').click();
    await poll(() => byTest(convenor, 'evaluation-result').textContent()).toContain('92');
    expect(await byTest(convenor, 'evaluation-result').textContent()).toContain('已化解矛盾纠纷');
    expect(await byTest(convenor, 'evaluation-submit').count()).toBe(0);
    await showPanel(convenor, 'review-section');
    await expectAccessible(convenor);
    await screenshot(convenor, 'implementation-review-desktop');

    // The unanswered finding still holds the archive back, in words, until the convenor answers it.
    const blockers = byTest(convenor, 'command-blockers').first().locator('.matter-command-panel__blocker');
    await poll(() => blockers.allTextContents()).toEqual(['还有监督意见未答复']);
    expect(await byTest(convenor, 'command-archive').isDisabled()).toBe(true);
    await byTest(convenor, 'command-blockers').first().scrollIntoViewIfNeeded();
    await expectAccessible(convenor);
    await screenshot(convenor, 'implementation-archive-blocked-desktop');
    await byTest(convenor, 'supervision-answer-input').fill('已在单元门口张贴维保单位和24小时报修电话。');
    await byTest(convenor, 'supervision-answer-submit').click();
    await poll(() => byTest(convenor, 'supervision-answer').count()).toBe(1);
    await poll(() => byTest(convenor, 'command-blockers').count()).toBe(0);

    // 8. 一事一档: archive after a confirmation; no write form is left anywhere; the file says 封存.
    await poll(() => byTest(convenor, 'command-archive').isDisabled()).toBe(false);
    await byTest(convenor, 'command-archive').click();
    await convenor.getByRole('dialog').getByRole('button', { name: '确定' }).click();
    await poll(() => byTest(convenor, 'file-sealed').textContent()).toContain('封存');
    const [row] = await queryDatabase<{ status: string }>('select status from matters where id = $1', [matterId]);
    expect(row).toEqual({ status: 'archived' });
    for (const name of writeControls) expect(await byTest(convenor, name).count(), name).toBe(0);
    await showPanel(convenor, 'file-section');
    await expectAccessible(convenor);
    await screenshot(convenor, 'implementation-file-desktop');

    const [download] = await Promise.all([convenor.waitForEvent('download'), byTest(convenor, 'file-docx').click()]);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    const zip = await JSZip.loadAsync(await readFile((await download.path())!));
    const text = (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
    expect(text).toContain(TITLE);
    expect(text).toContain('回访');
    expect(await byTest(convenor, 'file-json').getAttribute('href')).toBe(`/api/matters/${matterId}/file.json`);

    // The resident sees the sealed notice and no forms, but no download links (not an exporter).
    await resident.reload();
    await poll(() => byTest(resident, 'file-sealed').textContent()).toContain('只读');
    for (const name of writeControls) expect(await byTest(resident, name).count(), name).toBe(0);
    expect(await byTest(resident, 'file-docx').count()).toBe(0);
    expect(await byTest(resident, 'file-public-link').count()).toBe(0);
    await showPanel(resident, 'file-section');
    await expectAccessible(resident);
    await screenshot(resident, 'implementation-file-phone');

    // The invitee's answer stays as a record; 参加 / 不参加 are gone from the sealed matter.
    await poll(() => byTest(resident, 'invite-mine').textContent()).toContain('协商已经结束，不再接受答复');
    expect(await byTest(resident, 'invite-yes').count()).toBe(0);
    expect(await byTest(resident, 'invite-no').count()).toBe(0);
    await showPanel(resident, 'invite-mine');
    await screenshot(resident, 'implementation-invitation-closed-phone');

    // On a phone the title sits beside 返回; at 200 % zoom it wraps below it instead of running under it.
    await resident.evaluate(() => window.scrollTo(0, 0));
    await expectApart(resident.locator('h1'), resident.getByRole('button', { name: '返回' }));
    await screenshot(resident, 'matter-title-phone');
    const zoomed = await openZoomedPage(browser, resident);
    await zoomed.goto(residentPath);
    const title = zoomed.locator('h1');
    await poll(() => title.textContent()).toBe(TITLE);
    await expectApart(title, zoomed.getByRole('button', { name: '返回' }));
    expect(await title.evaluate((h1) => h1.scrollWidth <= h1.clientWidth), 'title not clipped').toBe(true);
    await expectAccessible(zoomed);
    await screenshot(zoomed, 'matter-zoom-200-phone');
    for (const page of [gridWorker, supervisor, zoomed]) await page.context().close();
  });

  it('links a public matter to its public page, with a link anyone can copy', async () => {
    const { matterId } = await matterAt('implementing', { convenor, resident }, { visibility: 'public' });
    await resident.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await resident.goto(`/matters/${matterId}`);
    await poll(() => byTest(resident, 'file-public-link').getAttribute('href')).toBe(`/public/matters/${matterId}`);
    expect(await byTest(resident, 'file-docx').count()).toBe(0);
    expect(await byTest(resident, 'file-sealed').count()).toBe(0);
    await byTest(resident, 'file-section').getByRole('button', { name: '复制链接' }).click();
    await poll(() => byTest(resident, 'file-section').getByRole('status').textContent()).toContain('已复制');
    expect(await resident.evaluate(() => navigator.clipboard.readText())).toMatch(
      new RegExp(`^http://[^/]+/public/matters/${matterId}$`),
    );
    await showPanel(resident, 'file-section');
    await expectAccessible(resident);
    await screenshot(resident, 'implementation-public-link-phone');
  });
});
