import type { DbOrTx } from '../../db/client';
import { insertInboxItems } from '../announcements';

/**
 * Tells the assignee and the matter's convenor, once a day, that a task is past its due day. The daily
 * job writes no chain entry, so this reminder goes to the inbox here; assigning and reassigning a task
 * reach the assignee through the notification rules (task.create, task.reassign).
 */
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
