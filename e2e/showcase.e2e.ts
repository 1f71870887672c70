import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, expectAccessible, launchBrowser, openPage, screenshot } from './support/browser';
import { byTest, loginByPassword, photoFile, poll, queryDatabase } from './support/journey';
import { matterAt } from './support/matter-setup';

// No unit in the title: free texts lose everything below the building (2单元 → 某单元).
const TITLE = `5幢加装电梯（成果展示 ${Date.now().toString(36)}）`;

describe('anyone sees what was decided: the showcase, before/after photos and a notice board, with nobody named', () => {
  let browser: Browser;
  let convenor: Page;
  let resident: Page;
  let visitor: Page;
  let matterId: number;
  /** Every demo resident's and account's name and phone: none may be served on a public page or API. */
  let secrets: string[];
  /** What the visitor's browser received from the API, to scan as well as the pages. */
  const apiBodies: string[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    convenor = await openPage(browser, DESKTOP);
    resident = await openPage(browser, PHONE);
    await loginByPassword(convenor, '13900000004');
    await loginByPassword(resident, '13900000008');
    matterId = (await matterAt('resolved', { convenor, resident }, { title: TITLE, visibility: 'public' })).matterId;
    const people = await queryDatabase<{ text: string }>(
      `select name as text from residents union select phone from residents where phone is not null
       union select display_name from accounts union select phone from accounts`,
    );
    secrets = people.map((p) => p.text).filter((t) => t && t.length >= 2);
    expect(secrets.length).toBeGreaterThan(10);
    visitor = await openPage(browser, PHONE);
    visitor.on('response', async (response) => {
      if (!response.url().includes('/api/public/') || !response.headers()['content-type']?.includes('json')) return;
      apiBodies.push(await response.text().catch(() => ''));
    });
  });
  afterAll(async () => browser.close());

  const expectNobodyNamed = async (page: Page, label: string) => {
    const html = await page.content();
    const text = await page.evaluate(() => document.body.innerText);
    for (const secret of secrets) {
      expect(html, `${label} html names ${secret}`).not.toContain(secret);
      expect(text, `${label} text names ${secret}`).not.toContain(secret);
    }
  };

  it('lets the convenor add before and after photos on the matter page, previewed, and remove one', async () => {
    await convenor.goto(`/matters/${matterId}`);
    await poll(() => byTest(convenor, 'showcase-uploader').count()).toBe(1);
    const current = (purpose: string) =>
      convenor.locator(`[data-test="showcase-current-${purpose}"] [data-test="showcase-photo"]`);
    // A file that is not a photo is refused before anything is sent.
    await convenor
      .locator('[data-test="showcase-file"]')
      .setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('不是照片') });
    await poll(() => convenor.locator('[data-test="showcase-uploader"] [role="alert"]').textContent()).toContain(
      '只能添加 JPEG、PNG 或 WebP',
    );
    for (const purpose of ['before', 'after', 'after'] as const) {
      await byTest(convenor, `showcase-${purpose}`).check();
      await convenor.locator('[data-test="showcase-file"]').setInputFiles(photoFile(`${purpose}.png`));
      await poll(() => byTest(convenor, 'showcase-selected').count()).toBe(1);
      await byTest(convenor, 'showcase-upload').click();
      await poll(() => byTest(convenor, 'showcase-upload-status').textContent()).toBe('已上传');
      await poll(() => byTest(convenor, 'showcase-selected').count()).toBe(0);
    }
    await poll(() => current('before').count()).toBe(1);
    await poll(() => current('after').count()).toBe(2);
    await poll(() =>
      current('after')
        .first()
        .locator('img')
        .evaluate((img) => (img as HTMLImageElement).naturalWidth),
    ).toBe(1);
    await convenor.setViewportSize(PHONE);
    await byTest(convenor, 'showcase-photos-panel').scrollIntoViewIfNeeded();
    await screenshot(convenor, 'showcase-photos-phone');
    await convenor.setViewportSize(DESKTOP);
    await byTest(convenor, 'showcase-photos-panel').scrollIntoViewIfNeeded();
    await screenshot(convenor, 'showcase-photos-desktop');
    // Two taps remove the later after photo: one to ask, one to confirm.
    const remove = current('after').last().locator('[data-test="showcase-remove"]');
    await remove.click();
    await poll(() => remove.textContent()).toContain('确认移除');
    await remove.click();
    await poll(() => current('after').count()).toBe(1);
    const files = await queryDatabase<{ purpose: string }>(
      `select purpose from matter_files where matter_id = $1 and purpose in ('before', 'after') order by id`,
      [matterId],
    );
    expect(files.map((f) => f.purpose)).toEqual(['before', 'after']);
    const [last] = await queryDatabase<{ action: string }>(
      'select action from matter_events where matter_id = $1 order by seq desc limit 1',
      [matterId],
    );
    expect(last!.action).toBe('showcase.photo.remove');
    await expectAccessible(convenor);
  });

  it('shows the matter on the showcase on a phone without login, filtered by town and category', async () => {
    await visitor.goto('/showcase');
    await poll(() => byTest(visitor, 'showcase-card').count()).toBeGreaterThan(0);
    expect(await byTest(visitor, 'tab-matters').count()).toBe(0);
    const [town] = await queryDatabase<{ id: number }>("select id from places where code = 'TA-01'");
    await byTest(visitor, 'filter-town').selectOption(String(town!.id));
    await byTest(visitor, 'filter-category').selectOption('facilities');
    await poll(async () => new URL(visitor.url()).searchParams.get('category')).toBe('facilities');
    const card = visitor.locator('[data-test="showcase-card"]', { hasText: TITLE });
    await poll(() => card.count()).toBe(1);
    expect(await card.locator('[data-test="showcase-place"]').textContent()).toContain('河滨社区');
    expect(await card.locator('[data-test="photo-before"]').count()).toBe(1);
    expect(await card.locator('[data-test="photo-after"]').count()).toBe(1);
    // Another town's filter hides it.
    const [other] = await queryDatabase<{ id: number }>("select id from places where code = 'TA-02'");
    await byTest(visitor, 'filter-town').selectOption(String(other!.id));
    await poll(() => visitor.locator('[data-test="showcase-card"]', { hasText: TITLE }).count()).toBe(0);
    await byTest(visitor, 'filter-town').selectOption(String(town!.id));
    await poll(() => card.count()).toBe(1);
    await screenshot(visitor, 'showcase-phone');
    await expectAccessible(visitor);
    await expectNobodyNamed(visitor, 'showcase');
  });

  it('opens the matter and shows its before/after photos', async () => {
    await visitor
      .locator('[data-test="showcase-card"]', { hasText: TITLE })
      .locator('[data-test="showcase-card-link"]')
      .click();
    await poll(() => byTest(visitor, 'public-matter-title').textContent()).toBe(TITLE);
    await poll(() => byTest(visitor, 'public-photo-before').count()).toBe(1);
    expect(await byTest(visitor, 'public-photo-after').count()).toBe(1);
    const loaded = await byTest(visitor, 'public-photo-after').evaluate(
      (img) => (img as HTMLImageElement).naturalWidth,
    );
    expect(loaded).toBe(1);
    await screenshot(visitor, 'showcase-matter-phone');
    await expectNobodyNamed(visitor, 'public matter');
  });

  it('answers a share link with the title and the after photo filled in server-side', async () => {
    const response = await visitor.request.get(`/public/matters/${matterId}`);
    const html = await response.text();
    expect(html).toContain(`<meta property="og:title" content="${TITLE} · 议事" />`);
    expect(html).toMatch(/<meta property="og:image" content="http[^"]+\/api\/public\/matter-files\/\d+" \/>/);
    for (const secret of secrets) expect(html, `share html names ${secret}`).not.toContain(secret);
  });

  it('shows the notice board of 河滨社区 from its URL', async () => {
    const [community] = await queryDatabase<{ id: number }>("select id from places where code = 'TA-01-01'");
    await visitor.goto(`/public/places/${community!.id}/notices`);
    await poll(() => visitor.title()).toContain('河滨社区 公示栏');
    await poll(() => byTest(visitor, 'notice').count()).toBeGreaterThan(0);
    await screenshot(visitor, 'showcase-notices-phone');
    await expectAccessible(visitor);
    await expectNobodyNamed(visitor, 'notice board');
  });

  it('fits a desktop screen too', async () => {
    const desk = await openPage(browser, DESKTOP);
    await desk.goto('/showcase');
    await poll(() => byTest(desk, 'showcase-card').count()).toBeGreaterThan(0);
    await screenshot(desk, 'showcase-desktop');
    await expectNobodyNamed(desk, 'showcase desktop');
  });

  it('gives the convenor a printable QR code of the board on the place page', async () => {
    const [community] = await queryDatabase<{ id: number }>("select id from places where code = 'TA-01-01'");
    await convenor.goto(`/places/${community!.id}`);
    await poll(() => byTest(convenor, 'notice-qr-show').count()).toBe(1);
    expect(await byTest(convenor, 'notice-board-link').getAttribute('href')).toBe(
      `/public/places/${community!.id}/notices`,
    );
    await byTest(convenor, 'notice-qr-show').click();
    const qr = convenor.locator('[data-test="notice-qr"] img');
    await poll(async () => (await qr.getAttribute('src'))?.slice(0, 22)).toBe('data:image/png;base64,');
    await screenshot(convenor, 'showcase-notice-qr-desktop');
  });

  it('served no name or phone in any public API reply or open data', async () => {
    for (const path of ['/api/public/open-data/matters.csv', '/api/public/open-data/results.json']) {
      const response = await visitor.request.get(path);
      expect(response.status()).toBe(200);
      apiBodies.push(await response.text());
    }
    expect(apiBodies.length).toBeGreaterThan(4);
    for (const body of apiBodies)
      for (const secret of secrets) expect(body, `api names ${secret}`).not.toContain(secret);
  });

  it('shows the deciding ballot’s result in m² with labels, not raw hundredths, on a phone and a desk', async () => {
    // The owners' ballot the resolution rests on, closed with the issue's figures (area in hundredths).
    const check = (part: string, measure: string, numerator: string, denominator: string, percent: string) => ({
      part,
      measure,
      of: 'participants',
      numerator,
      denominator,
      percent,
      threshold: '≥ 3/4',
      met: true,
    });
    const area = (heads: string, centi: string) => ({ heads, area: centi, households: '0' });
    const result = {
      outcome: 'passed',
      isStatutory: true,
      ruleName: '业主共同决定（重大事项）',
      citation: '《民法典》第二百七十八条',
      quorum: null,
      decision: {
        mode: 'all',
        met: true,
        checks: [
          check('approvals', 'area', '113969', '134982', '84.43'),
          check('approvals', 'heads', '15', '17', '88.24'),
        ],
      },
      electorate: area('20', '158410'),
      participants: area('17', '134982'),
      counts: { for: area('15', '113969'), against: area('1', '9871'), abstain: area('1', '11142') },
      approval: null,
      ranked: null,
      winners: [],
      missingConsents: [],
      channels: { online: 12, proxy: 2, assisted: 1, paper: 2 },
    };
    const [ballot] = await queryDatabase<{ id: number }>(
      `insert into ballots (matter_id, place_id, place_path, question, rule_key, rule_version, electorate_kind,
          secrecy, status, closes_at, opened_at, closed_at, result, created_by)
        select m.id, m.place_id, m.place_path, '是否同意加装电梯', 'civil_code_278_major', 1, 'owners', 'named',
          'closed', now(), now() - interval '7 days', now(), $2::jsonb,
          (select id from accounts where phone = '13900000004') from matters m where m.id = $1
        returning id`,
      [matterId, JSON.stringify(result)],
    );
    await queryDatabase(`update resolutions set basis = 'ballot', ballot_id = $2 where matter_id = $1`, [
      matterId,
      ballot!.id,
    ]);
    // Fresh pages: the visitor's browser may keep the earlier extras reply a minute (cache-control).
    const phone = await openPage(browser, PHONE);
    const desk = await openPage(browser, DESKTOP);
    for (const [page, name] of [
      [phone, 'public-matter-ballot-phone'],
      [desk, 'public-matter-ballot-desktop'],
    ] as const) {
      await page.goto(`/public/matters/${matterId}`);
      const line = byTest(page, 'showcase-ballot');
      await poll(() => line.count()).toBe(1);
      await line.scrollIntoViewIfNeeded();
      const text = (await line.textContent()) ?? '';
      expect(text).toMatch(/同意面积 [\d,]+\.\d\d\/[\d,]+\.\d\d m²（[\d.]+%）[≥>] \d+\/\d+ [✓✗]/);
      expect(text).toMatch(/同意人数 \d+\/\d+（[\d.]+%）[≥>] \d+\/\d+ [✓✗]/);
      // No bare hundredths such as 113969/134982.
      expect(text).not.toMatch(/(^|[^\d,.])\d{5,}\//);
      await screenshot(page, name);
    }
    await expectNobodyNamed(phone, 'public matter ballot');
    await phone.close();
    await desk.close();
  });
});
