import JSZip from 'jszip';
import { readFile } from 'node:fs/promises';
import { expect } from 'vitest';
import { expectAccessible, screenshot } from '../support/browser';
import { byTest, photoFile, poll, queryDatabase } from '../support/journey';
import { TITLE, type Cast } from './cast';

const RESOLUTION = '经协商一致，同意在5幢2单元加装电梯，费用按楼层系数分摊，物业公司负责报批与施工协调。';

/** 5. 结果运用: the outcome of the meeting is resolved and the resident who attended confirms it. */
export async function resolveAndConfirm({ convenor, resident }: Cast, matterId: number): Promise<void> {
  await convenor.goto(`/work/matters/${matterId}`);
  await poll(() => byTest(convenor, 'resolution-body').isVisible()).toBe(true);
  await byTest(convenor, 'resolution-body').fill(RESOLUTION);
  await byTest(convenor, 'resolution-basis-consensus').click();
  await byTest(convenor, 'resolution-meeting').first().click();
  await byTest(convenor, 'resolution-save').click();
  await poll(() => byTest(convenor, 'resolution-text').textContent()).toContain('同意在5幢2单元加装电梯');
  await poll(() => byTest(convenor, 'command-resolve').isDisabled()).toBe(false);
  await byTest(convenor, 'command-resolve').click();
  await poll(() => byTest(convenor, 'step-caption').textContent()).toContain('形成决议');

  await resident.goto(`/matters/${matterId}`);
  await poll(() => byTest(resident, 'resolution-confirm').isVisible()).toBe(true);
  await byTest(resident, 'resolution-confirm').click();
  await poll(() => byTest(resident, 'resolution-confirmed').isVisible()).toBe(true);
  await poll(() => byTest(convenor, 'resolution-confirmation').count()).toBe(1);
  await expectAccessible(resident);
  await screenshot(resident, 'elevator-resolution-phone');
}

/**
 * 6. 组织实施: after the objection window (moved into the past: it stands for seven days passing), two
 * tasks; progress with a photo the resident sees; both done; review starts.
 */
export async function implementWithPhotos({ convenor, resident }: Cast, matterId: number): Promise<void> {
  await queryDatabase("update resolutions set objection_ends_at = now() - interval '1 minute' where matter_id = $1", [
    matterId,
  ]);
  await convenor.reload();
  for (const [title, owner] of [
    ['完成电梯加装方案报批', '物业公司'],
    ['组织施工并验收', '物业公司'],
  ]) {
    await byTest(convenor, 'task-title').fill(title!);
    await byTest(convenor, 'task-owner').fill(owner!);
    const before = await byTest(convenor, 'task-item').count();
    await byTest(convenor, 'task-submit').click();
    await poll(() => byTest(convenor, 'task-item').count()).toBe(before + 1);
  }
  await poll(() => byTest(convenor, 'command-startImplementation').isDisabled()).toBe(false);
  await byTest(convenor, 'command-startImplementation').click();
  await poll(() => byTest(convenor, 'step-caption').textContent()).toContain('实施');

  for (const task of await byTest(convenor, 'task-item').all()) {
    await task.locator('[data-test="task-progress-note"]').fill('已完成，附现场照片。');
    await task.locator('[data-test="task-progress-percent"]').fill('100');
    await task.locator('[data-test="task-progress-photos"]').setInputFiles([photoFile('site.png')]);
    await task.locator('[data-test="task-progress-submit"]').click();
    await poll(() => task.locator('[data-test="task-photo"]').count()).toBe(1);
    await task.locator('[data-test="task-done"]').click();
    await convenor.getByRole('button', { name: '确认完成' }).click();
    await poll(() => task.locator('[data-test="task-status"]').textContent()).toContain('已完成');
  }
  await resident.reload();
  await poll(() => byTest(resident, 'task-photo').count()).toBe(2);
  await screenshot(resident, 'elevator-tasks-phone');
  await byTest(convenor, 'command-startReview').click();
  await poll(() => byTest(convenor, 'step-caption').textContent()).toContain('评');
}

/** 7. 成效评价: the grid worker's visit, the resident's own rating, the supervisor's review, the evaluation. */
export async function reviewAndRate(cast: Cast, matterId: number): Promise<void> {
  const { gridWorker, resident, supervisor, convenor } = cast;
  await gridWorker.goto(`/matters/${matterId}`);
  await byTest(gridWorker, 'followup-method-visit').click();
  await byTest(gridWorker, 'followup-star-4').click();
  await byTest(gridWorker, 'followup-comment').fill('上门回访，住户对施工进度满意。');
  await byTest(gridWorker, 'followup-submit').click();
  await poll(() => byTest(gridWorker, 'followup-item').count()).toBe(1);

  await resident.reload();
  await byTest(resident, 'rate-star-5').click();
  await byTest(resident, 'rate-comment').fill('电梯装好了，老人上下楼方便多了。');
  await byTest(resident, 'rate-submit').click();
  await poll(() => byTest(resident, 'rate-done').isVisible()).toBe(true);
  await expectAccessible(resident);
  await screenshot(resident, 'elevator-rated-phone');

  await convenor.reload();
  await poll(() => byTest(convenor, 'command-archive').isDisabled()).toBe(true);
  await supervisor.goto(`/matters/${matterId}`);
  await byTest(supervisor, 'supervision-verdict-satisfactory').click();
  await byTest(supervisor, 'supervision-comment').fill('程序完整，群众满意。');
  await byTest(supervisor, 'supervision-submit').click();
  await poll(() => byTest(supervisor, 'supervision-item').count()).toBe(1);

  await convenor.reload();
  await byTest(convenor, 'evaluation-score').fill('92');
  await byTest(convenor, 'evaluation-outcome-positive').click();
  await byTest(convenor, 'evaluation-submit').click();
  await poll(() => byTest(convenor, 'evaluation-result').textContent()).toContain('92');
}

/** 一事一档: archived after a confirmation; the .docx downloads and reads as the matter's dossier. */
export async function archiveAndDownload({ convenor }: Cast, matterId: number): Promise<void> {
  await poll(() => byTest(convenor, 'command-archive').isDisabled()).toBe(false);
  await byTest(convenor, 'command-archive').click();
  await byTest(convenor, 'confirm-dialog').getByRole('button', { name: '确定' }).click();
  await poll(() => byTest(convenor, 'file-sealed').isVisible()).toBe(true);
  const [row] = await queryDatabase<{ status: string }>('select status from matters where id = $1', [matterId]);
  expect(row).toEqual({ status: 'archived' });
  expect(await byTest(convenor, 'task-submit').count()).toBe(0);
  await expectAccessible(convenor);
  await screenshot(convenor, 'elevator-archived-desktop');

  const [download] = await Promise.all([convenor.waitForEvent('download'), byTest(convenor, 'file-docx').click()]);
  const zip = await JSZip.loadAsync(await readFile((await download.path())!));
  const text = (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
  // The sealed file keeps the full minutes for staff: 张阿姨 is named there, unlike the published text.
  const sections = ['一事一档', '会议纪要', '张阿姨', '低层业主对采光有顾虑', '同意在5幢2单元加装电梯', '六、回访'];
  for (const expected of [TITLE, ...sections, '完成电梯加装方案报批', '归档封存']) expect(text).toContain(expected);
}

/**
 * 防篡改: someone with database access rewrites the resolution entry of the sealed file; the page says
 * at once which entry no longer verifies.
 */
export async function tamperIsDetected({ convenor }: Cast, matterId: number): Promise<void> {
  await poll(() => byTest(convenor, 'chain-badge').getAttribute('data-state')).toBe('intact');
  const [entry] = await queryDatabase<{ seq: number }>(
    "select seq from matter_events where matter_id = $1 and action = 'resolution.draft' order by seq limit 1",
    [matterId],
  );
  await queryDatabase(
    `update matter_events set payload = jsonb_set(payload, '{body}', '"经协商，不同意加装电梯。"') where matter_id = $1 and seq = $2`,
    [matterId, entry!.seq],
  );
  await convenor.reload();
  await poll(() => byTest(convenor, 'chain-badge').getAttribute('data-state')).toBe('broken');
  expect(await byTest(convenor, 'chain-badge').textContent()).toContain(`第 ${entry!.seq} 条`);
  await screenshot(convenor, 'elevator-tampered-desktop');
}
