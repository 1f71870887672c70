import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { inboxItems, roleGrantEvents, roleGrants, tasks } from '../../db/schema';
import {
  afterDeliberationWorld,
  expectError,
  type AfterDeliberationWorld,
} from '../../test/after-deliberation.fixtures';
import { buildStaff } from '../../test/factories';
import type { TestClient } from '../../test/build-test-app';

/** A China day `offset` days from now (due days are China days). */
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);

describe('departments and referrals', () => {
  let w: AfterDeliberationWorld;
  let townOfficer: TestClient;
  let liaison: TestClient;
  let otherLiaison: TestClient;
  let liaisonAccountId: number;
  let sectionId: number;
  let otherTownDepartmentId: number;

  beforeAll(async () => {
    w = await afterDeliberationWorld();
    const officer = await buildStaff(w.db, { role: 'town_officer', placeId: w.territory.town.id });
    townOfficer = await w.t.loginByCode(officer.phone);
    const admin = await w.t.loginByCode(
      (await buildStaff(w.db, { role: 'admin', placeId: w.territory.city.id })).phone,
    );
    const created = await townOfficer.post(`/api/places/${w.territory.town.id}/departments`, {
      name: '城管科',
      kind: 'section',
    });
    expect(created.statusCode).toBe(201);
    sectionId = created.json().id;
    otherTownDepartmentId = (
      await admin.post(`/api/places/${w.territory.otherTown.id}/departments`, { name: '城管科', kind: 'section' })
    ).json().id;
    const person = await buildStaff(w.db, { role: 'resident', placeId: w.territory.unit1.id, phone: '13700001111' });
    liaisonAccountId = person.id;
    expect(
      (await townOfficer.post(`/api/departments/${sectionId}/liaisons`, { phone: '13700001111' })).statusCode,
    ).toBe(201);
    liaison = await w.t.loginByCode('13700001111');
    const other = await buildStaff(w.db, {
      role: 'resident',
      placeId: w.territory.otherCommunity.id,
      phone: '13700002222',
    });
    expect(
      (await admin.post(`/api/departments/${otherTownDepartmentId}/liaisons`, { phone: '13700002222' })).statusCode,
    ).toBe(201);
    otherLiaison = await w.t.loginByCode(other.phone);
  });
  afterAll(() => w.t.close());

  describe('the committee', () => {
    it('lists departments and liaisons (phones masked) and records the liaison grant', async () => {
      const page = (await liaison.get(`/api/places/${w.territory.town.id}/committee`)).json();
      expect(page.departments).toEqual([
        expect.objectContaining({ name: '城管科', liaisons: [expect.objectContaining({ phone: '137****1111' })] }),
      ]);
      expect(page.abilities['department.manage']).toBe(false);
      const events = await w.db
        .select()
        .from(roleGrantEvents)
        .where(and(eq(roleGrantEvents.accountId, liaisonAccountId), eq(roleGrantEvents.role, 'liaison')));
      expect(events).toHaveLength(1);
    });

    it('refuses bad input, a community, a duplicate name and those who are not officers there', async () => {
      const url = `/api/places/${w.territory.town.id}/departments`;
      expectError(await townOfficer.post(url, { name: '', kind: 'section' }), 400, { field: 'name' });
      expectError(await townOfficer.post(url, { name: '科'.repeat(51), kind: 'section' }), 400, { field: 'name' });
      expectError(await townOfficer.post(url, { name: '城管科', kind: 'ministry' }), 400, { field: 'kind' });
      expectError(await townOfficer.post(url, { name: 123, kind: 'section' }), 400, { field: 'name' });
      expectError(await townOfficer.post(url, { name: '城管科', kind: 'section' }), 409, {
        code: 'department.name_taken',
      });
      expectError(
        await townOfficer.post(`/api/places/${w.territory.community.id}/departments`, {
          name: '办公室',
          kind: 'section',
        }),
        400,
        {
          code: 'department.place_kind',
        },
      );
      expectError(await w.clients.convenor.post(url, { name: '民政办', kind: 'section' }), 403, {
        code: 'access.denied_place',
      });
      expectError(await liaison.post(url, { name: '民政办', kind: 'section' }), 403, { code: 'access.denied_place' });
      expectError(
        await w.clients.convenor.post(`/api/departments/${sectionId}/liaisons`, { phone: '13812345678' }),
        403,
        {
          code: 'grant.denied',
        },
      );
      expectError(
        await townOfficer.post(`/api/departments/${otherTownDepartmentId}/liaisons`, { phone: '13812345678' }),
        404,
        {
          code: 'not_found',
        },
      );
    });

    it('gives a liaison no roster nor places beyond the committee', async () => {
      expect((await liaison.get(`/api/places/${w.territory.otherCommunity.id}/staff`)).statusCode).toBe(403);
      expect((await liaison.get(`/api/places/${w.territory.otherTown.id}/committee`)).statusCode).toBe(403);
    });
  });

  describe('a referral from the matter to the department', () => {
    it('refers, is accepted and answered by the liaison, on the chain, and the proposer hears of it', async () => {
      const m = await w.matterAt('raised', '路灯不亮');
      const url = `/api/matters/${m.id}/refer`;
      expectError(await w.clients.convenor.post(url, { departmentId: sectionId, dueOn: '2026-13-01' }), 400, {
        field: 'dueOn',
      });
      expectError(await w.clients.convenor.post(url, { departmentId: sectionId, dueOn: day(-2) }), 400, {
        code: 'referral.due_past',
      });
      expectError(await w.clients.convenor.post(url, { departmentId: otherTownDepartmentId, dueOn: day(5) }), 400, {
        field: 'departmentId',
      });
      expectError(await w.clients.convenor.post(url, { department: '城管局', dueOn: day(5) }), 400, {
        field: 'departmentId',
      });
      expectError(await w.clients.resident.post(url, { departmentId: sectionId, dueOn: day(5) }), 403, {});
      expect(
        (await w.clients.convenor.post(url, { departmentId: sectionId, dueOn: day(5), note: '请尽快维修' })).statusCode,
      ).toBe(200);
      expect((await w.clients.convenor.get(`/api/matters/${m.id}`)).json().matter).toMatchObject({
        status: 'referred',
        referralDepartment: '城管科',
      });

      const queue = (await liaison.get('/api/referrals')).json();
      const item = queue.items.find((r: { matterId: number }) => r.matterId === m.id);
      expect(item).toMatchObject({ status: 'sent', title: '路灯不亮', isOverdue: false });
      const page = (await liaison.get(`/api/referrals/${item.id}`)).json();
      expect(page).toMatchObject({ note: '请尽快维修', abilities: { accept: true, answer: false, handBack: true } });
      expect(page.sender.phone).toMatch(/\*\*\*\*/);

      expectError(await otherLiaison.get(`/api/referrals/${item.id}`), 404, { code: 'not_found' });
      expectError(await otherLiaison.post(`/api/referrals/${item.id}/accept`), 404, { code: 'not_found' });
      expectError(await w.clients.convenor.post(`/api/referrals/${item.id}/accept`), 403, { code: 'access.denied' });
      expectError(await liaison.post(`/api/referrals/${item.id}/answer`, { reply: '已修复路灯' }), 409, {
        code: 'referral.wrong_state',
      });
      const [a, b] = await Promise.all([
        liaison.post(`/api/referrals/${item.id}/accept`),
        liaison.post(`/api/referrals/${item.id}/accept`),
      ]);
      expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
      expectError(await liaison.post(`/api/referrals/${item.id}/answer`, { reply: '' }), 400, { field: 'reply' });
      expectError(await liaison.post(`/api/referrals/${item.id}/answer`, { reply: '修'.repeat(2001) }), 400, {
        field: 'reply',
      });
      expect(
        (await liaison.post(`/api/referrals/${item.id}/answer`, { reply: '已安排维修，路灯恢复照明。' })).statusCode,
      ).toBe(200);
      await w.expectLastAction(m.id, 'referral.answered');

      const seen = (await w.clients.resident.get(`/api/matters/${m.id}/referrals`)).json();
      expect(seen.items[0]).toMatchObject({ status: 'answered', reply: '已安排维修，路灯恢复照明。' });
      expect(seen.items[0].sender).toBeUndefined();
      const inbox = await w.db
        .select()
        .from(inboxItems)
        .where(and(eq(inboxItems.accountId, w.residentAccountId), eq(inboxItems.matterId, m.id)));
      expect(inbox.map((i) => i.title)).toEqual(expect.arrayContaining(['部门已答复：路灯不亮']));
    });

    it('is handed back with reasons and referred again elsewhere; overdue ones reach the supervision queue', async () => {
      const m = await w.matterAt('accepted', '楼道堆物');
      await w.clients.convenor.post(`/api/matters/${m.id}/refer`, { departmentId: sectionId, dueOn: day(1) });
      const id = (await liaison.get('/api/referrals?status=sent'))
        .json()
        .items.find((r: { matterId: number }) => r.matterId === m.id).id;
      expectError(
        await w.clients.convenor.post(`/api/matters/${m.id}/referrals`, { departmentId: sectionId, dueOn: day(3) }),
        409,
        {
          code: 'referral.still_open',
        },
      );
      w.t.clock.advanceDays(3);
      try {
        const due = (await w.clients.supervisor.get('/api/supervision/due')).json();
        expect(due.items).toEqual(
          expect.arrayContaining([
            expect.objectContaining({ kind: 'referral_overdue', matterId: m.id, detail: '城管科' }),
          ]),
        );
        expect((await liaison.get(`/api/referrals/${id}`)).json().isOverdue).toBe(true);
        // The month's bulletin lists it by department, in its JSON and its staff workbook alike.
        const month = (due.today as string).slice(0, 7);
        const made = await townOfficer.post(`/api/places/${w.territory.town.id}/bulletins`, { month });
        expect(made.statusCode, made.body).toBeLessThan(300);
        const bulletin = (await townOfficer.get(`/api/bulletins/${w.territory.town.id}/${month}`)).json();
        expect(bulletin.content.overdueReferrals).toEqual(
          expect.arrayContaining([expect.objectContaining({ matterId: m.id, department: '城管科', daysOverdue: 2 })]),
        );
        const publicView = (
          await w.clients.anonymous.get(`/api/public/bulletins/${w.territory.town.id}/${month}`)
        ).json();
        expect(publicView.overdueReferrals.length).toBeGreaterThan(0);
        expect(JSON.stringify(publicView.overdueReferrals)).not.toContain('楼道堆物');
      } finally {
        w.t.clock.reset();
      }
      expectError(await liaison.post(`/api/referrals/${id}/hand-back`, { reason: '' }), 400, { field: 'reason' });
      expect((await liaison.post(`/api/referrals/${id}/hand-back`, { reason: '属物业管理范围' })).statusCode).toBe(200);
      const list = (await w.clients.convenor.get(`/api/matters/${m.id}/referrals`)).json();
      expect(list).toMatchObject({
        canRefer: true,
        items: [{ status: 'handed_back', handBackReason: '属物业管理范围' }],
      });
      const again = await w.clients.convenor.post(`/api/matters/${m.id}/referrals`, {
        departmentId: sectionId,
        dueOn: day(3),
      });
      expect(again.statusCode).toBe(201);
      await w.expectLastAction(m.id, 'referral.sent');
    });

    it('refers a task of a matter being implemented', async () => {
      const m = await w.matterAt('implementing', '更换健身器材');
      const [task] = await w.db
        .insert(tasks)
        .values({
          matterId: m.id,
          title: '采购器材',
          ownerName: '王主任',
          dueOn: day(10),
          createdBy: w.staff.convenor.id,
        })
        .returning();
      const url = `/api/matters/${m.id}/referrals`;
      expectError(await w.clients.convenor.post(url, { departmentId: sectionId, dueOn: day(3), taskId: 999999 }), 400, {
        field: 'taskId',
      });
      const sent = await w.clients.convenor.post(url, { departmentId: sectionId, dueOn: day(3), taskId: task!.id });
      expect(sent.statusCode).toBe(201);
      const page = (await liaison.get(`/api/referrals/${sent.json().id}`)).json();
      expect(page).toMatchObject({ subject: 'task', taskTitle: '采购器材' });
    });
  });

  describe('department statistics', () => {
    it('counts received, answered, overdue and the median, and the drill-down lists the same referrals', async () => {
      const period = `from=${day(-30)}&to=${day(30)}`;
      const stats = (
        await townOfficer.get(`/api/places/${w.territory.town.id}/department-statistics?${period}`)
      ).json();
      const row = stats.items.find((i: { department: { id: number } }) => i.department.id === sectionId);
      expect(row.received).toBeGreaterThanOrEqual(4);
      expect(row.answered).toBe(1);
      expect(row.medianDays).toBe(0);
      for (const figure of ['received', 'answered', 'overdue'] as const) {
        const behind = (
          await townOfficer.get(
            `/api/places/${w.territory.town.id}/department-statistics/referrals?${period}&departmentId=${sectionId}&figure=${figure}`,
          )
        ).json();
        expect(behind.items).toHaveLength(row[figure]);
      }
      expectError(
        await townOfficer.get(`/api/places/${w.territory.town.id}/department-statistics?from=${day(3)}&to=${day(1)}`),
        400,
        {
          field: 'to',
        },
      );
      expectError(
        await townOfficer.get(
          `/api/places/${w.territory.town.id}/department-statistics/referrals?${period}&departmentId=${otherTownDepartmentId}&figure=received`,
        ),
        400,
        { field: 'departmentId' },
      );
      expect((await liaison.get(`/api/places/${w.territory.town.id}/department-statistics?${period}`)).statusCode).toBe(
        403,
      );
    });

    it('ends a liaison’s grant with the last department link', async () => {
      expectError(
        await townOfficer.delete(`/api/departments/${sectionId}/liaisons/${liaisonAccountId}`, { reason: '' }),
        400,
        { field: 'reason' },
      );
      expect(
        (await townOfficer.delete(`/api/departments/${sectionId}/liaisons/${liaisonAccountId}`, { reason: '调岗' }))
          .statusCode,
      ).toBe(200);
      const grants = await w.db
        .select()
        .from(roleGrants)
        .where(and(eq(roleGrants.accountId, liaisonAccountId), eq(roleGrants.role, 'liaison')));
      expect(grants).toEqual([]);
      expect((await liaison.get('/api/referrals')).statusCode).toBe(403);
    });
  });
});
