import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCodeCheckChar } from '../domain/organisations/credit-code';
import { DESKTOP, PHONE, expectAccessible, launchBrowser, openPage, screenshot } from './support/browser';
import { byTest, loginByPassword, poll, queryDatabase } from './support/journey';
import { placeId } from './support/matter-setup';

/** Unique per run: journeys share one database, and names and registration numbers are unique. */
const RUN = Date.now().toString();
const CATEGORY = `社区营造类${RUN.slice(-5)}`;
const ORGANISATION = `河滨和睦调解社${RUN.slice(-5)}`;
const CREDIT_BODY = `52330400MJ${RUN.slice(-7)}`;
const CREDIT_CODE = CREDIT_BODY + creditCodeCheckChar(CREDIT_BODY)!;
/** An account of this run to appoint as the new organisation's agent (with the demo password). */
const AGENT_PHONE = `137${RUN.slice(-8)}`;

describe('the city configures 1+3+N; a town registers an organisation that fills a gap; the community can invite it', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
    await queryDatabase(
      `insert into accounts (phone, display_name, password_hash, is_demo)
       select $1, '周联络', password_hash, is_demo from accounts where phone = '13900000012'
       on conflict do nothing`,
      [AGENT_PHONE],
    );
  });
  afterAll(async () => browser.close());

  it('adds a category, registers and appoints, fills the coverage gap, and shows in the pool and 我的组织', async () => {
    const city = await placeId('TA');
    const town = await placeId('TA-01');
    const riverside = await placeId('TA-01-01');

    // 1. A city officer adds a category to the city's "1+3+N".
    const cityOfficer = await openPage(browser, DESKTOP);
    await loginByPassword(cityOfficer, '13900000002');
    await byTest(cityOfficer, 'home-organisations').click();
    await cityOfficer.waitForURL(/\/organisations/);
    await byTest(cityOfficer, 'org-categories-link').click();
    await cityOfficer.waitForURL(new RegExp(`/places/${city}/organisation-categories$`));
    await poll(() => byTest(cityOfficer, 'category-list').textContent()).toContain('调解议事类组织');
    await byTest(cityOfficer, 'category-name').locator('input').fill(CATEGORY);
    await byTest(cityOfficer, 'category-tier').selectOption('other');
    await byTest(cityOfficer, 'category-description').locator('input').fill('居民自组织和社区营造');
    const added = cityOfficer.waitForResponse(
      (r) => r.url().endsWith(`/api/places/${city}/organisation-categories`) && r.request().method() === 'POST',
    );
    await byTest(cityOfficer, 'category-add').click();
    expect((await added).status()).toBe(201);
    await poll(() => byTest(cityOfficer, 'category-list').textContent()).toContain(CATEGORY);
    await expectAccessible(cityOfficer);
    await screenshot(cityOfficer, 'organisation-categories-desktop');

    // 2. The town officer sees 河滨社区 without a 调解议事类组织 on the coverage view.
    const townOfficer = await openPage(browser, PHONE);
    await loginByPassword(townOfficer, '13900000003');
    await townOfficer.goto(`/places/${town}/organisation-coverage`);
    const categoryIds = await queryDatabase<{ id: number; name: string }>(
      `select id, name from organisation_categories where place_id = $1`,
      [city],
    );
    const mediation = categoryIds.find((c) => c.name === '调解议事类组织')!.id;
    const cell = byTest(townOfficer, `coverage-cell-${riverside}-${mediation}`);
    await poll(() => cell.textContent()).toContain('缺');
    await expectAccessible(townOfficer);
    await screenshot(townOfficer, 'organisation-coverage-phone');

    // 3. It registers an organisation serving 河滨社区, with capabilities and a registration number.
    await townOfficer.goto(`/organisations?placeId=${town}`);
    await poll(() => byTest(townOfficer, 'org-list').textContent()).toContain('梧桐志愿者协会');
    await screenshot(townOfficer, 'organisations-phone');
    await byTest(townOfficer, 'org-register').click();
    await townOfficer.waitForURL(/\/organisations\/new/);
    await byTest(townOfficer, 'org-name').locator('input').fill(ORGANISATION);
    await byTest(townOfficer, 'org-category').selectOption(String(mediation));
    await byTest(townOfficer, 'org-registration')
      .locator('input')
      .fill(CREDIT_CODE.slice(0, 17) + 'Y');
    await byTest(townOfficer, 'org-phone').locator('input').fill('0573-88665544');
    await byTest(townOfficer, 'org-capabilities').locator('input').fill('邻里调解，议事主持');
    await byTest(townOfficer, 'org-can-deliberate').check();
    await byTest(townOfficer, `serve-${riverside}`).check();
    await screenshot(townOfficer, 'organisation-form-phone');
    if (CREDIT_CODE.endsWith('Y')) {
      await byTest(townOfficer, 'org-registration').locator('input').fill(CREDIT_CODE);
    } else {
      // A wrong check character is refused with the field named, and nothing is written.
      const refused = townOfficer.waitForResponse((r) => r.url().endsWith(`/api/places/${town}/organisations`));
      await byTest(townOfficer, 'org-save').click();
      expect((await refused).status()).toBe(400);
      await poll(() => townOfficer.locator('.van-field__error-message').first().textContent()).toContain('校验位');
      await byTest(townOfficer, 'org-registration').locator('input').fill(CREDIT_CODE);
    }
    const registered = townOfficer.waitForResponse((r) => r.url().endsWith(`/api/places/${town}/organisations`));
    await byTest(townOfficer, 'org-save').click();
    expect((await registered).status()).toBe(201);
    await townOfficer.waitForURL(/\/organisations\/\d+$/);
    const organisationId = Number(new URL(townOfficer.url()).pathname.split('/')[2]);
    await poll(() => byTest(townOfficer, 'org-served').textContent()).toContain('河滨社区');

    // 4. It appoints the agent by phone.
    await byTest(townOfficer, 'agent-phone').locator('input').fill(AGENT_PHONE);
    const appointed = townOfficer.waitForResponse((r) =>
      r.url().endsWith(`/api/organisations/${organisationId}/agents`),
    );
    await byTest(townOfficer, 'agent-appoint').click();
    expect((await appointed).status()).toBe(201);
    await poll(() => byTest(townOfficer, 'org-agent').count()).toBe(1);
    expect(await byTest(townOfficer, 'org-agent').textContent()).toContain(`${AGENT_PHONE.slice(0, 3)}****`);
    await expectAccessible(townOfficer);
    await screenshot(townOfficer, 'organisation-phone');

    // 5. The coverage view shows 河滨社区's gap filled.
    await townOfficer.goto(`/places/${town}/organisation-coverage`);
    await poll(() => byTest(townOfficer, `coverage-cell-${riverside}-${mediation}`).textContent()).toContain(
      ORGANISATION,
    );
    const desk = await openPage(browser, DESKTOP);
    await loginByPassword(desk, '13900000003');
    await desk.goto(`/places/${town}/organisation-coverage`);
    await poll(() => byTest(desk, `coverage-cell-${riverside}-${mediation}`).textContent()).toContain(ORGANISATION);
    await screenshot(desk, 'organisation-coverage-desktop');
    await desk.goto(`/organisations?placeId=${town}`);
    await poll(() => byTest(desk, 'org-list').textContent()).toContain(ORGANISATION);
    await screenshot(desk, 'organisations-desktop');

    // 6. The convenor of 河滨社区 finds it in the member pool, so it can be invited.
    const convenor = await openPage(browser, PHONE);
    await loginByPassword(convenor, '13900000004');
    await convenor.goto(`/places/${riverside}/pool`);
    await poll(() => byTest(convenor, 'pool-member-list').textContent()).toContain(ORGANISATION);
    await convenor.goto(`/organisations/${organisationId}`);
    await poll(() => byTest(convenor, 'org-facts').textContent()).toContain(ORGANISATION);
    expect(await byTest(convenor, 'agent-appoint').count()).toBe(0);

    // 7. The agent logs in and sees 我的组织; so does the city's demo agent with 益邻.
    const agent = await openPage(browser, PHONE);
    await loginByPassword(agent, AGENT_PHONE);
    await byTest(agent, 'home-my-organisations').click();
    await poll(() => byTest(agent, 'my-organisations').textContent()).toContain(ORGANISATION);
    await expectAccessible(agent);
    await screenshot(agent, 'my-organisations-phone');
    const demoAgent = await openPage(browser, PHONE);
    await loginByPassword(demoAgent, '13900000012');
    await byTest(demoAgent, 'home-my-organisations').click();
    await poll(() => byTest(demoAgent, 'my-organisations').textContent()).toContain('桐安市益邻社会工作服务中心');
  });
});
