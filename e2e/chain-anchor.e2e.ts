import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../server/config';
import { openDatabase, type Database } from '../server/db/client';
import { anchorChains, loadAnchorKey } from '../server/modules/chain';
import { DESKTOP, PHONE, expectAccessible, launchBrowser, openPage, screenshot } from './support/browser';
import { byTest, loginByPassword, poll, queryDatabase } from './support/journey';
import { matterAt } from './support/matter-setup';

const TITLE = '3幢屋面防水维修（公开）';

describe('staff see a tampered chain on the matter page; the public page shows its signed anchor', () => {
  let browser: Browser;
  let convenor: Page;
  let resident: Page;
  let database: Database;
  let matterId: number;
  /** Takes an anchor now, as the daily job (or `npm run admin -- anchor`) does, with the app's own key. */
  const anchorNow = () =>
    anchorChains(database.db, loadAnchorKey(loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }).anchorKey));

  beforeAll(async () => {
    browser = await launchBrowser();
    convenor = await openPage(browser, DESKTOP);
    resident = await openPage(browser, PHONE);
    await loginByPassword(convenor, '13900000004');
    await loginByPassword(resident, '13900000008');
    database = openDatabase(inject('databaseUrl'), 2);
    matterId = (await matterAt('resolved', { convenor, resident }, { title: TITLE, visibility: 'public' })).matterId;
  });
  afterAll(async () => {
    await database.close();
    await browser.close();
  });

  it('shows the anchor on the public page, with the data to check it', async () => {
    const anchor = await anchorNow();
    const [{ n }] = (await queryDatabase<{ n: number }>(
      'select count(*)::int as n from matter_events where matter_id = $1',
      [matterId],
    )) as [{ n: number }];
    for (const [label, viewport] of [
      ['phone', PHONE],
      ['desktop', DESKTOP],
    ] as const) {
      const visitor = await openPage(browser, viewport);
      await visitor.goto(`/public/matters/${matterId}`);
      const shown = byTest(visitor, 'public-anchor');
      await poll(() => shown.textContent()).toContain(`${anchor.day} 已签名存证：前 ${n} 条记录`);
      expect(await shown.getAttribute('data-state')).toBe('matches');
      await shown.locator('summary').click();
      await poll(() => shown.textContent()).toContain(anchor.root);
      await expectAccessible(visitor);
      await shown.scrollIntoViewIfNeeded();
      await screenshot(visitor, `chain-public-anchor-${label}`);
      await visitor.context().close();
    }
  });

  it("lists the month's anchors on the public bulletin page", async () => {
    const anchor = await anchorNow();
    const month = anchor.day.slice(0, 7);
    const [community] = await queryDatabase<{ id: number }>("select id from places where code = 'TA-01-01'");
    const csrf = (await convenor.context().cookies()).find((c) => c.name === 'yishi_csrf')?.value ?? '';
    const generated = await convenor.request.post(`/api/places/${community!.id}/bulletins`, {
      headers: { 'x-csrf-token': csrf },
      data: { month },
    });
    expect(generated.status(), await generated.text()).toBe(200);
    const visitor = await openPage(browser, PHONE);
    await visitor.goto(`/public/places/${community!.id}/bulletins/${month}`);
    const anchors = byTest(visitor, 'bulletin-anchors');
    await anchors.locator('summary').click();
    await poll(() => anchors.textContent()).toContain(anchor.root);
    expect(await anchors.textContent()).toContain(anchor.day);
    await expectAccessible(visitor);
    await anchors.scrollIntoViewIfNeeded();
    await screenshot(visitor, 'chain-bulletin-anchors-phone');
    await visitor.context().close();
  });

  it('warns staff on the matter page when the last entries were deleted and a text was edited', async () => {
    await convenor.goto(`/work/matters/${matterId}`);
    const badge = byTest(convenor, 'chain-badge');
    await poll(() => badge.getAttribute('data-state')).toBe('intact');
    expect(await byTest(convenor, 'chain-anchor').textContent()).toMatch(/已于 \d{4}-\d{2}-\d{2} 签名存证/);

    // Someone with database access deletes the last two entries and rewrites the topic notice.
    const [{ n }] = (await queryDatabase<{ n: number }>(
      'select count(*)::int as n from matter_events where matter_id = $1',
      [matterId],
    )) as [{ n: number }];
    await queryDatabase('delete from matter_events where matter_id = $1 and seq > $2', [matterId, n - 2]);
    await queryDatabase("update notices set body = '本次议题不再征求意见。' where matter_id = $1", [matterId]);
    const [notice] = await queryDatabase<{ seq: number }>(
      "select seq from matter_events where matter_id = $1 and action = 'notice.post'",
      [matterId],
    );

    for (const [label, viewport] of [
      ['desktop', DESKTOP],
      ['phone', PHONE],
    ] as const) {
      await convenor.setViewportSize(viewport);
      await convenor.goto(`/work/matters/${matterId}`);
      await poll(() => badge.getAttribute('data-state')).toBe('broken');
      // The earliest fault names the badge: the notice's entry comes long before the cut.
      expect(await badge.getAttribute('data-reason')).toBe('text_altered');
      const findings = byTest(convenor, 'chain-finding');
      await poll(() => findings.allTextContents()).toEqual([
        expect.stringContaining(`现仅 ${n - 2} 条，自第 ${n - 1} 条起缺失`),
        expect.stringContaining(`公告正文被改动（第 ${notice!.seq} 条记录所存摘要不符）`),
      ]);
      expect(await badge.textContent()).toContain(`已被篡改：第 ${notice!.seq} 条`);
      await expectAccessible(convenor);
      await badge.evaluate((el) => el.scrollIntoView({ block: 'center' }));
      await screenshot(convenor, `chain-tampered-${label}`);
    }

    // The public page no longer reaches its anchor either.
    const visitor = await openPage(browser, PHONE);
    await visitor.goto(`/public/matters/${matterId}`);
    await poll(() => byTest(visitor, 'public-anchor').getAttribute('data-state')).toBe('differs');
    await visitor.context().close();
  });
});
