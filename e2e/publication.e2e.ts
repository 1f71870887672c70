import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, expectAccessible, launchBrowser, openPage, screenshot } from './support/browser';
import { byTest, loginByPassword, poll, queryDatabase } from './support/journey';
import { matterAt } from './support/matter-setup';

/** A valid ID number (GB 11643 check digit). */
const ID_NUMBER =
  '32010219900307123' +
  '10X98765432'[
    [...'32010219900307123'].reduce(
      (sum, d, i) => sum + Number(d) * [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2][i]!,
      0,
    ) % 11
  ];
const PHONE_SPACED = '138 1234 5678';
const digitsOf = (text: string) => text.replace(/[\s\-.]/g, '');

describe('staff confirm the redacted minutes and resolution before the public sees them', () => {
  let browser: Browser;
  let convenor: Page;
  let matterId: number;
  let meetingId: number;
  /** A resident of another community, named in the texts. */
  let neighbour: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    convenor = await openPage(browser, DESKTOP);
    const resident = await openPage(browser, PHONE);
    await loginByPassword(convenor, '13900000004');
    await loginByPassword(resident, '13900000008');
    ({ matterId, meetingId } = await matterAt(
      'deliberating',
      { convenor, resident },
      { title: '加装电梯（公开文本确认）', visibility: 'public' },
    ));
    const [row] = await queryDatabase<{ name: string }>(
      `select r.name from residents r where char_length(r.name) = 3
         and r.place_path not like (select path from places where name = '河滨社区' limit 1) || '%'
       order by r.id limit 1`,
    );
    neighbour = row!.name;
    await resident.context().close();
  });
  afterAll(async () => browser.close());

  it('writes minutes and a resolution naming a neighbour with a phone and an ID number', async () => {
    await convenor.goto(`/meetings/${meetingId}`);
    await byTest(convenor, 'minutes-draft').fill(
      `会议由社区召集。${neighbour}（电话 ${PHONE_SPACED}，身份证 ${ID_NUMBER}）介绍了3幢2单元501室的情况。大家同意加装电梯。`,
    );
    await byTest(convenor, 'minutes-save').click();
    await poll(() => byTest(convenor, 'minutes-status').textContent()).toContain('草稿');

    await convenor.goto(`/work/matters/${matterId}`);
    await byTest(convenor, 'resolution-body').fill(
      `${neighbour}提议加装电梯，联系电话${PHONE_SPACED}，身份证${ID_NUMBER}；经协商一致同意，费用按楼层分摊。`,
    );
    await byTest(convenor, 'resolution-basis-consensus').click();
    await byTest(convenor, 'resolution-meeting').first().click();
    await byTest(convenor, 'resolution-objection-days').fill('7');
    await byTest(convenor, 'resolution-save').click();
    await poll(() => byTest(convenor, 'resolution-text').textContent()).toContain('费用按楼层分摊');
  });

  it('refuses to resolve until the texts are confirmed on the side-by-side screen', async () => {
    await poll(() => byTest(convenor, 'command-resolve').isDisabled()).toBe(false);
    await byTest(convenor, 'command-resolve').click();
    await poll(() => convenor.getByRole('alert').first().textContent()).toContain('公开文本尚未确认');

    await byTest(convenor, 'publication-link').first().click();
    await convenor.waitForURL(new RegExp(`/matters/${matterId}/publication$`));
    const resolution = convenor.locator('[data-test^="public-text-resolution-"]');
    await poll(() => resolution.locator('[data-test="public-text-original"]').textContent()).toContain(neighbour);
    const proposed = await resolution.locator('[data-test="public-text-editor"]').inputValue();
    expect(proposed).toMatch(/^居民[A-Z]+提议加装电梯，联系电话（电话略），身份证（证件号略）/);
    expect(proposed).not.toContain(neighbour);
    await expectAccessible(convenor);
    await resolution.evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 80));
    await screenshot(convenor, 'publication-desktop');

    const phone = await openPage(browser, PHONE);
    await loginByPassword(phone, '13900000004');
    await phone.goto(`/matters/${matterId}/publication`);
    await poll(() => byTest(phone, 'public-text-editor').count()).toBeGreaterThan(1);
    await expectAccessible(phone);
    await phone
      .locator('[data-test^="public-text-minutes-"]')
      .evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 60));
    await screenshot(phone, 'publication-phone');
    await phone.context().close();

    // Staff edit the public version and try to put the name and the phone back: redacted again.
    const editor = resolution.locator('[data-test="public-text-editor"]');
    await editor.fill(`${proposed}（经办：${neighbour}，${PHONE_SPACED}）`);
    await resolution.locator('[data-test="public-text-confirm"]').click();
    await poll(() => resolution.locator('[data-test="public-text-state"]').textContent()).toContain('已确认');
    const confirmed = await editor.inputValue();
    expect(confirmed).toContain('（经办：居民');
    expect(confirmed).not.toContain(neighbour);
    expect(digitsOf(confirmed)).not.toContain('13812345678');

    const pending = convenor.locator('article[data-test^="public-text-"]');
    for (let i = 0; i < (await pending.count()); i += 1) {
      const item = pending.nth(i);
      if ((await item.locator('[data-test="public-text-state"]').textContent())?.includes('已确认')) continue;
      await item.locator('[data-test="public-text-confirm"]').click();
      await poll(() => item.locator('[data-test="public-text-state"]').textContent()).toContain('已确认');
    }
  });

  it('publishes the minutes and resolves; the public page shows only the confirmed texts', async () => {
    await convenor.goto(`/meetings/${meetingId}`);
    await byTest(convenor, 'minutes-publish').click();
    await poll(() => byTest(convenor, 'minutes-status').textContent()).toContain('已发布');
    await convenor.goto(`/work/matters/${matterId}`);
    await poll(() => byTest(convenor, 'command-resolve').isDisabled()).toBe(false);
    await byTest(convenor, 'command-resolve').click();
    await poll(async () => {
      const [row] = await queryDatabase<{ status: string }>('select status from matters where id = $1', [matterId]);
      return row?.status;
    }).toBe('resolved');

    const visitor = await openPage(browser, PHONE);
    await visitor.goto(`/public/matters/${matterId}`);
    await poll(() => byTest(visitor, 'public-resolution').textContent()).toContain('（经办：居民');
    const text = await visitor.evaluate(() => document.body.innerText);
    expect(text).toContain('（电话略）');
    const api = await (await visitor.request.get(`/api/public/matters/${matterId}`)).text();
    const file = await (await visitor.request.get(`/api/public/matters/${matterId}/file.json`)).text();
    for (const body of [text, api, file]) {
      expect(body).not.toContain(neighbour);
      expect(digitsOf(body)).not.toContain('13812345678');
      expect(body).not.toContain(ID_NUMBER.slice(0, 17));
      expect(body).not.toContain('501室');
    }
    await expectAccessible(visitor);
    await screenshot(visitor, 'publication-public-phone');
    await visitor.context().close();
  });
});
