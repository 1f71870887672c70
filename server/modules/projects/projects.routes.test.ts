import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError } from '../../test/after-deliberation.fixtures';
import { applicationBody, callBody, projectsWorld, type ProjectsWorld } from '../../test/projects.fixtures';

describe('micro-governance projects: calls, applications, review and contract', () => {
  let w: ProjectsWorld;
  let callId: number;
  let projectId: number;

  beforeAll(async () => {
    w = await projectsWorld();
  });
  afterAll(() => w.t.close());

  describe('calls', () => {
    it('lets a city officer publish a draft call, exact to the fen, and open it', async () => {
      const res = await w.city.client.post('/api/calls', callBody(w.territory.city.id));
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({
        status: 'draft',
        budgetFen: 50_000_000,
        maxPerProjectFen: 10_000_000,
        abilities: { 'call.manage': true },
      });
      callId = res.json().id;
      const opened = await w.city.client.post(`/api/calls/${callId}/open`);
      expect(opened.json()).toMatchObject({ status: 'open' });
      expectError(await w.city.client.post(`/api/calls/${callId}/open`), 409, { code: 'project.call_wrong_stage' });
    });

    it('refuses a call by a convenor, an agent, or a town officer for the city', async () => {
      for (const client of [w.clients.convenor, w.yilin.agent.client, w.town.client])
        expect((await client.post('/api/calls', callBody(w.territory.city.id))).statusCode).toBe(403);
    });

    it('rejects bad terms with the field at fault', async () => {
      const base = callBody(w.territory.city.id);
      const cases: [object, object][] = [
        [
          { ...base, title: '' },
          { code: 'validation.required', field: 'title' },
        ],
        [
          { ...base, title: '项'.repeat(81) },
          { code: 'validation.too_long', field: 'title' },
        ],
        [
          { ...base, budget: '1.234' },
          { code: 'project.money_decimals', field: 'budget' },
        ],
        [
          { ...base, budget: '-5' },
          { code: 'project.money_negative', field: 'budget' },
        ],
        [
          { ...base, budget: 500 },
          { code: 'validation.wrong_type', field: 'budget' },
        ],
        [
          { ...base, maxPerProject: '600000' },
          { code: 'project.max_over_budget', field: 'maxPerProject' },
        ],
        [
          { ...base, criteria: base.criteria.slice(1) },
          { code: 'project.criteria', field: 'criteria' },
        ],
        [
          { ...base, placeId: 999999 },
          { code: 'not_found', field: 'placeId' },
        ],
        [
          { ...base, placeId: w.territory.community.id },
          { code: 'project.call_place', field: 'placeId' },
        ],
      ];
      for (const [body, error] of cases) expectError(await w.city.client.post('/api/calls', body), 400, error);
    });

    it('shows the open call to agents of organisations it reaches, not to residents', async () => {
      const list = await w.yilin.agent.client.get('/api/calls');
      expect(list.json().items.map((c: { id: number }) => c.id)).toContain(callId);
      const detail = await w.yilin.agent.client.get(`/api/calls/${callId}`);
      expect(detail.json().myOrganisations).toMatchObject([{ name: '桐安市益邻社会工作服务中心' }]);
      expect((await w.clients.resident.get('/api/calls')).json().items).toEqual([]);
      expectError(await w.clients.resident.get(`/api/calls/${callId}`), 404, { code: 'not_found' });
    });
  });

  describe('application', () => {
    it('lets the agent apply for their organisation only', async () => {
      expectError(
        await w.yilin.agent.client.post(`/api/calls/${callId}/projects`, {
          organisationId: w.shouwang.org.id,
          title: 'x',
        }),
        403,
        { code: 'project.not_agent' },
      );
      const res = await w.yilin.agent.client.post(`/api/calls/${callId}/projects`, {
        organisationId: w.yilin.org.id,
        title: '楼道议事',
      });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({ status: 'draft', abilities: { 'project.edit': true } });
      expect(res.json().options.communities.map((c: { name: string }) => c.name)).toEqual(['河滨社区', '新联村']);
      projectId = res.json().id;
    });

    it('hides the draft from officers and the other organisation', async () => {
      expectError(await w.city.client.get(`/api/projects/${projectId}`), 404, { code: 'not_found' });
      expectError(await w.shouwang.agent.client.get(`/api/projects/${projectId}`), 404, { code: 'not_found' });
    });

    it('saves lines, milestones, communities and an origin matter, exact to the fen', async () => {
      const matter = await w.matterAt('deliberating', '5幢加装电梯');
      const res = await w.yilin.agent.client.put(
        `/api/projects/${projectId}`,
        applicationBody(w.territory.community.id, { matterIds: [matter.id], originMatterId: matter.id }),
      );
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({
        totals: { budgetFen: 5_000_000, spentFen: 0, remainingFen: 5_000_000 },
        lines: [
          { name: '活动费', budgetFen: 3_000_050 },
          { name: '人员费', budgetFen: 1_999_950 },
        ],
        matters: [{ id: matter.id, relation: 'origin' }],
        communities: [{ name: '河滨社区' }],
        governances: ['autonomy', 'virtue'],
      });
      const card = await w.clients.convenor.get(`/api/matters/${matter.id}/projects`);
      expect(card.json().items).toMatchObject([{ id: projectId, relation: 'origin', status: 'draft' }]);
    });

    it('rejects lines over the cap, unserved communities, stray matters and bad money', async () => {
      const base = applicationBody(w.territory.community.id);
      const other = await w.matterAt('deliberating');
      const cases: [object, object][] = [
        [
          { ...base, lines: [{ name: '活动费', amount: '100,000.01' }] },
          { code: 'project.over_cap', field: 'lines' },
        ],
        [{ ...base, communityIds: [w.territory.otherCommunity.id] }, { code: 'project.community_not_served' }],
        [{ ...base, communityIds: [w.territory.village.id], matterIds: [other.id] }, { field: 'matterIds.0' }],
        [{ ...base, originMatterId: other.id }, { code: 'project.origin_not_listed' }],
        [
          { ...base, lines: [{ name: '活动费', amount: '0' }] },
          { code: 'project.money_zero', field: 'lines.0.amount' },
        ],
        [{ ...base, lines: [{ name: '活动费', amount: '1,2' }] }, { code: 'project.money_format' }],
        [{ ...base, lines: [] }, { field: 'lines' }],
        [{ ...base, milestones: [{ title: 'x', dueOn: '2026-13-01' }] }, { code: 'validation.date' }],
        [
          { ...base, lines: [base.lines[0], base.lines[0]] },
          { code: 'project.duplicate_line', field: 'lines.1.name' },
        ],
      ];
      for (const [body, error] of cases)
        expectError(await w.yilin.agent.client.put(`/api/projects/${projectId}`, body), 400, error);
      expectError(await w.yilin.agent.client.put('/api/projects/999999', base), 404, { code: 'not_found' });
    });

    it('submits once; the second of two identical submits is refused', async () => {
      const [a, b] = await Promise.all([
        w.yilin.agent.client.post(`/api/projects/${projectId}/submit`),
        w.yilin.agent.client.post(`/api/projects/${projectId}/submit`),
      ]);
      expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
      expectError(
        await w.yilin.agent.client.put(`/api/projects/${projectId}`, applicationBody(w.territory.community.id)),
        409,
        { code: 'project.wrong_stage' },
      );
    });
  });

  describe('review and contract', () => {
    it('lets the town read it (it serves the town) but not review it; the city returns it with reasons', async () => {
      expect((await w.town.client.get(`/api/projects/${projectId}`)).statusCode).toBe(200);
      expect((await w.town.client.post(`/api/projects/${projectId}/return`, { reason: 'x' })).statusCode).toBe(403);
      expectError(await w.otherTown.client.get(`/api/projects/${projectId}`), 404, { code: 'not_found' });
      const res = await w.city.client.post(`/api/projects/${projectId}/return`, { reason: '请补充预算依据' });
      expect(res.json()).toMatchObject({ status: 'returned', officerNote: '请补充预算依据' });
      expect((await w.yilin.agent.client.post(`/api/projects/${projectId}/submit`)).json().status).toBe('submitted');
    });

    it('scores every criterion; decides by the weighted mean; refuses a decision without scores', async () => {
      expectError(await w.city.client.post(`/api/projects/${projectId}/approve`, {}), 409, {
        code: 'project.no_review',
      });
      expectError(await w.city.client.put(`/api/projects/${projectId}/scores`, { scores: { need: 80 } }), 400, {
        code: 'project.score_missing',
        field: 'scores.plan',
      });
      expect(
        (await w.yilin.agent.client.put(`/api/projects/${projectId}/scores`, { scores: { need: 80, plan: 90 } }))
          .statusCode,
      ).toBe(403);
      const scored = await w.city.client.put(`/api/projects/${projectId}/scores`, { scores: { need: 80, plan: 90 } });
      expect(scored.json().reviews).toMatchObject([{ stage: 'application', mine: true }]);
      const approved = await w.city.client.post(`/api/projects/${projectId}/approve`, {});
      expect(approved.json()).toMatchObject({ status: 'approved', reviewTotal: 86 });
      expect((await w.yilin.agent.client.get(`/api/projects/${projectId}`)).json().reviews).toEqual([]);
    });

    it('refuses a contract whose amount differs from the lines by a fen, and signs with adjusted lines', async () => {
      const view = (await w.city.client.get(`/api/projects/${projectId}`)).json();
      const [first, second] = view.lines;
      const contract = { contractNo: 'TA-2026-001', contractFrom: '2026-05-01', contractTo: '2026-12-31' };
      expectError(
        await w.city.client.post(`/api/projects/${projectId}/contract`, { ...contract, amount: '50,000.01' }),
        400,
        { code: 'project.contract_mismatch', field: 'amount' },
      );
      expectError(
        await w.city.client.post(`/api/projects/${projectId}/contract`, {
          ...contract,
          amount: '45000',
          lines: [{ id: 999999, amount: '1' }],
        }),
        400,
        { code: 'project.unknown_line' },
      );
      const res = await w.city.client.post(`/api/projects/${projectId}/contract`, {
        ...contract,
        amount: '45,000.00',
        lines: [
          { id: first.id, amount: '25000.50' },
          { id: second.id, amount: '19999.50' },
        ],
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({
        status: 'contracted',
        contractAmountFen: 4_500_000,
        totals: { budgetFen: 4_500_000 },
        abilities: { 'project.acceptMilestone': true },
      });
      expectError(
        await w.city.client.post(`/api/projects/${projectId}/contract`, { ...contract, amount: '45000' }),
        409,
        { code: 'project.wrong_stage' },
      );
    });

    it('lists by place, year and status by the counting rule', async () => {
      const inTown = await w.city.client.get(
        `/api/projects?placeId=${w.territory.town.id}&year=2026&status=contracted`,
      );
      expect(inTown.json()).toMatchObject({ total: 1, items: [{ id: projectId, budgetFen: 4_500_000, spentFen: 0 }] });
      const otherTown = await w.city.client.get(`/api/projects?placeId=${w.territory.otherTown.id}`);
      expect(otherTown.json().total).toBe(0);
      expect((await w.city.client.get('/api/projects?year=2025')).json().total).toBe(0);
      expect((await w.town.client.get('/api/projects')).json().total).toBe(1);
      expect((await w.otherTown.client.get('/api/projects')).json().total).toBe(0);
      expectError(await w.city.client.get('/api/projects?status=finished'), 400, { field: 'status' });
    });
  });
});
