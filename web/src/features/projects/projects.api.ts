import { api, apiUrl } from '../../api/client';
import type {
  CallDetail,
  CallsReply,
  CallView,
  MatterProjectsReply,
  NewApplication,
  NewCall,
  NewContract,
  NewEvaluation,
  NewSpending,
  ProjectsReply,
  ProjectView,
  PublicProject,
  PublicProjectsReply,
} from '../../../../contracts/projects';

/** 微治理项目: wire types from contracts/, stages and money from domain. */
export type {
  CallDetail,
  CallView,
  NewApplication,
  NewCall,
  ProjectSummary,
  ProjectView,
  PublicProject,
} from '../../../../contracts/projects';
export {
  callLifecycle,
  formatFen,
  formatYuanText,
  isContractedProject,
  milestoneLifecycle,
  projectLifecycle,
  projectStatuses,
  type ProjectStatus,
} from '../../../../domain/projects';
export { governances, type Governance } from '../../../../domain/governance/governances';

const project = (id: number, step = '') => `/projects/${id}${step}`;

export const projectsApi = {
  calls: () => api.get<CallsReply>('/calls'),
  createCall: (body: NewCall) => api.post<CallView>('/calls', body),
  call: (id: number) => api.get<CallDetail>(`/calls/${id}`),
  moveCall: (id: number, command: 'open' | 'close') => api.post<CallView>(`/calls/${id}/${command}`, {}),
  apply: (callId: number, organisationId: number, title: string) =>
    api.post<ProjectView>(`/calls/${callId}/projects`, { organisationId, title }),
  list: (query: { placeId?: number; year?: number; status?: string }) => api.get<ProjectsReply>('/projects', query),
  get: (id: number) => api.get<ProjectView>(project(id)),
  save: (id: number, body: NewApplication) => api.put<ProjectView>(project(id), body),
  submit: (id: number) => api.post<ProjectView>(project(id, '/submit'), {}),
  return: (id: number, reason: string) => api.post<ProjectView>(project(id, '/return'), { reason }),
  score: (id: number, scores: Record<string, number>, comment: string) =>
    api.put<ProjectView>(project(id, '/scores'), { scores, comment }),
  decide: (id: number, command: 'approve' | 'decline', note: string) =>
    api.post<ProjectView>(project(id, `/${command}`), { note }),
  contract: (id: number, body: NewContract) => api.post<ProjectView>(project(id, '/contract'), body),
  /** multipart: `report` and `photos` (images). */
  report: (id: number, milestoneId: number, form: FormData) =>
    api.post<ProjectView>(project(id, `/milestones/${milestoneId}/report`), form),
  reviewMilestone: (id: number, milestoneId: number, command: 'accept' | 'reopen', note: string) =>
    api.post<ProjectView>(project(id, `/milestones/${milestoneId}/${command}`), { note }),
  spend: (id: number, body: NewSpending) => api.post<ProjectView>(project(id, '/spendings'), body),
  evaluate: (id: number, body: NewEvaluation) => api.post<ProjectView>(project(id, '/evaluate'), body),
  close: (id: number, resultSummary: string) => api.post<ProjectView>(project(id, '/close'), { resultSummary }),
  matterProjects: (matterId: number) => api.get<MatterProjectsReply>(`/matters/${matterId}/projects`),
  publicList: () => api.get<PublicProjectsReply>('/public/projects'),
  publicGet: (id: number) => api.get<PublicProject>(`/public/projects/${id}`),
  /** Same-origin download links (the session cookie goes with them). */
  budgetXlsxUrl: (id: number) => apiUrl(project(id, '/budget.xlsx')),
  callBudgetXlsxUrl: (callId: number) => apiUrl(`/calls/${callId}/budget.xlsx`),
  evidenceFileUrl: (fileId: number) => apiUrl(`/project-evidence-files/${fileId}`),
};
