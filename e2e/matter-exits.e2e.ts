import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, expectAccessible, launchBrowser, openPage, screenshot } from './support/browser';
import { byTest as test, loginByPassword, poll, queryDatabase } from './support/journey';

/** Raises a matter on a resident's behalf through the API, as the logged-in staff member of `page`. */
async function raiseOnBehalf(page: Page, body: Record<string, unknown>): Promise<number> {
  const reply = await page.evaluate(async (payload) => {
    const csrf = document.cookie.match(/(?:^|; )yishi_csrf=([^;]+)/)?.[1] ?? '';
    const response = await fetch('/api/matters', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': decodeURIComponent(csrf) },
      body: JSON.stringify(payload),
    });
    return { status: response.status, body: (await response.json()) as { id?: number } };
  }, body);
  expect(reply.status).toBe(201);
  return reply.body.id!;
}

/** Opens the matter in the workspace and the vetting sheet of `command`. */
async function openCommand(page: Page, matterId: number, command: string) {
  await page.goto(`/work/matters/${matterId}`);
  await poll(() => test(page, `command-${command}`).isVisible()).toBe(true);
  await test(page, `command-${command}`).click();
}

describe('the convenor merges, refers and escalates raised matters (受理前的三种去向)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser.close());

  it('merges a duplicate into an open matter, refers one to a department, escalates one to the town', async () => {
    const [community] = await queryDatabase<{ id: number; path: string }>(
      "select id, path from places where code = 'TA-01-01'",
    );
    const [resident] = await queryDatabase<{ id: number }>(
      `select id from residents where place_path like $1 and birth_date < '1970-01-01' order by id limit 1`,
      [`${community!.path}%`],
    );
    const convenor = await openPage(browser, DESKTOP);
    await loginByPassword(convenor, '13900000004');
    const raise = (title: string) =>
      raiseOnBehalf(convenor, {
        placeId: community!.id,
        level: 'community',
        category: 'environment',
        title,
        description: `${title}：居民多次反映，希望社区协调解决。`,
        onBehalfOfResidentId: resident!.id,
      });
    const target = await raise('小区东门夜间照明不足');
    const duplicate = await raise('东门路灯坏了晚上太黑');
    const referred = await raise('沿河步道护栏松动');
    const escalated = await raise('跨小区道路拓宽');

    // Merge: the sheet lists matters still open to changes; the duplicate points at its target after.
    await openCommand(convenor, duplicate, 'merge');
    const choice = test(convenor, 'vet-merge-target').filter({ hasText: `#${target} ` });
    await poll(() => choice.count()).toBe(1);
    expect(
      await test(convenor, 'vet-merge-target')
        .filter({ hasText: `#${duplicate} ` })
        .count(),
    ).toBe(0);
    await choice.click();
    expect(await choice.getAttribute('aria-pressed')).toBe('true');
    await expectAccessible(convenor);
    await screenshot(convenor, 'matter-merge-sheet-desktop');
    await test(convenor, 'vet-submit-merge').click();
    await poll(() => test(convenor, 'step-caption').textContent()).toContain('已合并');
    await poll(() => test(convenor, 'matter-merged-into').textContent()).toContain(`#${target}`);
    const [merged] = await queryDatabase<{ status: string; merged_into_id: number }>(
      'select status, merged_into_id from matters where id = $1',
      [duplicate],
    );
    expect(merged).toEqual({ status: 'merged', merged_into_id: target });
    // The row leads to the matter it was merged into.
    await test(convenor, 'matter-merged-into').click();
    await convenor.waitForURL(new RegExp(`/matters/${target}$`));
    // The merged matter is closed now, so it is no longer offered as a target.
    await openCommand(convenor, referred, 'merge');
    await poll(() => choice.count()).toBe(1);
    expect(
      await test(convenor, 'vet-merge-target')
        .filter({ hasText: `#${duplicate} ` })
        .count(),
    ).toBe(0);

    // Refer: a registered department and a due date, both required before the button enables.
    await openCommand(convenor, referred, 'refer');
    await poll(() => test(convenor, 'refer-department').locator('option').count()).toBeGreaterThan(1);
    await test(convenor, 'refer-department').selectOption({ label: '梧桐街道 · 城管科' });
    expect(await test(convenor, 'vet-submit-refer').isDisabled()).toBe(true);
    await test(convenor, 'vet-due-on').fill('2027-01-15');
    await poll(() => test(convenor, 'vet-submit-refer').isDisabled()).toBe(false);
    await test(convenor, 'vet-submit-refer').click();
    await poll(() => test(convenor, 'step-caption').textContent()).toContain('已转办');
    expect(await test(convenor, 'matter-referral').textContent()).toContain('城管科');
    expect(await queryDatabase('select status from matters where id = $1', [referred])).toEqual([
      { status: 'referred' },
    ]);
    await convenor.context().close();

    // Escalate, on a phone: a reason of at least two characters.
    const phone = await openPage(browser, PHONE);
    await loginByPassword(phone, '13900000004');
    await openCommand(phone, escalated, 'escalate');
    await test(phone, 'vet-reason').fill('涉及两个小区和市政道路，超出社区协调范围');
    await expectAccessible(phone);
    await screenshot(phone, 'matter-escalate-sheet-phone');
    await test(phone, 'vet-submit-escalate').click();
    await poll(() => test(phone, 'step-caption').textContent()).toContain('已提级');
    expect(await queryDatabase('select status from matters where id = $1', [escalated])).toEqual([
      { status: 'escalated' },
    ]);
    await phone.context().close();
  });
});
