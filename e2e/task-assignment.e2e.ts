import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, expectAccessible, launchBrowser, openPage, screenshot } from './support/browser';
import { byTest, loginByPassword, poll, queryDatabase } from './support/journey';
import { matterAt } from './support/matter-setup';

const TITLE = '5幢2单元加装电梯落实分工';

describe('a task goes to an account: assigned on a desk, found on the assignee’s phone', () => {
  let browser: Browser;
  let convenor: Page;
  let resident: Page;
  let grid: Page;
  beforeAll(async () => {
    browser = await launchBrowser();
    convenor = await openPage(browser, DESKTOP);
    await loginByPassword(convenor, '13900000004');
    resident = await openPage(browser, PHONE);
    await loginByPassword(resident, '13900000008');
    grid = await openPage(browser, PHONE);
    await loginByPassword(grid, '13900000005');
  });
  afterAll(async () => browser.close());

  it('plays assign → inbox and 我的任务 on the phone → reassign to a name', async () => {
    const { matterId } = await matterAt('implementing', { convenor, resident }, { title: TITLE });
    const [gridWorker] = await queryDatabase<{ display_name: string }>(
      'select display_name from accounts where phone = $1',
      ['13900000005'],
    );

    // 1. On the desk the convenor picks the grid worker among those who may carry a task.
    await convenor.goto(`/work/matters/${matterId}`);
    await poll(() => byTest(convenor, 'task-item').count()).toBe(1);
    await byTest(convenor, 'task-title').fill('协调施工期间的临时通道');
    const picker = byTest(convenor, 'task-assignee');
    await poll(() => picker.locator('option').count()).toBeGreaterThan(1);
    const option = picker.locator('option', { hasText: gridWorker!.display_name });
    await picker.selectOption(String(await option.first().getAttribute('value')));
    expect(await byTest(convenor, 'task-owner').inputValue()).toBe(gridWorker!.display_name);
    expect(await option.first().textContent()).toMatch(/\d{3}\*{4}\d{4}/);
    await expectAccessible(convenor);
    await byTest(convenor, 'task-title').evaluate((e) => e.scrollIntoView({ block: 'center' }));
    await screenshot(convenor, 'task-assign-desktop');
    await byTest(convenor, 'task-submit').click();
    await poll(() => byTest(convenor, 'task-item').count()).toBe(2);

    // 2. On the phone the grid worker finds it under 我的任务 with its due day, and in the inbox.
    await grid.goto('/');
    const mine = byTest(grid, 'my-task').filter({ hasText: '协调施工期间的临时通道' });
    await poll(() => mine.count()).toBe(1);
    expect(await mine.textContent()).toContain(TITLE);
    expect(await mine.locator('[data-test="my-task-due"]').textContent()).toMatch(/\d{4}-\d{2}-\d{2}/);
    await byTest(grid, 'my-tasks').evaluate((e) => e.scrollIntoView({ block: 'start' }));
    await expectAccessible(grid);
    await screenshot(grid, 'my-tasks-phone');
    await grid.goto('/inbox');
    await poll(() => byTest(grid, 'inbox-item').filter({ hasText: '落实任务：协调施工期间的临时通道' }).count()).toBe(
      1,
    );
    await screenshot(grid, 'task-assigned-inbox-phone');
    await grid.goto('/');
    await mine.click();
    await grid.waitForURL(new RegExp(`/matters/${matterId}$`));

    // 3. 改派: the task goes to the property company by name; it leaves the grid worker's list.
    const task = byTest(convenor, 'task-item').filter({ hasText: '协调施工期间的临时通道' });
    await task.locator('[data-test="task-reassign"]').click();
    await task.locator('select').selectOption('');
    await task.locator('input[maxlength="50"]').fill('河滨物业服务中心');
    await screenshot(convenor, 'task-reassign-desktop');
    await task.locator('[data-test="task-reassign-save"]').click();
    await poll(() => task.textContent()).toContain('河滨物业服务中心');
    const [entry] = await queryDatabase<{ action: string }>(
      'select action from matter_events where matter_id = $1 order by seq desc limit 1',
      [matterId],
    );
    expect(entry).toEqual({ action: 'task.reassign' });
    await grid.goto('/');
    await poll(() => byTest(grid, 'home-matters').isVisible()).toBe(true);
    expect(await byTest(grid, 'my-task').filter({ hasText: '协调施工期间的临时通道' }).count()).toBe(0);
  });
});
