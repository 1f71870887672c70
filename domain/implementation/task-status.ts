import { defineLifecycle } from '../lifecycle';

/** 落实任务: open until its owner reports it done. */
export const taskStatuses = ['open', 'done'] as const;
export type TaskStatus = (typeof taskStatuses)[number];

export const taskLifecycle = defineLifecycle({
  states: taskStatuses,
  initial: 'open',
  transitions: { complete: { from: ['open'], to: 'done' } },
});

/** An open task whose due day (YYYY-MM-DD) is before today. */
export const isOverdueTask = (task: { status: TaskStatus; dueOn: string }, today: string): boolean =>
  taskLifecycle.is.open(task.status) && task.dueOn < today;
