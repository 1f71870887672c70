import type { DbOrTx } from '../../db/client';
import { insertInboxItems } from '../announcements';

/**
 * Tells the assignee of a task, in the transaction that assigned it. The one place a task assignment
 * reaches a person: a notification service may take over delivery here.
 */
export async function noteTaskAssigned(
  tx: DbOrTx,
  note: { assigneeAccountId: number; matter: { id: number; title: string }; task: { title: string; dueOn: string } },
) {
  await insertInboxItems(tx, [
    {
      accountId: note.assigneeAccountId,
      matterId: note.matter.id,
      kind: 'task.assigned',
      title: `落实任务：${note.task.title}`,
      body: `「${note.matter.title}」的落实任务交由您负责，请在 ${note.task.dueOn} 前完成并报告进展。`,
    },
  ]);
}

/** Tells the assignee and the matter's convenor, once, that a task is past its due day. */
export async function noteTaskOverdue(
  tx: DbOrTx,
  note: {
    recipientAccountIds: readonly number[];
    matter: { id: number; title: string };
    task: { title: string; dueOn: string };
  },
) {
  await insertInboxItems(
    tx,
    [...new Set(note.recipientAccountIds)].map((accountId) => ({
      accountId,
      matterId: note.matter.id,
      kind: 'task.overdue',
      title: `落实任务已逾期：${note.task.title}`,
      body: `「${note.matter.title}」的落实任务应于 ${note.task.dueOn} 完成，请尽快推进并报告进展。`,
    })),
  );
}
