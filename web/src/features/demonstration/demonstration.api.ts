import { api } from '../../api/client';
import type {
  ApplicationSummary,
  ApplicationView,
  DraftBody,
  NewScheme,
  OverviewReply,
  PublicDemonstration,
  ReassessBody,
  ReviewBody,
  SchemesReply,
  SchemeView,
  SiteCheckBody,
} from '../../../../contracts/demonstration';

/** 示范社区创建: wire types from contracts/, stages and metrics from domain. */
export type {
  ApplicationSummary,
  ApplicationView,
  CriterionView,
  NewScheme,
  OverviewReply,
  PublicDemonstration,
  SchemeView,
} from '../../../../contracts/demonstration';
export {
  applicationLifecycle,
  applicationStatuses,
  isAwaitingNaming,
  isBadgeHolding,
  isEditableApplication,
  computedMetrics,
  criterionKinds,
  type ApplicationStatus,
  type ComputedMetric,
} from '../../../../domain/demonstration';

const app = (id: number, step = '') => `/demonstration/applications/${id}${step}`;

export const demonstrationApi = {
  schemes: () => api.get<SchemesReply>('/demonstration/schemes'),
  createScheme: (body: NewScheme) => api.post<SchemeView>('/demonstration/schemes', body),
  updateScheme: (id: number, body: NewScheme) => api.put<SchemeView>(`/demonstration/schemes/${id}`, body),
  overview: (schemeId: number) => api.get<OverviewReply>('/demonstration/overview', { schemeId }),
  applications: (query: { schemeId?: number; placeId?: number }) =>
    api.get<{ items: ApplicationSummary[] }>('/demonstration/applications', query),
  apply: (schemeId: number, placeId: number) =>
    api.post<ApplicationView>(`/demonstration/schemes/${schemeId}/applications`, { placeId }),
  get: (id: number) => api.get<ApplicationView>(app(id)),
  saveDraft: (id: number, body: DraftBody) => api.put<ApplicationView>(app(id), body),
  submit: (id: number) => api.post<ApplicationView>(app(id, '/submit'), {}),
  recommend: (id: number, note: string) => api.post<ApplicationView>(app(id, '/recommend'), { note }),
  return: (id: number, reason: string) => api.post<ApplicationView>(app(id, '/return'), { reason }),
  review: (id: number, body: ReviewBody) => api.put<ApplicationView>(app(id, '/review'), body),
  siteCheck: (id: number, body: SiteCheckBody) => api.put<ApplicationView>(app(id, '/site-check'), body),
  name: (id: number) => api.post<ApplicationView>(app(id, '/name'), {}),
  confirm: (id: number) => api.post<ApplicationView>(app(id, '/confirm'), {}),
  decline: (id: number, reason: string) => api.post<ApplicationView>(app(id, '/decline'), { reason }),
  reassess: (id: number, body: ReassessBody) => api.post<ApplicationView>(app(id, '/reassess'), body),
  object: (id: number, body: string) => api.post<{ id: number }>(app(id, '/objections'), { body }),
  answer: (objectionId: number, answer: string) =>
    api.post<{ id: number }>(`/demonstration/objections/${objectionId}/answer`, { answer }),
  /** multipart: `criterionKey` and `photos` (images). */
  uploadEvidence: (id: number, form: FormData) => api.post<ApplicationView>(app(id, '/evidence-files'), form),
  removeEvidence: (id: number, fileId: number) => api.delete<ApplicationView>(app(id, `/evidence-files/${fileId}`)),
  /** Where an evidence file is read (same-origin, with the session). */
  evidenceFileUrl: (fileId: number) => `/api/demonstration/evidence-files/${fileId}`,
  public: () => api.get<PublicDemonstration>('/public/demonstration'),
};
