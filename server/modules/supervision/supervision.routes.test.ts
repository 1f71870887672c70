import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { inboxItems, matters, objections, resolutions, supervisionReviews, tasks } from '../../db/schema';
import { todayInChina } from '../../calendar';
import {
  afterDeliberationWorld,
  expectError,
  type AfterDeliberationWorld,
} from '../../test/after-deliberation.fixtures';
import { buildStaff } from '../../test/factories';

type Due = { items: { kind: string; matterId: number; detail: string; isOverseen: boolean }[] };

describe('supervision routes', () => {
  let w: AfterDeliberationWorld;
  beforeAll(async () => {
    w = await afterDeliberationWorld();
  });
  afterAll(() => w.t.close());

  describe('appointing supervisors', () => {
    it('lets the town officer appoint a supervisor by phone and end it with a reason; lists with masked phones for non-staff', async () => {
      const townOfficer = await buildStaff(w.db, { role: 'town_officer', placeId: w.territory.town.id });
      const officer = await w.t.loginByCode(townOfficer.phone);
      const url = `/api/places/${w.territory.community.id}/supervisors`;
      const appointed = await officer.post(url, { phone: '138 1234 5679' });
      expect(appointed.statusCode).toBe(201);
      expect(appointed.json()).toEqual({ id: w.neighbourAccountId });
      const forStaff = (await w.clients.convenor.get(url)).json().items;
      expect(forStaff.map((s: { name: string }) => s.name)).toEqual(expect.arrayContaining(['监督员老周']));
      expect(forStaff.find((s: { accountId: number }) => s.accountId === w.neighbourAccountId).phone).toBe(
        '13812345679',
      );
      const forSupervisor = (await w.clients.supervisor.get(url)).json().items;
      expect(forSupervisor.find((s: { accountId: number }) => s.accountId === w.neighbourAccountId).phone).toBe(
        '138****5679',
      );
      // Revoking needs a reason: sent without a body, or with an empty one, the reply names it.
      expectError(await officer.delete(`${url}/${w.neighbourAccountId}`), 400, {
        code: 'validation.required',
        field: 'reason',
      });
      expectError(await officer.delete(`${url}/${w.neighbourAccountId}`, {}), 400, { field: 'reason' });
      const ended = await officer.delete(`${url}/${w.neighbourAccountId}`, { reason: '本人辞任' });
      expect(ended.statusCode).toBe(200);
      const after = (await w.clients.convenor.get(url)).json().items;
      expect(after.some((s: { accountId: number }) => s.accountId === w.neighbourAccountId)).toBe(false);
      expectError(await officer.delete(`${url}/${w.neighbourAccountId}`, { reason: '本人辞任' }), 404, {
        code: 'grant.unknown',
      });
    });

    it('refuses the convenor, residents, supervisors, another community, unknown and malformed phones', async () => {
      const townOfficer = await buildStaff(w.db, { role: 'town_officer', placeId: w.territory.town.id });
      const officer = await w.t.loginByCode(townOfficer.phone);
      const url = `/api/places/${w.territory.community.id}/supervisors`;
      expectError(await w.clients.anonymous.post(url, { phone: '13812345679' }), 401, { code: 'auth.required' });
      for (const client of [w.clients.convenor, w.clients.resident, w.clients.supervisor, w.clients.other]) {
        expectError(await client.post(url, { phone: '13812345679' }), 403, { code: 'grant.denied' });
      }
      expectError(await officer.post(url, { phone: '13700000000' }), 400, {
        code: 'supervision.account_unknown',
        field: 'phone',
      });
      expectError(await officer.post(url, { phone: '12345' }), 400, { field: 'phone' });
    });
  });

  describe('oversight and findings', () => {
    it('assigns a matter, records a finding on the chain, and only staff answer it, once', async () => {
      const m = await w.matterAt('implementing');
      await w.db.update(matters).set({ convenorAccountId: w.staff.convenor.id }).where(eq(matters.id, m.id));
      const inbox = async (accountId: number, kind: string) =>
        w.db
          .select({ title: inboxItems.title })
          .from(inboxItems)
          .where(and(eq(inboxItems.accountId, accountId), eq(inboxItems.kind, kind), eq(inboxItems.matterId, m.id)));
      const assign = await w.clients.convenor.post(`/api/matters/${m.id}/oversight`, {
        supervisorAccountId: w.staff.supervisor.id,
      });
      expect(assign.statusCode).toBe(201);
      await w.expectLastAction(m.id, 'oversight.assign');
      expectError(
        await w.clients.convenor.post(`/api/matters/${m.id}/oversight`, { supervisorAccountId: w.residentAccountId }),
        400,
        { code: 'supervision.not_supervisor', field: 'supervisorAccountId' },
      );
      expectError(
        await w.clients.supervisor.post(`/api/matters/${m.id}/oversight`, {
          supervisorAccountId: w.staff.supervisor.id,
        }),
        403,
        { code: 'access.denied' },
      );

      const url = `/api/matters/${m.id}/findings`;
      expectError(await w.clients.convenor.post(url, { body: '进度滞后' }), 403, { code: 'access.denied' });
      expectError(await w.clients.supervisor.post(url, { body: 'x'.repeat(2001) }), 400, { field: 'body' });
      const finding = await w.clients.supervisor.post(url, { body: '施工进度滞后，请说明原因', dueOn: '2030-01-31' });
      expect(finding.statusCode).toBe(201);
      await w.expectLastAction(m.id, 'finding.record');
      const findingId = finding.json().id as number;
      expect(await inbox(w.staff.convenor.id, 'supervision')).toEqual([{ title: `监督意见待答复：${m.title}` }]);

      const page = (await w.clients.convenor.get(`/api/matters/${m.id}/supervision`)).json();
      expect(page.overseers).toMatchObject([{ accountId: w.staff.supervisor.id, name: '监督员老周' }]);
      expect(page.findings).toMatchObject([{ id: findingId, body: '施工进度滞后，请说明原因', answer: null }]);
      expect(page.abilities).toEqual({
        'matter.assignOversight': true,
        'matter.recordFinding': false,
        'matter.answerFinding': true,
      });
      expectError(await w.clients.resident.get(`/api/matters/${m.id}/supervision`), 403, { code: 'access.denied' });

      const answerUrl = `/api/findings/${findingId}/answer`;
      expectError(await w.clients.resident.post(answerUrl, { answer: '好' }), 403, { code: 'access.denied' });
      expectError(await w.clients.supervisor.post(answerUrl, { answer: '好' }), 403, { code: 'access.denied' });
      expectError(await w.clients.other.post(answerUrl, { answer: '好' }), 404, { code: 'not_found' });
      expectError(await w.clients.convenor.post(answerUrl, { answer: '' }), 400, { field: 'answer' });
      const answered = await w.clients.convenor.post(answerUrl, { answer: '材料延迟到货，下周复工' });
      expect(answered.statusCode).toBe(200);
      await w.expectLastAction(m.id, 'finding.answer');
      expect((await inbox(w.staff.supervisor.id, 'supervision')).map((i) => i.title)).toContain(
        `监督意见已答复：${m.title}`,
      );
      expectError(await w.clients.convenor.post(answerUrl, { answer: '再答' }), 409, {
        code: 'supervision.finding_answered',
      });
      const seen = (await w.clients.supervisor.get(`/api/matters/${m.id}/supervision`)).json();
      expect(seen.findings[0]).toMatchObject({ answer: '材料延迟到货，下周复工', answeredBy: '王主任' });
    });

    it('refuses to archive while a finding is unanswered, names it on the matter page, and archives once answered', async () => {
      const m = await w.matterAt('reviewed');
      const base = `/api/matters/${m.id}`;
      await w.clients.grid.post(`${base}/follow-ups`, { method: 'visit', satisfaction: 5, comment: '回访满意' });
      await w.clients.convenor.post(`${base}/evaluation`, {
        score: 90,
        outcome: 'positive',
        isDisputeResolved: true,
        comment: '电梯已投入使用',
      });
      const reviewed = await w.clients.supervisor.post(`${base}/supervision-reviews`, {
        verdict: 'satisfactory',
        comment: '程序完整',
      });
      expect(reviewed.statusCode).toBe(201);
      const finding = await w.clients.supervisor.post(`${base}/findings`, { body: '请公开最终决算' });
      expect(finding.statusCode).toBe(201);
      const archiveCommands = async () =>
        (await w.clients.convenor.get(base)).json().commands as { command: string; blockers: string[] }[];

      expectError(await w.clients.convenor.post(`${base}/archive`), 409, {
        code: 'matter.findings_unanswered',
        message: '还有监督意见未答复',
      });
      expect(await archiveCommands()).toEqual([
        { command: 'archive', to: 'archived', blockers: ['matter.findings_unanswered'] },
      ]);
      const [row] = await w.db.select({ status: matters.status }).from(matters).where(eq(matters.id, m.id));
      expect(row?.status).toBe('reviewed');

      const answerUrl = `/api/findings/${finding.json().id as number}/answer`;
      expect((await w.clients.convenor.post(answerUrl, { answer: '决算已在公示栏张贴' })).statusCode).toBe(200);
      expect(await archiveCommands()).toEqual([{ command: 'archive', to: 'archived', blockers: [] }]);
      expect((await w.clients.convenor.post(`${base}/archive`)).statusCode).toBe(200);
      await w.expectLastAction(m.id, 'archive');
    });

    it('refuses findings on an archived matter', async () => {
      const m = await w.matterAt('archived');
      expectError(await w.clients.supervisor.post(`/api/matters/${m.id}/findings`, { body: '回头看' }), 409, {
        code: 'matter.read_only',
      });
    });
  });

  describe('what is due', () => {
    it('lists overdue tasks, missing follow-ups, look-backs, unanswered objections and findings', async () => {
      const today = todayInChina();
      const late = await w.matterAt('implementing', '路灯维修');
      await w.db.insert(tasks).values([
        {
          matterId: late.id,
          title: '更换灯杆',
          ownerName: '物业',
          dueOn: '2020-01-10',
          createdBy: w.staff.convenor.id,
        },
        {
          matterId: late.id,
          title: '验收',
          ownerName: '物业',
          dueOn: '2020-01-20',
          status: 'done',
          createdBy: w.staff.convenor.id,
        },
      ]);
      const onTime = await w.matterAt('implementing', '绿化补种');
      await w.db.insert(tasks).values({
        matterId: onTime.id,
        title: '补种',
        ownerName: '物业',
        dueOn: '2099-01-01',
        createdBy: w.staff.convenor.id,
      });
      const reviewed = await w.matterAt('reviewed', '车棚改造');
      await w.db.insert(supervisionReviews).values({
        matterId: reviewed.id,
        accountId: w.staff.supervisor.id,
        verdict: 'needs_work',
        comment: '雨棚漏水',
        lookBackOn: today,
      });
      const objected = await w.matterAt('resolved', '停车收费');
      const [resolution] = await w.db
        .insert(resolutions)
        .values({
          matterId: objected.id,
          body: '按月收费',
          basis: 'consensus',
          objectionEndsAt: new Date(Date.now() + 86_400_000),
          createdBy: w.staff.convenor.id,
        })
        .returning();
      await w.db
        .insert(objections)
        .values({ resolutionId: resolution!.id, accountId: w.neighbourAccountId, body: '收费太高' });
      await w.clients.supervisor.post(`/api/matters/${onTime.id}/findings`, { body: '请公示进度' });

      const due = (await w.clients.supervisor.get('/api/supervision/due')).json() as Due;
      const of = (matterId: number) =>
        due.items
          .filter((i) => i.matterId === matterId)
          .map((i) => i.kind)
          .sort();
      expect(of(late.id)).toEqual(['follow_up_missing', 'overdue_task']);
      expect(due.items.find((i) => i.kind === 'overdue_task' && i.matterId === late.id)?.detail).toBe('更换灯杆');
      expect(of(onTime.id)).toEqual(['finding_unanswered']);
      expect(of(reviewed.id)).toEqual(['look_back_due']);
      expect(of(objected.id)).toEqual(['objection_unanswered']);

      // The convenor's work queue shows the same unanswered finding; residents have no such list.
      const forConvenor = (await w.clients.convenor.get('/api/supervision/due')).json() as Due;
      expect(forConvenor.items.some((i) => i.kind === 'finding_unanswered' && i.matterId === onTime.id)).toBe(true);
      expectError(await w.clients.resident.get('/api/supervision/due'), 403, { code: 'access.denied' });
      const elsewhere = (await w.clients.other.get('/api/supervision/due')).json() as Due;
      expect(elsewhere.items.some((i) => i.matterId === late.id)).toBe(false);
    });

    it('marks the matters assigned to a town supervisor as overseen', async () => {
      const outsider = await buildStaff(w.db, { role: 'supervisor', placeId: w.territory.town.id, name: '街道监督员' });
      const m = await w.matterAt('implementing', '井盖更换');
      await w.db.insert(tasks).values({
        matterId: m.id,
        title: '换井盖',
        ownerName: '市政',
        dueOn: '2020-02-01',
        createdBy: w.staff.convenor.id,
      });
      await w.clients.convenor.post(`/api/matters/${m.id}/oversight`, { supervisorAccountId: outsider.id });
      const client = await w.t.loginByCode(outsider.phone);
      const due = (await client.get('/api/supervision/due')).json() as Due;
      expect(due.items.filter((i) => i.matterId === m.id).every((i) => i.isOverseen)).toBe(true);
      expect(due.items.some((i) => i.matterId === m.id && i.kind === 'overdue_task')).toBe(true);
    });
  });
});
