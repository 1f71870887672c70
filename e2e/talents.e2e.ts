import JSZip from 'jszip';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, expectAccessible, launchBrowser, openPage, screenshot } from './support/browser';
import { byTest, loginByPassword, poll, queryDatabase } from './support/journey';

/** The seeded nominee: trained last year (24 h), a micro-leader, not nominated this year. */
const NOMINEE = '13900000014';

describe('a resident is nominated and named a leading talent after the public notice', () => {
  let browser: Browser;
  let nominationId: number;
  let selectionId: number;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser.close());

  /** The city officer's selection page, with the journey's nomination card shown. */
  async function openSelection(page: Page) {
    await page.goto(`/talent-selections/${selectionId}`);
    await byTest(page, `nomination-${nominationId}`).waitFor();
    return byTest(page, `nomination-${nominationId}`);
  }

  it('the convenor nominates a resident of the community with a statement', async () => {
    const page = await openPage(browser, PHONE);
    await loginByPassword(page, '13900000004');
    await byTest(page, 'home-talents').click();
    await page.waitForURL(/\/talents$/);
    await byTest(page, 'nominate-form').waitFor();
    await page.locator('[data-test="nominee-phone"]').fill(NOMINEE);
    await page.locator('[data-test="nominee-statement"]').fill('连续三年组织楼道议事，牵头解决3幢停车难问题。');
    await screenshot(page, 'talents-nominate-phone');
    const answer = page.waitForResponse((r) => /\/api\/talent-selections\/\d+\/nominations$/.test(r.url()));
    await byTest(page, 'nominate-send').click();
    const created = await answer;
    expect(created.status()).toBe(201);
    const body = (await created.json()) as { id: number; selectionId: number; nominatorKind: string };
    expect(body.nominatorKind).toBe('community');
    [nominationId, selectionId] = [body.id, body.selectionId];
    await poll(() => byTest(page, `nomination-row-${nominationId}`).textContent()).toContain('待本人同意');
    await expectAccessible(page);
  });

  it('the nominee agrees on their own phone', async () => {
    const page = await openPage(browser, PHONE);
    await loginByPassword(page, NOMINEE);
    await byTest(page, 'home-my-talents').click();
    await page.waitForURL(/\/account\/talents$/);
    const mine = byTest(page, `my-${nominationId}`);
    await poll(() => mine.textContent()).toContain('待本人同意');
    // Their record as Yishi knows it: last year's 24 hours of training meet the 12-hour threshold.
    expect(await mine.locator('[data-test="fact-trainedMinutes"]').textContent()).toContain('24小时');
    await screenshot(page, 'talents-consent-phone');
    await mine.locator('[data-test="consent"]').click();
    await poll(() => mine.textContent()).toContain('本人已同意');
    await expectAccessible(page);
  });

  it('the city checks the figures, admits, scores and puts the nominee on notice; confirming early is refused', async () => {
    const page = await openPage(browser, DESKTOP);
    await loginByPassword(page, '13900000002');
    let card = await openSelection(page);
    expect(await card.locator('[data-test="fact-trainedMinutes"]').textContent()).toContain('达到');
    await card.locator('[data-test="admit"]').click();
    await poll(() => card.locator('[data-test="nomination-status"]').textContent()).toBe('评审中');
    card = byTest(page, `nomination-${nominationId}`);
    for (const [key, score] of [
      ['work', '90'],
      ['training', '85'],
      ['recognition', '88'],
    ])
      await card.locator(`[data-test="score-${key}"]`).fill(score!);
    await card.locator('[data-test="score-save"]').click();
    await poll(() => card.locator('[data-test="nomination-total"]').textContent()).toContain('88.4');
    await expectAccessible(page);
    await screenshot(page, 'talents-selection-desktop');
    await card.locator('[data-test="notice"]').click();
    await poll(() => card.locator('[data-test="nomination-status"]').textContent()).toBe('公示中');
    card = byTest(page, `nomination-${nominationId}`);
    await card.locator('[data-test="confirm"]').click();
    await poll(() => card.locator('[data-test="nomination-error"]').textContent()).toContain('公示期至');
  });

  it('a visitor sees the public notice without logging in', async () => {
    const page = await openPage(browser, PHONE);
    await page.goto('/public/talents');
    const entry = byTest(page, `public-talent-${nominationId}`);
    await poll(() => entry.textContent()).toContain('停车难');
    expect(await entry.textContent()).toContain('公示期');
    await expectAccessible(page);
    await screenshot(page, 'talents-public-phone');
  });

  it('a resident objects during the notice', async () => {
    const page = await openPage(browser, PHONE);
    await loginByPassword(page, '13900000008');
    await page.goto('/public/talents');
    await byTest(page, `public-talent-${nominationId}`).locator('[data-test="public-object"]').click();
    await page.waitForURL(/\/objection$/);
    await page.locator('[data-test="objection-body"]').fill('停车问题是业委会牵头解决的。');
    await byTest(page, 'objection-send').click();
    await byTest(page, 'objection-sent').waitFor();
    await expectAccessible(page);
  });

  it('the city answers the objection and, the notice over, names the nominee', async () => {
    const page = await openPage(browser, DESKTOP);
    await loginByPassword(page, '13900000002');
    let card = await openSelection(page);
    await card.locator('[data-test="answer-body"]').fill('经核实，协调工作由被提名人牵头，异议不成立。');
    await card.locator('[data-test="answer-not-upheld"]').click();
    await poll(() => card.locator('[data-test="objection"]').textContent()).toContain('异议不成立');
    // Time passing: the five-day notice is moved into the past in the database (no honest way to wait).
    await queryDatabase(
      'update talent_nominations set notice_from = notice_from - 6, notice_to = notice_to - 6 where id = $1',
      [nominationId],
    );
    card = await openSelection(page);
    const confirmed = page.waitForResponse((r) => r.url().endsWith(`/api/talent-nominations/${nominationId}/confirm`));
    await card.locator('[data-test="confirm"]').click();
    expect((await confirmed).status()).toBe(200);
    await poll(() => card.locator('[data-test="nomination-status"]').textContent()).toBe('已命名');
    await screenshot(page, 'talents-named-desktop');
  });

  it('the named person downloads the certificate', async () => {
    const page = await openPage(browser, PHONE);
    await loginByPassword(page, NOMINEE);
    await page.goto('/account/talents');
    const link = byTest(page, `my-${nominationId}`).locator('[data-test="certificate"]');
    await poll(() => link.textContent()).toMatch(/TA-\d{4}-\d{3}/);
    await screenshot(page, 'talents-certificate-phone');
    const file = await page.request.get((await link.getAttribute('href'))!);
    expect(file.status()).toBe(200);
    const xml = await (await JSZip.loadAsync(await file.body())).file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    const [row] = await queryDatabase<{ name: string; no: string }>(
      'select a.display_name as name, n.certificate_no as no from talent_nominations n join accounts a on a.id = n.account_id where n.id = $1',
      [nominationId],
    );
    for (const part of ['荣誉证书', row!.name, '桐安市社区工作领军人才', row!.no]) expect(text).toContain(part);
  });
});
