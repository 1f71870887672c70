import { api } from '../../api/client';
import type {
  MicroLeaderChange,
  MicroLeaderView,
  NewProgramme,
  NewSession,
  ProgrammeSummary,
  ProgrammeView,
  TrainingRecordReply,
  TrainingSignInReply,
} from '../../../../contracts/training';

/** 培训 and 微领袖库: wire types from contracts/, the record arithmetic from domain. */
export type {
  MicroLeaderView,
  NewProgramme,
  NewSession,
  ProgrammeSummary,
  ProgrammeView,
  TrainingParticipantView,
  TrainingRecordReply,
  TrainingSessionView,
  TrainingSignInReply,
} from '../../../../contracts/training';
export {
  minutesAsHours,
  participantLifecycle,
  programmeLifecycle,
  SIGN_IN_OPENS_BEFORE_MINUTES,
} from '../../../../domain/training';

type ProgrammesReply = { items: ProgrammeSummary[]; abilities: { 'training.manage': boolean } };
type MicroLeadersReply = { items: MicroLeaderView[]; total: number; tags: { tag: string; count: number }[] };

const programme = (id: number, step = '') => `/training/programmes/${id}${step}`;

export const trainingApi = {
  list: (query: { year?: number; placeId?: number } = {}) => api.get<ProgrammesReply>('/training/programmes', query),
  get: (id: number) => api.get<ProgrammeView>(programme(id)),
  create: (body: NewProgramme) => api.post<ProgrammeView>('/training/programmes', body),
  open: (id: number) => api.post<ProgrammeView>(programme(id, '/open')),
  close: (id: number) => api.post<ProgrammeView>(programme(id, '/close')),
  addSession: (id: number, body: NewSession) => api.post<ProgrammeView>(programme(id, '/sessions'), body),
  enrol: (id: number) => api.post<ProgrammeView>(programme(id, '/enrol')),
  enrolByPhone: (id: number, phone: string) => api.post<ProgrammeView>(programme(id, '/participants'), { phone }),
  signIn: (code: string) => api.post<TrainingSignInReply>('/training/sign-in', { code }),
  markAttendance: (sessionId: number, participantId: number) =>
    api.post<ProgrammeView>(`/training/sessions/${sessionId}/attendance`, { participantId }),
  score: (participantId: number, score: number) =>
    api.put<ProgrammeView>(`/training/participants/${participantId}/score`, { score }),
  complete: (participantId: number) => api.post<ProgrammeView>(`/training/participants/${participantId}/complete`),
  fail: (participantId: number) => api.post<ProgrammeView>(`/training/participants/${participantId}/fail`),
  record: () => api.get<TrainingRecordReply>('/account/training'),
  microLeaders: (query: { placeId: number; year?: number | undefined; tag?: string | undefined; status?: string }) =>
    api.get<MicroLeadersReply>('/micro-leaders', query),
  setTags: (id: number, tags: string[]) => api.put<MicroLeaderChange>(`/micro-leaders/${id}/tags`, { tags }),
  withdraw: (id: number, reason: string) => api.post<MicroLeaderChange>(`/micro-leaders/${id}/withdraw`, { reason }),
};
