import { api } from '../../api/client';
import type { AppointSupervisorBody } from '../../../../contracts/grants';
import type {
  CreatedReply,
  DueReply,
  Finding,
  FindingBody,
  MatterSupervision,
  SupervisorsReply,
} from '../../../../contracts/supervision';

export { dueKinds, type DueKind } from '../../../../domain/supervision/due-kinds';
export type { Finding, MatterSupervision };
export type DueItem = DueReply['items'][number];

export const supervisionApi = {
  matter: (matterId: number) => api.get<MatterSupervision>(`/matters/${matterId}/supervision`),
  assign: (matterId: number, supervisorAccountId: number) =>
    api.post<CreatedReply>(`/matters/${matterId}/oversight`, { supervisorAccountId }),
  recordFinding: (matterId: number, body: FindingBody) => api.post<CreatedReply>(`/matters/${matterId}/findings`, body),
  answer: (findingId: number, answer: string) => api.post<CreatedReply>(`/findings/${findingId}/answer`, { answer }),
  due: () => api.get<DueReply>('/supervision/due'),
};

/** GET /api/places/:id/supervisors, with what the viewer may do (officers above appoint and revoke). */
export type PlaceSupervisors = SupervisorsReply;
export type PlaceSupervisor = SupervisorsReply['items'][number];

export const supervisorsApi = {
  list: (placeId: number) => api.get<PlaceSupervisors>(`/places/${placeId}/supervisors`),
  appoint: (placeId: number, body: AppointSupervisorBody) =>
    api.post<CreatedReply>(`/places/${placeId}/supervisors`, body),
  /** Revoking needs a reason; it goes to the record of grants. */
  end: (placeId: number, accountId: number, reason: string) =>
    api.delete<CreatedReply>(`/places/${placeId}/supervisors/${accountId}`, { reason }),
};
