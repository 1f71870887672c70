import type { TaskStatus } from '../../../../domain/implementation/task-status';
import { api } from '../../api/client';

export type TaskProgress = { id: number; note: string; percent: number; photoIds: number[]; createdAt: string };

export type MatterTask = {
  id: number;
  title: string;
  ownerName: string;
  /** The viewer owns this task and may record its progress. */
  isMine: boolean;
  dueOn: string;
  status: TaskStatus;
  isOverdue: boolean;
  doneAt: string | null;
  percent: number;
  progress: TaskProgress[];
};

export type FollowUpMethod = 'visit' | 'phone' | 'online' | 'self';

export type FollowUp = {
  id: number;
  method: FollowUpMethod;
  satisfaction: number;
  comment: string;
  recordedBy: string;
  isMine: boolean;
  createdAt: string;
};

export type SupervisionVerdict = 'satisfactory' | 'needs_work';
export type EvaluationOutcome = 'positive' | 'neutral' | 'negative';

export type SupervisionReview = { verdict: string; comment: string; lookBackOn: string | null; createdAt: string };
export type Evaluation = { score: number; outcome: string; isDisputeResolved: boolean; comment: string };

/** GET /api/matters/:id/implementation. */
export type ImplementationView = {
  tasks: MatterTask[];
  followUps: FollowUp[];
  /** The viewer rated the matter already (one rating per account). */
  hasRated: boolean;
  averageSatisfaction: number | null;
  reviews: SupervisionReview[];
  evaluation: Evaluation | null;
};

export type NewTask = { title: string; ownerName: string; dueOn: string };
export type NewProgress = { note: string; percent: number; photos: File[] };
export type NewFollowUp = { method: FollowUpMethod; satisfaction: number; comment: string };
export type NewSupervisionReview = { verdict: SupervisionVerdict; comment: string; lookBackOn?: string };
export type NewEvaluation = {
  score: number;
  outcome: EvaluationOutcome;
  isDisputeResolved: boolean;
  comment: string;
};

/** Progress goes as JSON, or as multipart/form-data (same fields plus `photos`) when photos are attached. */
export function progressBody(input: NewProgress): FormData | { note: string; percent: number } {
  if (!input.photos.length) return { note: input.note, percent: input.percent };
  const form = new FormData();
  form.append('note', input.note);
  form.append('percent', String(input.percent));
  for (const photo of input.photos) form.append('photos', photo, photo.name);
  return form;
}

export const implementationApi = {
  get: (matterId: number) => api.get<ImplementationView>(`/matters/${matterId}/implementation`),
  addTask: (matterId: number, input: NewTask) => api.post<{ id: number }>(`/matters/${matterId}/tasks`, input),
  completeTask: (taskId: number) => api.patch<{ id: number; status: string }>(`/tasks/${taskId}`, { status: 'done' }),
  addProgress: (taskId: number, input: NewProgress) =>
    api.post<TaskProgress>(`/tasks/${taskId}/progress`, progressBody(input)),
  recordFollowUp: (matterId: number, input: NewFollowUp) =>
    api.post<{ id: number }>(`/matters/${matterId}/follow-ups`, input),
  recordSupervision: (matterId: number, input: NewSupervisionReview) =>
    api.post<{ id: number }>(`/matters/${matterId}/supervision-reviews`, input),
  recordEvaluation: (matterId: number, input: NewEvaluation) =>
    api.post<{ id: number }>(`/matters/${matterId}/evaluation`, input),
  /** The URL of one stored photo (for an <img>). */
  fileUrl: (fileId: number) => `/api/matter-files/${fileId}`,
  docxUrl: (matterId: number) => `/api/matters/${matterId}/file.docx`,
  jsonUrl: (matterId: number) => `/api/matters/${matterId}/file.json`,
};
