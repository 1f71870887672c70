export { implementationRoutes } from './implementation.routes';
export { readImplementation } from './implementation.repository';
/** The daily overdue-task reminder (server/jobs). */
export { remindOverdueTasks } from './assignment.service';
/** Command functions the demo seed drives matters through (the same ones the routes call). */
export { addProgress, completeTask, createTask } from './implementation.service';
export { recordEvaluation, recordFollowUp, recordSupervision } from './review.service';
