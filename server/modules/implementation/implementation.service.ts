import { and, eq, isNotNull, sql } from 'drizzle-orm';
import { can, type Actor } from '../../../domain/access';
import { capabilities, type MatterStatus } from '../../../domain/matters/stages';
import { todayInChina } from '../../calendar';
import { clockNow } from '../../clock';
import type { Db, DbOrTx } from '../../db/client';
import { accounts, inboxItems, invitations, taskProgress, tasks } from '../../db/schema';
import { AppError, notFound } from '../../errors';
import type { FileStorage } from '../../storage';
import { loadVisibleMatter, runMatterCommand, storeMatterPhotos, type MatterRow, type Photo } from '../matters';
import { presentImplementation } from './implementation.presenter';
import { findTaskRef, readImplementation } from './implementation.repository';
import type { CreateTaskBody, ProgressBody } from '../../../contracts/implementation';

/** Tasks are set and worked while the stage allows (resolved, referred, implementing). */
function requireTaskStage(matter: MatterRow) {
  const status = matter.status as MatterStatus;
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
        const [owner] = await tx
          .select({ id: accounts.id })
          .from(accounts)
          .where(eq(accounts.id, input.ownerAccountId));
        if (!owner) throw new AppError(400, 'validation.invalid', { field: 'ownerAccountId' });
      }
      const [task] = await tx
        .insert(tasks)
        .values({ matterId, ...input, ownerAccountId: input.ownerAccountId ?? null, createdBy: actor.accountId })
        .returning();
      return {
        payload: { taskId: task!.id, title: task!.title, ownerName: task!.ownerName, dueOn: task!.dueOn },
        result: { id: task!.id },
        texts: [{ kind: 'task', id: task!.id, field: 'title', text: task!.title }],
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
      await tx
        .update(tasks)
        .set({ status: 'done', doneAt: sql`coalesce(${tasks.doneAt}, ${clockNow().toISOString()}::timestamptz)` })
        .where(eq(tasks.id, taskId));
      return { payload: { taskId }, result: { id: taskId, status: 'done' } };
    },
  });
}

/** Stakeholders told of progress: the proposer and every invitee with an account, but not the writer. */
async function notifyStakeholders(tx: DbOrTx, matter: MatterRow, actorId: number, title: string, body: string) {
  const invited = await tx
    .selectDistinct({ accountId: invitations.accountId })
    .from(invitations)
    .where(and(eq(invitations.matterId, matter.id), isNotNull(invitations.accountId)));
  const recipients = new Set([matter.proposerAccountId, ...invited.map((i) => i.accountId!)]);
  recipients.delete(actorId);
  if (recipients.size === 0) return;
  await tx
    .insert(inboxItems)
    .values(
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
      const [task] = await tx.select().from(tasks).where(eq(tasks.id, taskId));
      const [entry] = await tx
        .insert(taskProgress)
        .values({ taskId, accountId: actor.accountId, note: input.note, percent: input.percent })
        .returning();
      const photoIds = await storeMatterPhotos(
        tx,
        storage,
        { matterId: matter.id, purpose: 'progress', uploadedBy: actor.accountId, taskProgressId: entry!.id },
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
        payload: { taskId, progressId: entry!.id, percent: input.percent, note: input.note, photoIds },
        texts: [{ kind: 'task_progress', id: entry!.id, field: 'note', text: entry!.note }],
        result: {
          id: entry!.id,
          note: entry!.note,
          percent: entry!.percent,
          photoIds,
          createdAt: entry!.createdAt.toISOString(),
        },
      };
    },
  });
}

/** Stage commands of implementation and review (guards come from the stage table). */
export async function moveMatter(
  db: Db,
  actor: Actor,
  matterId: number,
  command: 'startImplementation' | 'startReview',
) {
  return runMatterCommand(db, {
    actor,
    matterId,
    action: 'matter.manage',
    command,
    audit: command,
    write: async () => ({
      payload: {},
      result: { id: matterId, status: command === 'startImplementation' ? 'implementing' : 'reviewed' },
    }),
  });
}
