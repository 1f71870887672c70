import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { withClock } from '../../clock';
import { accounts, councilMembers, councils, inboxItems, invitations, matters, poolMembers } from '../../db/schema';
import {
  afterDeliberationWorld,
  expectError,
  type AfterDeliberationWorld,
} from '../../test/after-deliberation.fixtures';
import { buildResident } from '../../test/factories';
import { readMatterChain } from '../matters';
import { remindOverdueTasks } from './assignment.service';

const task = { title: '更换单元门禁', ownerName: '网格员小陈', dueOn: '2030-06-30' };

describe('tasks assigned to accounts', () => {
  let w: AfterDeliberationWorld;
  let councillorAccountId: number;
  let councillor: Awaited<ReturnType<AfterDeliberationWorld['t']['loginByCode']>>;
  const inboxOf = (accountId: number, kind: string) =>
    w.db
      .select()
      .from(inboxItems)
      .where(and(eq(inboxItems.accountId, accountId), eq(inboxItems.kind, kind)));

  beforeAll(async () => {
    w = await afterDeliberationWorld();
    // 老周 of 1单元 sits on the community's residents' council and has an account.
    const resident = await buildResident(w.db, { placeId: w.territory.unit1.id, name: '老周', phone: '13812345670' });
    councillor = await w.t.loginByCode('13812345670');
    councillorAccountId = (await w.db.select().from(accounts).where(eq(accounts.phone, '13812345670')))[0]!.id;
    const { community } = w.territory;
    const [council] = await w.db
      .insert(councils)
      .values({
        placeId: community.id,
        placePath: community.path,
        kind: 'residents_council',
        name: '河滨百姓议事会',
        termStart: '2020-01-01',
        termEnd: '2099-12-31',
      })
      .returning();
    const [member] = await w.db
      .insert(poolMembers)
      .values({ placeId: community.id, placePath: community.path, residentId: resident.id })
      .returning();
    await w.db
      .insert(councilMembers)
      .values({ councilId: council!.id, poolMemberId: member!.id, termStart: '2020-01-01', termEnd: '2099-12-31' });
  });
  afterEach(() => w.t.clock.reset());
  afterAll(async () => w.t.close());

  it('lists staff of the community, invitees and council members, phones masked; only to who sets tasks', async () => {
    const m = await w.matterAt('resolved');
    await w.db.insert(invitations).values({ matterId: m.id, reason: 'affected', accountId: w.neighbourAccountId });
    const reply = await w.clients.convenor.get(`/api/matters/${m.id}/assignees`);
    expect(reply.statusCode).toBe(200);
    const byId = new Map(reply.json().items.map((a: { accountId: number; reason: string }) => [a.accountId, a]));
    expect(byId.get(w.staff.grid.id)).toMatchObject({ name: '网格员小陈', reason: 'staff' });
    expect(byId.get(w.neighbourAccountId)).toMatchObject({ reason: 'invitee', phone: '138****5679' });
    expect(byId.get(councillorAccountId)).toMatchObject({ name: '老周', reason: 'council' });
    expect(byId.has(w.residentAccountId)).toBe(false);
    expect(byId.has(w.staff.other.id)).toBe(false);
    expect(byId.has(w.staff.supervisor.id)).toBe(false);
    expectError(await w.clients.resident.get(`/api/matters/${m.id}/assignees`), 403, { code: 'access.denied' });
    expectError(await w.clients.other.get(`/api/matters/${m.id}/assignees`), 404, { code: 'not_found' });
  });

  it('assigns a task to an allowed account, who finds it in the inbox and in 我的任务', async () => {
    const m = await w.matterAt('resolved');
    const created = await w.clients.convenor.post(`/api/matters/${m.id}/tasks`, {
      ...task,
      ownerAccountId: w.staff.grid.id,
    });
    expect(created.statusCode).toBe(201);
    const chain = await readMatterChain(w.db, m.id);
    expect(chain.at(-1)).toMatchObject({ action: 'task.create' });
    expect(chain.at(-1)!.payload).toMatchObject({ ownerAccountId: w.staff.grid.id });
    const [item] = (await inboxOf(w.staff.grid.id, 'task')).filter((i) => i.matterId === m.id);
    expect(item?.title).toBe('落实任务：更换单元门禁');
    const mine = (await w.clients.grid.get('/api/tasks/mine')).json().items;
    expect(mine.find((t: { id: number }) => t.id === created.json().id)).toMatchObject({
      title: task.title,
      dueOn: task.dueOn,
      isOverdue: false,
      matter: { id: m.id },
    });
    const view = (await w.clients.grid.get(`/api/matters/${m.id}/implementation`)).json();
    expect(view.tasks[0]).toMatchObject({ ownerAccountId: w.staff.grid.id, isMine: true });
  });

  it('refuses an account outside the allowed set with a code, writing nothing', async () => {
    const m = await w.matterAt('resolved');
    for (const outsider of [w.residentAccountId, w.staff.other.id, w.staff.supervisor.id]) {
      expectError(
        await w.clients.convenor.post(`/api/matters/${m.id}/tasks`, { ...task, ownerAccountId: outsider }),
        409,
        {
          code: 'task.assignee_outside',
          field: 'ownerAccountId',
        },
      );
    }
    expect((await w.clients.convenor.get(`/api/matters/${m.id}/implementation`)).json().tasks).toEqual([]);
    expect((await inboxOf(w.residentAccountId, 'task')).filter((i) => i.matterId === m.id)).toEqual([]);
  });

  it('keeps an unassigned task (free-text owner) and assigns it later; reassignment is on the chain', async () => {
    const m = await w.matterAt('resolved');
    const id = (await w.clients.convenor.post(`/api/matters/${m.id}/tasks`, { ...task, ownerName: '河滨物业' })).json()
      .id;
    const view = (await w.clients.convenor.get(`/api/matters/${m.id}/implementation`)).json();
    expect(view.tasks[0]).toMatchObject({ ownerName: '河滨物业', ownerAccountId: null });
    expect((await w.clients.grid.get('/api/tasks/mine')).json().items.some((t: { id: number }) => t.id === id)).toBe(
      false,
    );

    const url = `/api/tasks/${id}/owner`;
    expectError(await w.clients.resident.put(url, { ownerName: '老周', ownerAccountId: councillorAccountId }), 403, {
      code: 'access.denied',
    });
    expectError(await w.clients.convenor.put(url, { ownerName: '', ownerAccountId: councillorAccountId }), 400, {
      field: 'ownerName',
    });
    expectError(await w.clients.convenor.put(url, { ownerName: '张阿姨', ownerAccountId: w.residentAccountId }), 409, {
      code: 'task.assignee_outside',
    });
    expect(
      (await w.clients.convenor.put(url, { ownerName: '老周', ownerAccountId: councillorAccountId })).statusCode,
    ).toBe(200);
    const chain = await readMatterChain(w.db, m.id);
    expect(chain.at(-1)).toMatchObject({ action: 'task.reassign' });
    expect(chain.at(-1)!.payload).toMatchObject({
      from: { ownerName: '河滨物业', ownerAccountId: null },
      to: { ownerName: '老周', ownerAccountId: councillorAccountId },
    });
    expect((await inboxOf(councillorAccountId, 'task')).filter((i) => i.matterId === m.id)).toHaveLength(1);
    expect((await councillor.get('/api/tasks/mine')).json().items.map((t: { id: number }) => t.id)).toContain(id);
    // The same owner again changes nothing and writes no chain entry.
    await w.clients.convenor.put(url, { ownerName: '老周', ownerAccountId: councillorAccountId });
    expect(await readMatterChain(w.db, m.id)).toHaveLength(chain.length);
    // Back to a name only: the account no longer carries it.
    expect((await w.clients.convenor.put(url, { ownerName: '河滨物业' })).statusCode).toBe(200);
    expect((await councillor.get('/api/tasks/mine')).json().items.map((t: { id: number }) => t.id)).not.toContain(id);
    await w.clients.convenor.patch(`/api/tasks/${id}`, { status: 'done' });
    expectError(await w.clients.convenor.put(url, { ownerName: '老周', ownerAccountId: councillorAccountId }), 409, {
      code: 'task.already_done',
    });
    expectError(await w.clients.convenor.put('/api/tasks/99999999/owner', { ownerName: '老周' }), 404, {
      code: 'not_found',
    });
  });

  it('reminds the assignee and the convenor of an overdue task at most once a day', async () => {
    const m = await w.matterAt('resolved');
    await w.db.update(matters).set({ convenorAccountId: w.staff.convenor.id }).where(eq(matters.id, m.id));
    const id = (
      await w.clients.convenor.post(`/api/matters/${m.id}/tasks`, {
        ...task,
        dueOn: '2030-06-30',
        ownerAccountId: w.staff.grid.id,
      })
    ).json().id;
    const overdue = async (accountId: number) =>
      (await inboxOf(accountId, 'task.overdue')).filter((i) => i.matterId === m.id).length;
    const remind = () => withClock(w.t.clock, () => remindOverdueTasks(w.db));

    w.t.clock.set('2030-06-30T10:00:00+08:00'); // due today: not overdue yet
    await remind();
    expect(await overdue(w.staff.grid.id)).toBe(0);

    w.t.clock.set('2030-07-01T09:00:00+08:00');
    await Promise.all([remind(), remind()]);
    await remind();
    expect(await overdue(w.staff.grid.id)).toBe(1);
    expect(await overdue(w.staff.convenor.id)).toBe(1);
    const mine = (await w.clients.grid.get('/api/tasks/mine')).json().items;
    expect(mine.find((t: { id: number }) => t.id === id)).toMatchObject({ isOverdue: true });

    w.t.clock.set('2030-07-01T23:30:00+08:00'); // still the same China day
    await remind();
    expect(await overdue(w.staff.grid.id)).toBe(1);

    w.t.clock.set('2030-07-02T00:30:00+08:00');
    await remind();
    expect(await overdue(w.staff.grid.id)).toBe(2);
    expect(await overdue(w.staff.convenor.id)).toBe(2);

    await w.clients.convenor.patch(`/api/tasks/${id}`, { status: 'done' });
    w.t.clock.set('2030-07-03T09:00:00+08:00');
    await remind();
    expect(await overdue(w.staff.grid.id)).toBe(2);
  });
});
