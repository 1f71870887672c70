import { assigneeReason, can, type Actor } from '../../../domain/access';
import { COMMUNITY_DEPTH, ancestorPathAt } from '../../../domain/territory/places';
import { maskPhone } from '../../../domain/people/phone';
import { isOverdueTask, taskLifecycle } from '../../../domain/implementation/task-status';
import { todayInChina } from '../../calendar';
import type { Db, DbOrTx } from '../../db/client';
import { AppError, forbidden, notFound } from '../../errors';
import { loadVisibleMatter, runMatterCommand, type MatterRow } from '../matters';
import type { ReassignBody } from '../../../contracts/implementation';
import {
  assigneeCandidates,
  claimOverdueReminders,
  lockTask,
  setTaskOwner,
  tasksOwnedBy,
} from './assignment.repository';
import { findTaskRef } from './implementation.repository';
import { noteTaskOverdue } from './task-notes';

const communityPathOf = (matter: MatterRow) => ancestorPathAt(matter.placePath, COMMUNITY_DEPTH) ?? matter.placePath;

/** The people a task of the matter may be assigned to, each with why (the domain's rule decides). */
async function assignees(db: DbOrTx, matter: MatterRow, onlyAccountId?: number) {
  const candidates = await assigneeCandidates(db, {
    matterId: matter.id,
    communityPath: communityPathOf(matter),
    today: todayInChina(),
    onlyAccountId,
  });
  return candidates.flatMap((c) => {
    const reason = assigneeReason(c, matter.placePath);
    return reason ? [{ accountId: c.id, name: c.displayName, phone: maskPhone(c.phone), reason }] : [];
  });
}

/** Refuses an account outside the matter's assignable set (409 on `ownerAccountId`). */
export async function requireAssignable(tx: DbOrTx, matter: MatterRow, accountId: number) {
  if ((await assignees(tx, matter, accountId)).length === 0)
    throw new AppError(409, 'task.assignee_outside', { field: 'ownerAccountId' });
}

/** GET /matters/:id/assignees: whom the staff who set tasks may pick (phones masked). */
export async function listAssignees(db: Db, actor: Actor, matterId: number) {
  const { matter, subject } = await loadVisibleMatter(db, actor, matterId);
  if (!can(actor, 'matter.manage', subject)) throw forbidden();
  return { items: await assignees(db, matter) };
}

/** 改派: a new owner for an open task, recorded on the chain; a new account holder is told. */
export async function reassignTask(db: Db, actor: Actor, taskId: number, input: ReassignBody) {
  const ref = await findTaskRef(db, taskId);
  if (!ref) throw notFound('task');
  return runMatterCommand(db, {
    actor,
    matterId: ref.matterId,
    action: 'matter.manage',
    audit: 'task.reassign',
    write: async (tx, matter) => {
      const task = (await lockTask(tx, taskId))!;
      if (!taskLifecycle.is.open(task.status)) throw new AppError(409, 'task.already_done');
      const to = { ownerName: input.ownerName, ownerAccountId: input.ownerAccountId ?? null };
      if (to.ownerAccountId !== null) await requireAssignable(tx, matter, to.ownerAccountId);
      const from = { ownerName: task.ownerName, ownerAccountId: task.ownerAccountId };
      if (from.ownerName === to.ownerName && from.ownerAccountId === to.ownerAccountId)
        return { payload: {}, isNoop: true, result: { id: taskId } };
      await setTaskOwner(tx, taskId, to);
      return { payload: { taskId, taskTitle: task.title, dueOn: task.dueOn, from, to }, result: { id: taskId } };
    },
  });
}

/** 我的任务: the tasks the account carries, open first by due day, flagged when overdue. */
export async function readMyTasks(db: Db, actor: Actor) {
  const today = todayInChina();
  const rows = await tasksOwnedBy(db, actor.accountId);
  return {
    items: rows.map((r) => ({
      id: r.id,
      title: r.title,
      dueOn: r.dueOn,
      status: r.status,
      isOverdue: isOverdueTask(r, today),
      doneAt: r.doneAt?.toISOString() ?? null,
      matter: { id: r.matterId, title: r.matterTitle },
    })),
  };
}

/**
 * The daily reminder job: each open task past its due day tells its assignee and the matter's
 * convenor, at most once a China day (the claim and the inbox items share one transaction).
 */
export async function remindOverdueTasks(db: Db) {
  const today = todayInChina();
  return db.transaction(async (tx) => {
    const due = await claimOverdueReminders(tx, today);
    for (const task of due) {
      const recipients = [task.ownerAccountId, task.matter.convenorAccountId].filter((id): id is number => id !== null);
      await noteTaskOverdue(tx, { recipientAccountIds: recipients, matter: task.matter, task });
    }
    return { reminded: due.length };
  });
}
