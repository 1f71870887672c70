import { and, asc, desc, eq, gte, inArray, isNotNull, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client';
import {
  accounts,
  councilMembers,
  councils,
  invitations,
  matters,
  places,
  poolMembers,
  roleGrants,
  tasks,
} from '../../db/schema';
import { staffRoles } from '../../../domain/access';
import { taskLifecycle } from '../../../domain/implementation/task-status';

/** A place path as a LIKE prefix (paths hold digits and slashes only). */
const under = (path: string) => `${path}%`;

/**
 * Everyone who might carry a task of a matter, with what the assignment rule needs: staff grants in
 * the community, invitations of the matter, current council seats of the community. `onlyAccountId`
 * narrows it to one account (checking a choice). Three set queries, never one per candidate.
 */
export async function assigneeCandidates(
  db: DbOrTx,
  opts: { matterId: number; communityPath: string; today: string; onlyAccountId?: number },
) {
  const only = (column: AnyPgColumn) => (opts.onlyAccountId === undefined ? undefined : eq(column, opts.onlyAccountId));
  const staff = await db
    .select({ accountId: roleGrants.accountId, role: roleGrants.role, placePath: places.path })
    .from(roleGrants)
    .innerJoin(places, eq(places.id, roleGrants.placeId))
    .where(
      and(
        inArray(roleGrants.role, [...staffRoles]),
        sql`${places.path} like ${under(opts.communityPath)}`,
        only(roleGrants.accountId),
      ),
    );
  const invited = await db
    .selectDistinct({ accountId: invitations.accountId })
    .from(invitations)
    .where(and(eq(invitations.matterId, opts.matterId), isNotNull(invitations.accountId), only(invitations.accountId)));
  const seated = await db
    .selectDistinct({ accountId: accounts.id })
    .from(councilMembers)
    .innerJoin(councils, eq(councils.id, councilMembers.councilId))
    .innerJoin(poolMembers, eq(poolMembers.id, councilMembers.poolMemberId))
    .innerJoin(accounts, eq(accounts.residentId, poolMembers.residentId))
    .where(
      and(
        sql`${councils.placePath} like ${under(opts.communityPath)}`,
        lte(councilMembers.termStart, opts.today),
        gte(councilMembers.termEnd, opts.today),
        only(accounts.id),
      ),
    );
  const ids = [...new Set([...staff, ...invited, ...seated].map((r) => r.accountId!))];
  const people = ids.length
    ? await db
        .select({ id: accounts.id, displayName: accounts.displayName, phone: accounts.phone })
        .from(accounts)
        .where(and(inArray(accounts.id, ids), eq(accounts.isActive, true)))
        .orderBy(asc(accounts.displayName), asc(accounts.id))
    : [];
  return people.map((p) => ({
    ...p,
    grants: staff.filter((s) => s.accountId === p.id),
    isInvitee: invited.some((i) => i.accountId === p.id),
    isCouncilMember: seated.some((s) => s.accountId === p.id),
  }));
}
export type AssigneeCandidateRow = Awaited<ReturnType<typeof assigneeCandidates>>[number];

/** Sets who carries the task (the name always, the account when they have one). */
export async function setTaskOwner(
  db: DbOrTx,
  taskId: number,
  owner: { ownerName: string; ownerAccountId: number | null },
) {
  await db.update(tasks).set(owner).where(eq(tasks.id, taskId));
}

/** The task locked until the transaction ends (two reassignments queue). */
export async function lockTask(tx: DbOrTx, taskId: number) {
  const [row] = await tx.select().from(tasks).where(eq(tasks.id, taskId)).for('update');
  return row;
}

/** The account's tasks with their matters: open ones first by due day, then the latest done. */
export async function tasksOwnedBy(db: DbOrTx, accountId: number) {
  return db
    .select({
      id: tasks.id,
      title: tasks.title,
      dueOn: tasks.dueOn,
      status: tasks.status,
      doneAt: tasks.doneAt,
      matterId: matters.id,
      matterTitle: matters.title,
    })
    .from(tasks)
    .innerJoin(matters, eq(matters.id, tasks.matterId))
    .where(eq(tasks.ownerAccountId, accountId))
    .orderBy(
      sql`case when ${tasks.status} = ${taskLifecycle.state.open} then 0 else 1 end`,
      asc(tasks.dueOn),
      desc(tasks.doneAt),
      asc(tasks.id),
    )
    .limit(100);
}

/**
 * Claims today's reminder of every open task due before `today` not yet reminded today, and returns
 * them with their matter's convenor. The claim is the update itself, so concurrent runs (or a rerun
 * the same day) remind nobody twice.
 */
export async function claimOverdueReminders(tx: DbOrTx, today: string) {
  const claimed = await tx
    .update(tasks)
    .set({ remindedOn: today })
    .where(
      and(
        eq(tasks.status, taskLifecycle.state.open),
        lt(tasks.dueOn, today),
        or(isNull(tasks.remindedOn), lt(tasks.remindedOn, today)),
      ),
    )
    .returning({
      id: tasks.id,
      title: tasks.title,
      dueOn: tasks.dueOn,
      matterId: tasks.matterId,
      ownerAccountId: tasks.ownerAccountId,
    });
  if (!claimed.length) return [];
  const matterRows = await tx
    .select({ id: matters.id, title: matters.title, convenorAccountId: matters.convenorAccountId })
    .from(matters)
    .where(inArray(matters.id, [...new Set(claimed.map((c) => c.matterId))]));
  return claimed.map((c) => ({ ...c, matter: matterRows.find((m) => m.id === c.matterId)! }));
}
