import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CapacityView } from '../../../contracts/capacity';
import { buildTestApp, type TestApp, type TestClient } from '../../test/build-test-app';
import { capacityBuilder } from '../../test/capacity.fixtures';
import { buildStaff, buildTerritory } from '../../test/factories';

const MONTH = '2026-05';

describe('the bulletin’s 能力建设 section', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof buildTerritory>>;
  let officer: TestClient;

  beforeAll(async () => {
    t = await buildTestApp();
    w = await buildTerritory(t.database.db);
    const account = await buildStaff(t.database.db, { role: 'town_officer', placeId: w.town.id });
    officer = await t.loginByCode(account.phone);
    const b = capacityBuilder(t.database.db, account.id);
    const core = await b.category(w.city, '专业社工机构', 'core');
    const hub = await b.category(w.city, '枢纽型社会组织', 'hub');
    const org = await b.organisation(w.town, { categoryId: core.id, serves: [w.community], brand: '四治茶座' });
    await b.organisation(w.town, { categoryId: hub.id });
    const call = await b.call(w.town, 2026);
    await b.project(call, org.id, { status: 'closed', lines: [500000], contractFen: 500000, spent: [123456] });
    await b.project(call, org.id, { status: 'contracted', lines: [100000], contractFen: 100000 });
    await b.project(call, org.id, { status: 'submitted', lines: [99999] });
    await b.microLeader(w.village, '2026-04-02');
    const selection = await b.selection(w.city, 2026);
    await b.nomination(selection.id, w.community, 'named');
  });
  afterAll(() => t.close());

  it('holds the year’s figures from the capacity dashboard, on the page, in public and in the .docx', async () => {
    const res = await officer.post(`/api/places/${w.town.id}/bulletins`, { month: MONTH });
    expect(res.statusCode, res.body).toBe(200);
    const capacity = res.json().content.capacity;
    expect(capacity).toEqual({
      year: 2026,
      organisations: 2,
      brand: 1,
      communitiesCovered: 1,
      communities: 2,
      townsWithHub: 1,
      towns: 1,
      projectsContracted: 2,
      projectsClosed: 1,
      budgetFen: 600000,
      spentFen: 123456,
      microLeadersTrained: 1,
      talentsNamed: 1,
    });
    const dashboard = (
      await officer.get(`/api/statistics/capacity?placeId=${w.town.id}&year=2026`)
    ).json() as CapacityView;
    expect(capacity.organisations).toBe(dashboard.totals.organisations.total);
    expect(capacity.budgetFen).toBe(dashboard.totals.projects.contracted.budgetFen);
    expect(capacity.spentFen).toBe(dashboard.totals.projects.contracted.spentFen);

    const publicView = await t.anonymous().get(`/api/public/bulletins/${w.town.id}/${MONTH}`);
    expect(publicView.statusCode, publicView.body).toBe(200);
    expect(publicView.json().capacity).toEqual(capacity);

    const docx = await officer.get(`/api/bulletins/${w.town.id}/${MONTH}/docx`);
    const xml = await (await JSZip.loadAsync(docx.rawPayload)).file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text).toContain('能力建设（本年累计）');
    expect(text).toContain('签约金额（元）6,000.00');
    expect(text).toContain('已支出（元）1,234.56（21%）');
    expect(text).toContain('核心类别全覆盖的社区（村）1/2（50%）');
  });
});
