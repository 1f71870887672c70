import {
  acceptReferral,
  answerReferral,
  appointLiaison,
  createDepartment,
  handBackReferral,
  referAgain,
} from '../modules/departments';
import type { Db } from '../db/client';
import { DAY_MS, StoryClock } from './matters-clock';
import {
  actorByPhone,
  actorOf,
  departmentsAbove,
  hasDepartments,
  placesOfKind,
  referableTasks,
} from './departments.repository';

/** The demo liaisons (DEMO_ACCOUNTS): the city's 民政局 and 梧桐街道's 城管科. */
export const CITY_LIAISON_PHONE = '13900000010';
export const TOWN_LIAISON_PHONE = '13900000011';

/**
 * 社工委: registers the city's bureaus and each town's sections through the departments commands, and
 * links the two demo liaisons. Runs before the demo matters (the referred one goes to its town's 城管科).
 */
export async function seedDemoDepartments(db: Db): Promise<void> {
  if (await hasDepartments(db)) return;
  const admin = await actorByPhone(db, '13900000001');
  const cityOfficer = await actorByPhone(db, '13900000002');
  const [city] = await placesOfKind(db, 'city');
  const civil = await createDepartment(db, admin, city!.id, { name: '民政局', kind: 'bureau' });
  await createDepartment(db, admin, city!.id, { name: '住建局', kind: 'bureau' });
  await createDepartment(db, admin, city!.id, { name: '综合执法局', kind: 'bureau' });
  const towns = await placesOfKind(db, 'town');
  for (const [i, town] of towns.entries()) {
    const section = await createDepartment(db, admin, town.id, { name: '城管科', kind: 'section' });
    await createDepartment(db, admin, town.id, { name: '社会事务办', kind: 'section' });
    if (i === 0)
      await appointLiaison(db, cityOfficer, section.id, { phone: TOWN_LIAISON_PHONE, reason: '城管科联络员' });
  }
  await appointLiaison(db, admin, civil.id, { phone: CITY_LIAISON_PHONE, reason: '民政局联络员' });
}

/** The town department a demo matter at `placePath` is referred to (its town's 城管科). */
export async function demoDepartmentFor(db: Db, placePath: string): Promise<number> {
  const found = await departmentsAbove(db, placePath);
  return (found.find((d) => d.name === '城管科') ?? found[0]!).id;
}

/**
 * Referrals in each state, on tasks of implementing matters (梧桐街道's first): one to its town's 城管科
 * sent three weeks ago and overdue, and three to the city's 民政局 — answered in four days, accepted, handed back.
 */
export async function seedDemoReferrals(db: Db): Promise<void> {
  const [city] = await placesOfKind(db, 'city');
  const [firstTown] = await placesOfKind(db, 'town');
  const tasks = await referableTasks(db, city!.path);
  const inFirstTown = (t: { placePath: string }) => t.placePath.startsWith(firstTown!.path);
  const picks = [...tasks.filter(inFirstTown), ...tasks.filter((t) => !inFirstTown(t))].slice(0, 4);
  if (picks.length < 4) return;
  const cityLiaison = await actorByPhone(db, CITY_LIAISON_PHONE);
  const clock = new StoryClock();
  const start = clock.limit - 21 * DAY_MS;
  const notes = ['请协调清理占道堆放物', '请指导居家养老服务站申报', '请核实困难家庭救助申请', '请协调小区绿化带补种'];
  await clock.run(async () => {
    for (const [i, pick] of picks.entries()) {
      clock.set(start + i * DAY_MS);
      const convenor = await actorOf(db, pick.convenorAccountId!);
      const departments = await departmentsAbove(db, pick.placePath);
      const department = departments.find((d) => d.name === (i === 0 ? '城管科' : '民政局'))!;
      const { id } = await referAgain(db, convenor, pick.matterId, {
        departmentId: department.id,
        // The first is due in ten days and never answered: overdue by now.
        dueOn: clock.day(i === 0 ? 10 : 30),
        note: notes[i]!,
        taskId: pick.taskId,
      });
      if (i === 0) continue;
      clock.advance(1);
      await acceptReferral(db, cityLiaison, id);
      clock.advance(3);
      if (i === 1) await answerReferral(db, cityLiaison, id, '已上门指导，服务站申报材料已齐全并受理。');
      if (i === 3) await handBackReferral(db, cityLiaison, id, '绿化补种属小区物业管理范围，请社区协调物业办理。');
    }
  });
}
