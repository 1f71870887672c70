import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError } from '../../test/after-deliberation.fixtures';
import { buildPng } from '../../test/images';
import { multipartForm } from '../../test/multipart-form';
import { applicationBody, callBody, projectsWorld, type ProjectsWorld } from '../../test/projects.fixtures';
import { statisticsBuilder } from '../../test/statistics.fixtures';

type Line = { id: number; name: string };
type Milestone = { id: number; status: string };

/** Reads an .xlsx reply back: every row's values. */
async function sheetRows(bytes: Buffer) {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const rows: unknown[][] = [];
  workbook.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return { rows, numFmt: workbook.worksheets[0]!.getRow(3).getCell(2).numFmt };
}

describe('a running micro-governance project: milestones, spending, evaluations, close, exports', () => {
  let w: ProjectsWorld;
  let callId: number;
  let projectId: number;
  let lines: Line[];
  let milestones: Milestone[];
  let matterId: number;

  beforeAll(async () => {
    w = await projectsWorld();
    const b = statisticsBuilder(w.db, w.residentAccountId, w.staff.convenor.id);
    const matter = await w.matterAt('implementing', '小区停车议事');
    matterId = matter.id;
    await b.followUp(matter.id, '2026-05-20', 5);
    await b.followUp(matter.id, '2026-05-21', 4);
    await b.followUp(matter.id, '2026-05-22', 4);
    callId = (await w.city.client.post('/api/calls', callBody(w.territory.city.id))).json().id;
    await w.city.client.post(`/api/calls/${callId}/open`);
    const agent = w.yilin.agent.client;
    projectId = (
      await agent.post(`/api/calls/${callId}/projects`, { organisationId: w.yilin.org.id, title: '停车议事' })
    ).json().id;
    await agent.put(
      `/api/projects/${projectId}`,
      applicationBody(w.territory.community.id, { matterIds: [matterId], originMatterId: matterId }),
    );
    await agent.post(`/api/projects/${projectId}/submit`);
    await w.city.client.put(`/api/projects/${projectId}/scores`, { scores: { need: 90, plan: 80 } });
    await w.city.client.post(`/api/projects/${projectId}/approve`, {});
    const contracted = await w.city.client.post(`/api/projects/${projectId}/contract`, {
      contractNo: 'TA-2026-002',
      amount: '50,000.00',
      contractFrom: '2026-05-01',
      contractTo: '2026-12-31',
    });
    expect(contracted.json().status, contracted.body).toBe('contracted');
    lines = contracted.json().lines;
    milestones = contracted.json().milestones;
  });
  afterAll(() => w.t.close());

  const report = async (milestoneId: number) =>
    w.yilin.agent.client.request({
      method: 'POST',
      url: `/api/projects/${projectId}/milestones/${milestoneId}/report`,
      ...multipartForm({ report: '已组建楼道议事会 3 个' }, [{ name: 'p.png', bytes: await buildPng(8, 6) }]),
    });

  it('lets the agent report a milestone with a photo; officers and others may not report', async () => {
    const form = multipartForm({ report: '已组建楼道议事会 3 个' }, [{ name: 'a.png', bytes: await buildPng(8, 6) }]);
    const url = `/api/projects/${projectId}/milestones/${milestones[0]!.id}/report`;
    expect((await w.city.client.request({ method: 'POST', url, ...form })).statusCode).toBe(403);
    expect((await w.shouwang.agent.client.request({ method: 'POST', url, ...form })).statusCode).toBe(404);
    expectError(
      await w.yilin.agent.client.request({ method: 'POST', url, ...multipartForm({ report: '无图' }, []) }),
      400,
      { code: 'project.photo_missing' },
    );
    const res = await w.yilin.agent.client.request({ method: 'POST', url, ...form });
    expect(res.statusCode, res.body).toBe(200);
    const m = res.json().milestones[0];
    expect(m).toMatchObject({ status: 'reported', report: '已组建楼道议事会 3 个' });
    expect(m.files).toHaveLength(1);
    const file = await w.city.client.get(`/api/project-evidence-files/${m.files[0].id}`);
    expect(file.headers['content-type']).toBe('image/png');
    expect((await w.clients.resident.get(`/api/project-evidence-files/${m.files[0].id}`)).statusCode).toBe(404);
    expectError(await w.yilin.agent.client.request({ method: 'POST', url, ...form }), 409, {
      code: 'project.milestone_wrong_stage',
    });
  });

  it('lets the officers reopen and accept a reported milestone', async () => {
    const base = `/api/projects/${projectId}/milestones/${milestones[0]!.id}`;
    expect((await w.yilin.agent.client.post(`${base}/accept`, {})).statusCode).toBe(403);
    expect((await w.city.client.post(`${base}/reopen`, { note: '请补充签到表' })).json().milestones[0]).toMatchObject({
      status: 'planned',
      reviewNote: '请补充签到表',
    });
    expect((await report(milestones[0]!.id)).statusCode).toBe(200);
    expect((await w.city.client.post(`${base}/accept`, {})).json().milestones[0].status).toBe('accepted');
    expectError(await w.city.client.post(`/api/projects/${projectId}/milestones/999999/accept`, {}), 404, {
      code: 'not_found',
    });
  });

  it('records spending against a line, exact to the fen, and refuses overspending with what remains', async () => {
    const url = `/api/projects/${projectId}/spendings`;
    const line = lines[0]!;
    const res = await w.yilin.agent.client.post(url, {
      budgetLineId: line.id,
      amount: '10,000.25',
      spentOn: '2026-06-01',
      note: '场地与物料',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().lines[0]).toMatchObject({ budgetFen: 3_000_050, spentFen: 1_000_025, remainingFen: 2_000_025 });
    expectError(
      await w.yilin.agent.client.post(url, { budgetLineId: line.id, amount: '20000.26', spentOn: '2026-06-02' }),
      409,
      { code: 'project.line_overspent', message: '“活动费”的支出将超出预算，剩余可用 20,000.25 元' },
    );
    for (const [body, error] of [
      [{ budgetLineId: 999999, amount: '1', spentOn: '2026-06-02' }, { code: 'project.unknown_line' }],
      [{ budgetLineId: line.id, amount: '0.001', spentOn: '2026-06-02' }, { code: 'project.money_decimals' }],
      [{ budgetLineId: line.id, amount: '', spentOn: '2026-06-02' }, { code: 'project.money_empty' }],
      [{ budgetLineId: line.id, amount: '1', spentOn: 'June' }, { code: 'validation.date' }],
    ] as const)
      expectError(await w.yilin.agent.client.post(url, body), 400, error);
    expect(
      (await w.city.client.post(url, { budgetLineId: line.id, amount: '1', spentOn: '2026-06-02' })).statusCode,
    ).toBe(403);
  });

  it('lets only one of two spendings that together overspend a line through', async () => {
    const body = { budgetLineId: lines[0]!.id, amount: '15,000.00', spentOn: '2026-06-03' };
    const [a, b] = await Promise.all([
      w.yilin.agent.client.post(`/api/projects/${projectId}/spendings`, body),
      w.yilin.agent.client.post(`/api/projects/${projectId}/spendings`, body),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
    const view = (await w.city.client.get(`/api/projects/${projectId}`)).json();
    expect(view.totals).toEqual({ budgetFen: 5_000_000, spentFen: 2_500_025, remainingFen: 2_499_975 });
  });

  it('exports budget vs spent per line as .xlsx, totals exact', async () => {
    const res = await w.city.client.get(`/api/projects/${projectId}/budget.xlsx`);
    expect(res.statusCode).toBe(200);
    const { rows, numFmt } = await sheetRows(res.rawPayload);
    expect(rows[2]).toEqual(['活动费', 30000.5, 25000.25, 5000.25]);
    expect(rows[3]).toEqual(['人员费', 19999.5, 0, 19999.5]);
    expect(rows[4]).toEqual(['合计', 50000, 25000.25, 24999.75]);
    expect(numFmt).toBe('#,##0.00');
    const call = await w.city.client.get(`/api/calls/${callId}/budget.xlsx`);
    const callRows = (await sheetRows(call.rawPayload)).rows;
    expect(callRows.at(-1)).toEqual(['', '', '合计', 50000, 25000.25, 24999.75]);
    expect((await w.yilin.agent.client.get(`/api/calls/${callId}/budget.xlsx`)).statusCode).toBe(403);
    expect((await w.otherTown.client.get(`/api/projects/${projectId}/budget.xlsx`)).statusCode).toBe(404);
  });

  it('evaluates mid-term; the final waits for every milestone and freezes residents’ satisfaction', async () => {
    const url = `/api/projects/${projectId}/evaluate`;
    expect((await w.town.client.post(url, { stage: 'midterm', score: 80 })).statusCode).toBe(403);
    expectError(await w.city.client.post(url, { stage: 'midterm', score: 101 }), 400, { field: 'score' });
    const mid = await w.city.client.post(url, { stage: 'midterm', score: 82.5, comment: '进度正常' });
    expect(mid.json()).toMatchObject({ status: 'midterm_evaluated', midtermScore: 82.5 });
    expectError(await w.city.client.post(url, { stage: 'midterm', score: 80 }), 409, { code: 'project.wrong_stage' });
    expectError(await w.city.client.post(url, { stage: 'final', score: 90 }), 409, { code: 'project.milestones_open' });
    expect((await report(milestones[1]!.id)).statusCode).toBe(200);
    await w.city.client.post(`/api/projects/${projectId}/milestones/${milestones[1]!.id}/accept`, {});
    const final = await w.city.client.post(url, { stage: 'final', score: 91, achieved: ['14 场'] });
    expect(final.json()).toMatchObject({
      status: 'final_evaluated',
      finalScore: 91,
      satisfaction: 4.33,
      indicators: [{ label: '开展议事活动', target: '12 场', achieved: '14 场' }],
    });
  });

  it('closes with a public result the showcase and the matter page show', async () => {
    expectError(await w.city.client.post(`/api/projects/${projectId}/close`, { resultSummary: '' }), 400, {
      field: 'resultSummary',
    });
    expect(
      (await w.yilin.agent.client.post(`/api/projects/${projectId}/close`, { resultSummary: 'x' })).statusCode,
    ).toBe(403);
    const closed = await w.city.client.post(`/api/projects/${projectId}/close`, {
      resultSummary: '新增停车位 40 个，居民满意',
    });
    expect(closed.json().status).toBe('closed');
    const pub = await w.clients.anonymous.get(`/api/public/projects/${projectId}`);
    expect(pub.statusCode).toBe(200);
    expect(pub.json()).toMatchObject({
      organisationName: '桐安市益邻社会工作服务中心',
      communities: ['河滨社区'],
      resultSummary: '新增停车位 40 个，居民满意',
      finalScore: 91,
      satisfaction: 4.33,
    });
    expect(JSON.stringify(pub.json())).not.toMatch(/1[3-9]\d{9}/);
    expect((await w.clients.anonymous.get('/api/public/projects')).json().items).toHaveLength(1);
    expect((await w.clients.anonymous.get('/api/public/projects/999999')).statusCode).toBe(404);
    const card = await w.clients.resident.get(`/api/matters/${matterId}/projects`);
    expect(card.json().items).toMatchObject([{ id: projectId, status: 'closed', relation: 'origin' }]);
    expect((await w.clients.other.get(`/api/matters/${matterId}/projects`)).statusCode).toBe(404);
  });
});
