import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { OPEN_REFERRAL_STATUSES, type ReferralStatus } from '../../../domain/departments';
import type { DbOrTx } from '../../db/client';
import { inStates } from '../../db/lifecycle-sql';
import { inSubtree } from '../../db/subtree';
import { accounts, departments, matters, places, referrals, tasks } from '../../db/schema';

export type ReferralInsert = typeof referrals.$inferInsert;
export type ReferralPatch = Partial<typeof referrals.$inferInsert>;

/** Writes a referral; its id. */
export async function insertReferral(tx: DbOrTx, row: ReferralInsert): Promise<number> {
  const [inserted] = await tx.insert(referrals).values(row).returning({ id: referrals.id });
  return inserted!.id;
}

/** The referral row, locked for a command. */
export async function lockReferral(tx: DbOrTx, id: number) {
  const [row] = await tx.select().from(referrals).where(eq(referrals.id, id)).for('update');
  return row;
}

export async function updateReferral(tx: DbOrTx, id: number, patch: ReferralPatch): Promise<void> {
  await tx.update(referrals).set(patch).where(eq(referrals.id, id));
}

const deptPlace = alias(places, 'dept_place');
const matterPlace = alias(places, 'matter_place');
const sender = alias(accounts, 'sender');

/** Everything a referral's page and lists show, joined once. */
function referralQuery(db: DbOrTx) {
  return db
    .select({
      referral: referrals,
      department: {
        id: departments.id,
        name: departments.name,
        kind: departments.kind,
        placeName: deptPlace.name,
        placePath: departments.placePath,
      },
      title: matters.title,
      description: matters.description,
      matterStatus: matters.status,
      placeName: matterPlace.name,
      taskTitle: tasks.title,
      senderName: sender.displayName,
      senderPhone: sender.phone,
    })
    .from(referrals)
    .innerJoin(departments, eq(departments.id, referrals.departmentId))
    .innerJoin(deptPlace, eq(deptPlace.id, departments.placeId))
    .innerJoin(matters, eq(matters.id, referrals.matterId))
    .innerJoin(matterPlace, eq(matterPlace.id, matters.placeId))
    .innerJoin(sender, eq(sender.id, referrals.sentBy))
    .leftJoin(tasks, eq(tasks.id, referrals.taskId));
}
export type ReferralViewRow = Awaited<ReturnType<typeof referralRows>>[number];

async function referralRows(db: DbOrTx, where: SQL | undefined, order: 'due' | 'newest', limit = 500) {
  const orderBy =
    order === 'due' ? [asc(referrals.dueOn), asc(referrals.id)] : [desc(referrals.sentAt), desc(referrals.id)];
  return referralQuery(db)
    .where(where)
    .orderBy(...orderBy)
    .limit(limit);
}

/** One referral with what its page shows. */
export async function referralView(db: DbOrTx, id: number): Promise<ReferralViewRow | undefined> {
  const [row] = await referralRows(db, eq(referrals.id, id), 'newest', 1);
  return row;
}

/** 部门待办: the referrals of these departments (optionally in one state), earliest due first. */
export async function queueRows(db: DbOrTx, departmentIds: readonly number[], status?: ReferralStatus) {
  if (departmentIds.length === 0) return [];
  const inDepartments = inArray(referrals.departmentId, [...departmentIds]);
  return referralRows(db, status ? and(inDepartments, eq(referrals.status, status)) : inDepartments, 'due');
}

/** A matter's referrals, newest first. */
export async function matterReferralRows(db: DbOrTx, matterId: number) {
  return referralRows(db, eq(referrals.matterId, matterId), 'newest', 100);
}

/** Referrals with these ids (a drill-down), earliest due first. */
export async function referralRowsByIds(db: DbOrTx, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return referralRows(db, inArray(referrals.id, [...ids]), 'due', ids.length);
}

/** The matter's open referral of the matter itself (not of a task), if one is still with a department. */
export async function openMatterReferral(db: DbOrTx, matterId: number) {
  const [row] = await db
    .select({ id: referrals.id })
    .from(referrals)
    .where(
      and(
        eq(referrals.matterId, matterId),
        eq(referrals.subject, 'matter'),
        inStates(referrals.status, OPEN_REFERRAL_STATUSES),
      ),
    )
    .limit(1);
  return row;
}

/**
 * The referrals inside a subtree still open and due before `asOf` (a China day): the bulletin's
 * overdue-referrals section, by department then due day.
 */
export async function overdueReferralsIn(db: DbOrTx, subtreePath: string, asOf: string) {
  return db
    .select({
      referralId: referrals.id,
      departmentId: departments.id,
      department: departments.name,
      matterId: matters.id,
      title: matters.title,
      placeName: places.name,
      dueOn: referrals.dueOn,
    })
    .from(referrals)
    .innerJoin(departments, eq(departments.id, referrals.departmentId))
    .innerJoin(matters, eq(matters.id, referrals.matterId))
    .innerJoin(places, eq(places.id, matters.placeId))
    .where(
      and(
        inSubtree(referrals.placePath, subtreePath),
        inStates(referrals.status, OPEN_REFERRAL_STATUSES),
        sql`${referrals.dueOn} < ${asOf}::date`,
      ),
    )
    .orderBy(asc(departments.name), asc(referrals.dueOn), asc(referrals.id))
    .limit(500);
}

/** The task, if it belongs to the matter. */
export async function taskOfMatter(db: DbOrTx, matterId: number, taskId: number) {
  const [row] = await db
    .select({ id: tasks.id, title: tasks.title })
    .from(tasks)
    .where(and(eq(tasks.id, taskId), eq(tasks.matterId, matterId)));
  return row;
}
