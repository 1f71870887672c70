import { can, type Actor } from '../../../domain/access';
import { capabilities } from '../../../domain/matters/stages';
import { todayInChina } from '../../calendar';
import { clockNow } from '../../clock';
import type { Db, DbOrTx } from '../../db/client';
import { AppError, notFound } from '../../errors';
import type { FileStorage } from '../../storage';
import { loadVisibleMatter, runMatterCommand, storeMatterPhotos, type MatterRow, type Photo } from '../matters';
import { presentImplementation } from './implementation.presenter';
import {
  accountExists,
  findTask,
  findTaskRef,
  insertProgress,
  insertTask,
  invitedAccountIds,
  markTaskDone,
  readImplementation,
} from './implementation.repository';
import type { CreateTaskBody, ProgressBody } from '../../../contracts/implementation';
import { requireAssignable } from './assignment.service';
import { noteTaskAssigned } from './task-notes';
import { insertInboxItems } from '../announcements';

/** Tasks are set and worked while the stage allows (resolved, referred, implementing). */
function requireTaskStage(matter: MatterRow) {
  const status = matter.status;
  if (!capabilities[status].canManageTasks) throw new AppError(409, 'matter.wrong_stage', { details: { status } });
}

export async function readImplementationView(db: Db, actor: Actor, matterId: number) {
  const { subject } = await loadVisibleMatter(db, actor, matterId);
  return presentImplementation(
    await readImplementation(db, matterId),
    todayInChina(),
    can(actor, 'matter.export', subject),
    actor.accountId,
  );
}

export async function createTask(db: Db, actor: Actor, matterId: number, input: CreateTaskBody) {
  return runMatterCommand(db, {
    actor,
    matterId,
    action: 'matter.manage',
    audit: 'task.create',
    write: async (tx, matter) => {
      requireTaskStage(matter);
      if (input.ownerAccountId !== undefined) {
        if (!(await accountExists(tx, input.ownerAccountId)))
          throw new AppError(400, 'validation.invalid', { field: 'ownerAccountId' });
        await requireAssignable(tx, matter, input.ownerAccountId);
      }
      const task = await insertTask(tx, {
        matterId,
        ...input,
        ownerAccountId: input.ownerAccountId ?? null,
        createdBy: actor.accountId,
      });
      if (task.ownerAccountId !== null)
        await noteTaskAssigned(tx, { assigneeAccountId: task.ownerAccountId, matter, task });
      return {
        payload: {
          taskId: task.id,
          title: task.title,
          ownerName: task.ownerName,
          ownerAccountId: task.ownerAccountId,
          dueOn: task.dueOn,
        },
        result: { id: task.id },
        texts: [{ kind: 'task', id: task.id, field: 'title', text: task.title }],
      };
    },
  });
}

/** Marks a task done; done again changes nothing but is still recorded as asked. */
export async function completeTask(db: Db, actor: Actor, taskId: number) {
  const ref = await findTaskRef(db, taskId);
  if (!ref) throw notFound('task');
  return runMatterCommand(db, {
    actor,
    matterId: ref.matterId,
    action: 'matter.manage',
    audit: 'task.done',
    write: async (tx, matter) => {
      requireTaskStage(matter);
      await markTaskDone(tx, taskId, clockNow());
      return { payload: { taskId }, result: { id: taskId, status: 'done' } };
    },
  });
}

/** Stakeholders told of progress: the proposer and every invitee with an account, but not the writer. */
async function notifyStakeholders(tx: DbOrTx, matter: MatterRow, actorId: number, title: string, body: string) {
  const invited = await invitedAccountIds(tx, matter.id);
  const recipients = new Set([matter.proposerAccountId, ...invited]);
  recipients.delete(actorId);
  if (recipients.size === 0) return;
  await insertInboxItems(
    tx,
    [...recipients].map((accountId) => ({ accountId, matterId: matter.id, kind: 'task.progress', title, body })),
  );
}

/**
 * A progress entry by staff or by the task's owner, with up to nine photos (stored by content, listed
 * in matter_files as 'progress'); stakeholders get an inbox item.
 */
export async function addProgress(
  db: Db,
  storage: FileStorage,
  actor: Actor,
  taskId: number,
  input: ProgressBody,
  photos: Photo[] = [],
) {
  const ref = await findTaskRef(db, taskId);
  if (!ref) throw notFound('task');
  const isOwner = ref.ownerAccountId === actor.accountId;
  return runMatterCommand(db, {
    actor,
    matterId: ref.matterId,
    action: isOwner ? 'matter.view' : 'matter.manage',
    audit: 'task.progress',
    write: async (tx, matter) => {
      requireTaskStage(matter);
      const task = await findTask(tx, taskId);
      const entry = await insertProgress(tx, {
        taskId,
        accountId: actor.accountId,
        note: input.note,
        percent: input.percent,
      });
      const photoIds = await storeMatterPhotos(
        tx,
        storage,
        { matterId: matter.id, purpose: 'progress', uploadedBy: actor.accountId, taskProgressId: entry.id },
        photos,
      );
      await notifyStakeholders(
        tx,
        matter,
        actor.accountId,
        `「${matter.title}」落实进展：${task!.title} ${input.percent}%`,
        input.note,
      );
      return {
        payload: { taskId, progressId: entry.id, percent: input.percent, note: input.note, photoIds },
        texts: [{ kind: 'task_progress', id: entry.id, field: 'note', text: entry.note }],
        result: {
          id: entry.id,
          note: entry.note,
          percent: entry.percent,
          photoIds,
          createdAt: entry.createdAt.toISOString(),
        },
      };
    },
  });
}
