import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, expectAccessible, launchBrowser, openPage, screenshot } from './support/browser';
import { loginByPassword, queryDatabase } from './support/journey';
import { matterAt } from './support/matter-setup';

/** Waits longer than vitest's 1 s default: the machine is shared and a live update takes a round trip. */
const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 15_000 });

const test = (page: Page, name: string) => page.locator(`[data-test="${name}"]:visible`);
/** Scrolls a section to the top of the screen (below the sticky header) for a screenshot. */
const showTop = (page: Page, name: string) =>
  test(page, name)
    .first()
    .evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 56));
const comment = (page: Page, text: string) => test(page, 'comment-item').filter({ hasText: text });

describe('residents discuss a matter online, the convenor resolves it, attendees confirm and object', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser.close());

  it('plays discussion → moderation → resolution → confirmation → objection → answer → window closed', async () => {
    const resident = await openPage(browser, PHONE);
    await loginByPassword(resident, '13900000008');
    const convenor = await openPage(browser, DESKTOP);
    await loginByPassword(convenor, '13900000004');
    const { matterId } = await matterAt('deliberating', { convenor, resident });
    const residentPath = `/matters/${matterId}`;
    const workPath = `/work/matters/${matterId}`;

    // 1. 云议事: the resident opposes; the stance is required and the counter follows the text.
    await resident.goto(residentPath);
    await poll(() => test(resident, 'discussion-section').isVisible()).toBe(true);
    expect(await test(resident, 'discussion-closed').count()).toBe(0);
    await test(resident, 'comment-body').fill('低层住户担心采光受影响，希望先看日照分析。');
    await test(resident, 'comment-submit').click();
    await poll(() => test(resident, 'discussion-section').getByRole('alert').textContent()).toContain('立场');
    await test(resident, 'comment-stance-against').click();
    await test(resident, 'comment-submit').click();
    await poll(() => test(resident, 'comment-item').count()).toBe(1);
    expect(await test(resident, 'comment-item').getAttribute('data-stance')).toBe('against');

    // 2. The convenor replies 支持 under it; the reply names whom it answers and can be cancelled.
    await convenor.goto(workPath);
    await poll(() => comment(convenor, '日照分析').count()).toBe(1);
    await comment(convenor, '日照分析').locator('[data-test="comment-reply"]').click();
    await poll(() => test(convenor, 'comment-reply-cancel').isVisible()).toBe(true);
    await test(convenor, 'comment-reply-cancel').click();
    await poll(() => test(convenor, 'comment-reply-cancel').count()).toBe(0);
    await comment(convenor, '日照分析').locator('[data-test="comment-reply"]').click();
    await test(convenor, 'comment-stance-for').click();
    await test(convenor, 'comment-body').fill('同意先做日照分析，社区会请设计单位出具报告。');
    await test(convenor, 'comment-submit').click();
    await poll(() => comment(convenor, '设计单位').count()).toBe(1);
    expect(await comment(convenor, '设计单位').getAttribute('data-stance')).toBe('for');
    // One level in: the reply sits in its parent's thread.
    const thread = convenor.locator('li', { has: comment(convenor, '日照分析') }).first();
    expect(await thread.locator('[data-test="comment-item"]').count()).toBe(2);

    // 3. A third comment, hidden by the convenor with a reason the resident then sees.
    await test(resident, 'comment-stance-neutral').click();
    await test(resident, 'comment-body').fill('楼上那家天天吵，谁管管？');
    await test(resident, 'comment-submit').click();
    await poll(() => test(resident, 'comment-item').count()).toBe(3);
    await convenor.reload();
    await poll(() => comment(convenor, '天天吵').count()).toBe(1);
    await comment(convenor, '天天吵').locator('[data-test="comment-hide"]').click();
    await poll(() => test(convenor, 'comment-hide-reason').isVisible()).toBe(true);
    await expectAccessible(convenor);
    await test(convenor, 'comment-hide-reason').fill('与本议题无关');
    await screenshot(convenor, 'discussion-hide-desktop');
    await test(convenor, 'comment-hide-submit').click();
    await poll(() => test(convenor, 'comment-hide-reason').count()).toBe(0);
    await poll(() => comment(convenor, '与本议题无关').count()).toBe(1);
    await poll(() => test(convenor, 'discussion-counts').textContent()).toContain('支持 1 · 反对 1 · 中立 0');
    await expectAccessible(convenor);
    await showTop(convenor, 'discussion-section');
    await screenshot(convenor, 'discussion-desktop');

    await resident.reload();
    await poll(() => comment(resident, '与本议题无关').count()).toBe(1);
    expect(await comment(resident, '与本议题无关').textContent()).not.toContain('天天吵');
    expect(await test(resident, 'discussion-counts').textContent()).toContain('支持 1 · 反对 1 · 中立 0');
    await expectAccessible(resident);
    await showTop(resident, 'discussion-section');
    await screenshot(resident, 'discussion-phone');

    // 4. 协商结果: drafted on the meeting, then resolved through the command panel.
    await test(convenor, 'resolution-body').fill(
      '经协商一致，同意加装电梯；先请设计单位出具日照分析，费用按楼层分摊。',
    );
    await test(convenor, 'resolution-basis-ballot').click();
    await poll(() => test(convenor, 'resolution-ballot').isVisible()).toBe(true);
    await test(convenor, 'resolution-basis-consensus').click();
    await poll(() => test(convenor, 'resolution-meeting').count()).toBe(1);
    await test(convenor, 'resolution-meeting').click();
    await test(convenor, 'resolution-objection-days').fill('7');
    await expectAccessible(convenor);
    await showTop(convenor, 'resolution-section');
    await screenshot(convenor, 'resolution-draft-desktop');
    await test(convenor, 'resolution-save').click();
    await poll(() => test(convenor, 'resolution-text').textContent()).toContain('日照分析');
    await poll(() => test(convenor, 'command-resolve').isDisabled()).toBe(false);
    await test(convenor, 'command-resolve').click();
    await poll(async () => (await queryDatabase('select status from matters where id = $1', [matterId]))[0]).toEqual({
      status: 'resolved',
    });
    await poll(() => test(convenor, 'resolution-window').textContent()).toMatch(
      /^\s*异议期至 \d+月\d+日 \d\d:\d\d\s*$/,
    );
    await poll(() => test(convenor, 'discussion-closed').isVisible()).toBe(true);

    // 5. The resident, an attendee, confirms; it persists and the convenor sees the confirmation.
    await resident.reload();
    await poll(() => test(resident, 'resolution-text').textContent()).toContain('日照分析');
    expect(await test(resident, 'discussion-closed').isVisible()).toBe(true);
    expect(await test(resident, 'comment-body').count()).toBe(0);
    await showTop(resident, 'resolution-section');
    await expectAccessible(resident);
    await screenshot(resident, 'resolution-phone');
    await test(resident, 'resolution-confirm').click();
    await poll(() => test(resident, 'resolution-confirmed').isVisible()).toBe(true);
    await resident.reload();
    await poll(() => test(resident, 'resolution-confirmed').isVisible()).toBe(true);
    expect(await test(resident, 'resolution-confirm').count()).toBe(0);
    await convenor.reload();
    await poll(() => test(convenor, 'resolution-confirmation').count()).toBe(1);
    await showTop(convenor, 'resolution-section');
    await expectAccessible(convenor);
    await screenshot(convenor, 'resolution-desktop');

    // 6. 异议: the resident objects, the convenor answers inline, the resident reads the answer.
    await test(resident, 'objection-body').fill('费用按楼层分摊对一楼不公平，希望一楼免缴。');
    await test(resident, 'objection-submit').click();
    await poll(() => test(resident, 'objection-item').count()).toBe(1);
    await convenor.reload();
    await poll(() => test(convenor, 'objection-answer').isVisible()).toBe(true);
    await test(convenor, 'objection-answer').fill('一楼业主不承担电梯费用，已写入实施方案。');
    await test(convenor, 'objection-answer-submit').click();
    await poll(() => test(convenor, 'objection-item').textContent()).toContain('已写入实施方案');
    expect(await test(convenor, 'objection-answer').count()).toBe(0);
    await showTop(convenor, 'objection-item');
    await expectAccessible(convenor);
    await screenshot(convenor, 'objections-desktop');
    await resident.reload();
    await poll(() => test(resident, 'objection-item').textContent()).toContain('已写入实施方案');

    // 7. The window closes: moving its end into the past stands for the clock running out.
    await queryDatabase("update resolutions set objection_ends_at = now() - interval '1 minute' where matter_id = $1", [
      matterId,
    ]);
    await resident.reload();
    await poll(() => test(resident, 'objection-closed').isVisible()).toBe(true);
    expect(await test(resident, 'objection-body').count()).toBe(0);
    expect(await test(resident, 'resolution-window').textContent()).toContain('异议期已结束');
    await showTop(resident, 'objection-item');
    await expectAccessible(resident);
    await screenshot(resident, 'objections-phone');
    const objections = await queryDatabase<{ count: string }>(
      'select count(*) from objections o join resolutions r on r.id = o.resolution_id where r.matter_id = $1',
      [matterId],
    );
    expect(objections).toEqual([{ count: '1' }]);

    await resident.context().close();
    await convenor.context().close();
  });
});
