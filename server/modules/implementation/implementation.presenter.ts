import { personLabel } from '../../../domain/people/public-name';
import type { ImplementationRecord } from './implementation.repository';
import { isOverdueTask, taskLifecycle } from '../../../domain/implementation/task-status';

/**
 * Tasks with their progress, follow-ups (recorders named by initial for non-staff), reviews, evaluation;
 * `isMine` marks the viewer's own tasks and follow-ups, `hasRated` whether they rated the matter already.
 */
export function presentImplementation(
  record: ImplementationRecord,
  today: string,
  isStaffViewer: boolean,
  viewerAccountId: number,
) {
  const satisfactions = record.followUpRows.map((f) => f.satisfaction);
  return {
    tasks: record.taskRows.map((task) => {
      const progress = record.progressRows.filter((p) => p.taskId === task.id);
      return {
        id: task.id,
        title: task.title,
        ownerName: task.ownerName,
        ownerAccountId: task.ownerAccountId,
        isMine: task.ownerAccountId === viewerAccountId,
        dueOn: task.dueOn,
        status: task.status,
        isOverdue: isOverdueTask(task, today),
        doneAt: task.doneAt?.toISOString() ?? null,
        percent: taskLifecycle.is.done(task.status) ? 100 : (progress.at(-1)?.percent ?? 0),
        progress: progress.map((p) => ({
          id: p.id,
          note: p.note,
          percent: p.percent,
          photoIds: record.photoRows.filter((f) => f.taskProgressId === p.id).map((f) => f.id),
          createdAt: p.createdAt.toISOString(),
        })),
      };
    }),
    followUps: record.followUpRows.map((f) => ({
      id: f.id,
      method: f.method,
      satisfaction: f.satisfaction,
      comment: f.comment,
      recordedBy: personLabel(
        { name: f.recordedBy, standing: f.recordedByStanding },
        isStaffViewer || f.recordedById === viewerAccountId,
      ),
      isMine: f.recordedById === viewerAccountId,
      createdAt: f.createdAt.toISOString(),
    })),
    hasRated: record.followUpRows.some((f) => f.method === 'self' && f.recordedById === viewerAccountId),
    averageSatisfaction: satisfactions.length
      ? Math.round((satisfactions.reduce((a, b) => a + b, 0) / satisfactions.length) * 10) / 10
      : null,
    reviews: record.reviewRows.map((r) => ({
      verdict: r.verdict,
      comment: r.comment,
      lookBackOn: r.lookBackOn,
      createdAt: r.createdAt.toISOString(),
    })),
    evaluation: record.evaluation
      ? {
          score: record.evaluation.score,
          outcome: record.evaluation.outcome,
          isDisputeResolved: record.evaluation.isDisputeResolved,
          comment: record.evaluation.comment,
        }
      : null,
  };
}
