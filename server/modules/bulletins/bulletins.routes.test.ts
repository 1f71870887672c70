import type { MatterStatus } from '../../../domain/matters/stages';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInChina } from '../../calendar';
import { bulletins, evaluations, followUps, matterStageEntries, matters, places, tasks } from '../../db/schema';
import {
  afterDeliberationWorld,
  expectError,
  type AfterDeliberationWorld,
} from '../../test/after-deliberation.fixtures';
import { buildStaff } from '../../test/factories';
import type { TestClient } from '../../test/build-test-app';
import { figuresFor } from '../statistics';
import { generateMonthlyBulletins, previousMonth } from './bulletins.service';

const MONTH = '2025-03';
const noon = (day: string) => new Date(`${day}T12:00:00+08:00`);
type Value = { value: number | null; n: number };

describe('bulletin routes', () => {
  let w: AfterDeliberationWorld;
  let townOfficer: TestClient;
  let late: { id: number };
  let best: { id: number };
  beforeAll(async () => {
    w = await afterDeliberationWorld();
    const officer = await buildStaff(w.db, { role: 'town_officer', placeId: w.territory.town.id, name: '街道干部' });
    townOfficer = await w.t.loginByCode(officer.phone);
    const enter = async (matterId: number, stages: [MatterStatus, string][]) => {
      await w.db.delete(matterStageEntries).where(eq(matterStageEntries.matterId, matterId));
      await w.db
        .insert(matterStageEntries)
        .values(stages.map(([status, day]) => ({ matterId, status, enteredAt: noon(day) })));
      await w.db
        .update(matters)
        .set({ createdAt: noon(stages[0]![1]) })
        .where(eq(matters.id, matterId));
    };
    // Raised and resolved in March, implementing with one task overdue and one done, one follow-up.
    late = await w.matterAt('implementing', '小区路灯维修');
    await enter(late.id, [
      ['raised', '2025-03-03'],
      ['resolved', '2025-03-10'],
      ['implementing', '2025-03-12'],
    ]);
    await w.db.insert(tasks).values([
      {
        matterId: late.id,
        title: '更换灯杆',
        ownerName: '河滨物业',
        dueOn: '2025-03-15',
        createdBy: w.staff.convenor.id,
      },
      {
        matterId: late.id,
        title: '线路检修',
        ownerName: '河滨物业',
        dueOn: '2025-03-20',
        status: 'done',
        doneAt: noon('2025-03-19'),
        createdBy: w.staff.convenor.id,
      },
    ]);
    await w.db.insert(followUps).values({
      matterId: late.id,
      recordedBy: w.staff.grid.id,
      method: 'visit',
      satisfaction: 4,
      createdAt: noon('2025-03-21'),
    });
    // Archived in March with the best evaluation.
    best = await w.matterAt('archived', '5幢加装电梯');
    await enter(best.id, [
      ['raised', '2025-01-05'],
      ['archived', '2025-03-25'],
    ]);
    await w.db
      .update(matters)
      .set({ sealedAt: noon('2025-03-25') })
      .where(eq(matters.id, best.id));
    await w.db
      .insert(evaluations)
      .values({ matterId: best.id, score: 95, outcome: 'positive', accountId: w.staff.convenor.id });
  });
  afterAll(() => w.t.close());

  const url = () => `/api/places/${w.territory.town.id}/bulletins`;

  it('generates a town bulletin whose figures equal the dashboard figures for the same month', async () => {
    const response = await townOfficer.post(url(), { month: MONTH });
    expect(response.statusCode).toBe(200);
    const { content } = response.json();
    const figures = await figuresFor(w.db, {
      placeId: w.territory.town.id,
      from: '2025-03-01',
      to: '2025-04-01',
      today: todayInChina(),
    });
    expect(content.figures).toEqual(JSON.parse(JSON.stringify(figures)));
    expect((content.figures.raised as Value).value).toBeGreaterThanOrEqual(1);
    expect(content.overdueTasks).toMatchObject([{ matterId: late.id, task: '更换灯杆', dueOn: '2025-03-15' }]);
    expect(content.overdueTasks).toHaveLength((content.figures.overdueTasks as Value).value!);
    expect(content.mostOverdue[0]).toMatchObject({ matterId: late.id, openTasks: 1 });
    expect(content.best[0]).toMatchObject({ matterId: best.id, score: 95 });
    const sum = (key: 'raised' | 'overdueTasks') =>
      content.byPlace.reduce((s: number, p: Record<string, Value>) => s + (p[key]!.value ?? 0), 0);
    expect(sum('raised')).toBe(content.figures.raised.value);
    expect(sum('overdueTasks')).toBe(content.figures.overdueTasks.value);
  });

  it('breaks the month down by the four governances as the dashboard does, in all three formats', async () => {
    await w.db
      .update(matters)
      .set({ governances: ['autonomy', 'virtue'] })
      .where(eq(matters.id, best.id));
    const { content } = (await townOfficer.post(url(), { month: MONTH })).json();
    const archived = Object.fromEntries(
      content.byGovernance.map((g: { governance: string; archived: Value }) => [g.governance, g.archived.value]),
    );
    expect(archived).toMatchObject({ autonomy: 1, virtue: 1, law: 0, smart: 0 });
    const dashboard = await townOfficer.get(
      `/api/statistics?placeId=${w.territory.town.id}&from=2025-03-01&to=2025-04-01&groupBy=governance`,
    );
    for (const group of dashboard.json().groups)
      expect(content.byGovernance.find((g: { governance: string }) => g.governance === group.key).raised).toEqual(
        group.figures.raised,
      );
    const docx = await townOfficer.get(`/api/bulletins/${w.territory.town.id}/${MONTH}/docx`);
    const xml = await (await JSZip.loadAsync(docx.rawPayload)).file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text).toContain('四治融合情况');
    expect(text).toContain('一个事项标注多个类别时在每个类别各计一次');
    const xlsx = await townOfficer.get(`/api/bulletins/${w.territory.town.id}/${MONTH}/xlsx`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const rows = book.getWorksheet('事项')!.getSheetValues() as unknown[][];
    expect(rows.some((r) => Array.isArray(r) && r[1] === '德治')).toBe(true);
    const publicPage = await w.clients.anonymous.get(`/api/public/bulletins/${w.territory.town.id}/${MONTH}`);
    expect(publicPage.json().byGovernance).toEqual(content.byGovernance);
  });

  it('keeps one bulletin per place and month: generating again rewrites it', async () => {
    const first = (await townOfficer.post(url(), { month: MONTH })).json();
    const again = (await townOfficer.post(url(), { month: MONTH })).json();
    expect(again.id).toBe(first.id);
    const rows = await w.db.select().from(bulletins).where(eq(bulletins.placeId, w.territory.town.id));
    expect(rows.map((r) => r.month)).toEqual([MONTH]);
    const list = (await townOfficer.get(url())).json();
    expect(list.items.map((i: { month: string }) => i.month)).toEqual([MONTH]);
  });

  it('refuses residents, another town, supervisors generating, bad and future months and places below a community', async () => {
    const body = { month: MONTH };
    expectError(await w.clients.anonymous.post(url(), body), 401, { code: 'auth.required' });
    expectError(await w.clients.resident.post(url(), body), 403, { code: 'access.denied_place' });
    expectError(await w.clients.other.post(url(), body), 403, { code: 'access.denied_place' });
    expectError(await w.clients.supervisor.post(`/api/places/${w.territory.community.id}/bulletins`, body), 403, {
      code: 'access.denied_place',
    });
    expectError(await townOfficer.post(url(), { month: '2025-13' }), 400, { field: 'month' });
    expectError(await townOfficer.post(url(), { month: '2999-01' }), 400, {
      code: 'bulletin.bad_month',
      field: 'month',
    });
    expectError(await townOfficer.post(`/api/places/${w.territory.estate.id}/bulletins`, body), 400, {
      code: 'bulletin.place_kind',
    });
    expectError(await townOfficer.get(`/api/bulletins/${w.territory.town.id}/2025-01`), 404, { code: 'not_found' });
    expectError(await w.clients.resident.get(`/api/bulletins/${w.territory.town.id}/${MONTH}`), 403, {
      code: 'access.denied_place',
    });
  });

  it('lets the community supervisor read the community bulletin the convenor generated', async () => {
    const generated = await w.clients.convenor.post(`/api/places/${w.territory.community.id}/bulletins`, {
      month: MONTH,
    });
    expect(generated.statusCode).toBe(200);
    const read = await w.clients.supervisor.get(`/api/bulletins/${w.territory.community.id}/${MONTH}`);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ generatedBy: '王主任', abilities: { 'bulletin.generate': false } });
  });

  it('exports a printable .docx with the figures, public texts only and a QR code image, and an .xlsx with figures, overdue tasks and matters', async () => {
    const { content } = (await townOfficer.post(url(), { month: MONTH })).json();
    const docx = await townOfficer.get(`/api/bulletins/${w.territory.town.id}/${MONTH}/docx`);
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-disposition']).toContain(encodeURIComponent('梧桐街道2025年3月议事工作通报.docx'));
    const zip = await JSZip.loadAsync(docx.rawPayload);
    const xml = await zip.file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text).toContain('梧桐街道2025年3月议事工作通报');
    expect(text).toContain(`新提事项${content.figures.raised.value}`);
    expect(text).toContain(`逾期任务${content.figures.overdueTasks.value}`);
    // Both matters are community-only: the notice board counts them, names neither, prints no task owner.
    for (const hidden of ['小区路灯维修', '更换灯杆', '5幢加装电梯', '河滨物业', '责任方'])
      expect(text).not.toContain(hidden);
    expect(text).toContain('未公开事项');
    expect(Object.keys(zip.files).some((name) => /^word\/media\/.+\.png$/.test(name))).toBe(true);

    const xlsx = await townOfficer.get(`/api/bulletins/${w.territory.town.id}/${MONTH}/xlsx`);
    expect(xlsx.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const figuresSheet = book.getWorksheet('指标')!;
    expect(figuresSheet.getCell('A2').value).toBe('内部资料，含个人信息，请勿公开张贴');
    expect(figuresSheet.headerFooter.oddHeader).toContain('内部资料，含个人信息，请勿公开张贴');
    const row = (label: string) =>
      figuresSheet.getSheetValues().find((r) => Array.isArray(r) && r[1] === label) as unknown[];
    expect(row('新提事项')[3]).toBe(content.figures.raised.value);
    expect(row('办结归档')[3]).toBe(content.figures.archived.value);
    expect(row('逾期任务')[3]).toBe(content.figures.overdueTasks.value);
    const taskSheet = book.getWorksheet('逾期任务')!;
    expect(taskSheet.rowCount - 1).toBe(content.figures.overdueTasks.value);
    expect(taskSheet.getRow(2).getCell(4).value).toBe('更换灯杆');
    expect(taskSheet.getRow(2).getCell(5).value).toBe('河滨物业');
    expect(book.getWorksheet('事项')).toBeDefined();
  });

  it('refuses both files to anyone not staff or supervisor of the place', async () => {
    await townOfficer.post(url(), { month: MONTH });
    const community = w.territory.community.id;
    await w.clients.convenor.post(`/api/places/${community}/bulletins`, { month: MONTH });
    for (const format of ['docx', 'xlsx']) {
      const file = (placeId: number) => `/api/bulletins/${placeId}/${MONTH}/${format}`;
      expectError(await w.clients.anonymous.get(file(w.territory.town.id)), 401, { code: 'auth.required' });
      for (const client of [w.clients.resident, w.clients.neighbour, w.clients.other]) {
        expectError(await client.get(file(community)), 403, { code: 'access.denied_place' });
      }
      expectError(await w.clients.convenor.get(file(w.territory.town.id)), 403, { code: 'access.denied_place' });
      expect((await w.clients.supervisor.get(file(community))).statusCode).toBe(200);
    }
  });

  it('the monthly job writes last month once for the city, every town and every community', async () => {
    const now = new Date('2025-06-01T00:10:00+08:00');
    const first = await generateMonthlyBulletins(w.db, now);
    const kinds = await w.db
      .select({ id: places.id })
      .from(places)
      .where(inArray(places.kind, ['city', 'town', 'community']));
    expect(first).toEqual({ month: '2025-05', generated: kinds.length });
    expect(await generateMonthlyBulletins(w.db, now)).toEqual({ month: '2025-05', generated: 0 });
    const rows = await w.db.select().from(bulletins).where(eq(bulletins.month, '2025-05'));
    expect(rows.map((r) => r.placeId).sort()).toEqual(kinds.map((k) => k.id).sort());
    expect(rows.every((r) => r.generatedBy === null)).toBe(true);
  });

  it('reports on the month before, in China time: 1 January reports on December', () => {
    expect(previousMonth('2026-01-01')).toBe('2025-12');
    expect(previousMonth('2026-11-30')).toBe('2026-10');
  });
});
