import { taskLifecycle } from '../../../../domain/implementation/task-status';
import { api } from '../../api/client';
import type {
  CreatedReply,
  ImplementationView,
  NewEvaluation,
  NewFollowUp,
  NewSupervisionReview,
  NewOwner,
  NewTask,
  ProgressBody,
  AssigneesReply,
  MyTasksReply,
  TaskProgress,
} from '../../../../contracts/implementation';
import type { StatusReply } from '../../../../contracts/matter-commands';

/** Implementation (tasks, progress) and review (follow-ups, supervision, evaluation). Wire types from contracts/. */
export type {
  Assignee,
  MyTask,
  NewOwner,
  EvaluationOutcome,
  FollowUp,
  FollowUpMethod,
  ImplementationView,
  MatterTask,
  NewEvaluation,
  NewFollowUp,
  NewSupervisionReview,
  NewTask,
  SupervisionVerdict,
  TaskProgress,
} from '../../../../contracts/implementation';
export {
  evaluationOutcomes,
  staffFollowUpMethods,
  supervisionVerdicts,
} from '../../../../domain/implementation/reviews';
/** The progress form: the ProgressBody fields and the photos sent beside them. */
export type NewProgress = ProgressBody & { photos: File[] };

/** Progress goes as JSON, or as multipart/form-data (same fields plus `photos`) when photos are attached. */
export function progressBody(input: NewProgress): FormData | ProgressBody {
  if (!input.photos.length) return { note: input.note, percent: input.percent };
  const form = new FormData();
  form.append('note', input.note);
  form.append('percent', String(input.percent));
  for (const photo of input.photos) form.append('photos', photo, photo.name);
  return form;
}

/** Where follow-ups are posted (the outbox keeps the path beside the body). */
const followUpPath = (matterId: number) => `/matters/${matterId}/follow-ups`;

export const implementationApi = {
  get: (matterId: number) => api.get<ImplementationView>(`/matters/${matterId}/implementation`),
  addTask: (matterId: number, input: NewTask) => api.post<CreatedReply>(`/matters/${matterId}/tasks`, input),
  assignees: (matterId: number) => api.get<AssigneesReply>(`/matters/${matterId}/assignees`),
  reassign: (taskId: number, input: NewOwner) => api.put<CreatedReply>(`/tasks/${taskId}/owner`, input),
  mine: () => api.get<MyTasksReply>('/tasks/mine'),
  completeTask: (taskId: number) => api.patch<StatusReply>(`/tasks/${taskId}`, { status: taskLifecycle.state.done }),
  addProgress: (taskId: number, input: NewProgress) =>
    api.post<TaskProgress>(`/tasks/${taskId}/progress`, progressBody(input)),
  recordFollowUp: (matterId: number, input: NewFollowUp) => api.post<CreatedReply>(followUpPath(matterId), input),
  followUpPath,
  recordSupervision: (matterId: number, input: NewSupervisionReview) =>
    api.post<CreatedReply>(`/matters/${matterId}/supervision-reviews`, input),
  recordEvaluation: (matterId: number, input: NewEvaluation) =>
    api.post<CreatedReply>(`/matters/${matterId}/evaluation`, input),
  /** The URL of one stored photo (for an <img>). */
  fileUrl: (fileId: number) => `/api/matter-files/${fileId}`,
};
