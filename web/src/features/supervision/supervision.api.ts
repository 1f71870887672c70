import { api } from '../../api/client';

export type Finding = {
  id: number;
  body: string;
  dueOn: string | null;
  supervisorName: string;
  answer: string | null;
  answeredBy: string | null;
  answeredAt: string | null;
  createdAt: string;
};

/** GET /api/matters/:id/supervision (staff and supervisors). */
export type MatterSupervision = {
  overseers: { accountId: number; name: string; assignedAt: string; endedAt: string | null }[];
  candidates: { accountId: number; name: string }[];
  findings: Finding[];
  abilities: { assign: boolean; recordFinding: boolean; answer: boolean };
};

export const dueKinds = [
  'overdue_task',
  'follow_up_missing',
  'look_back_due',
  'objection_unanswered',
  'finding_unanswered',
] as const;
export type DueKind = (typeof dueKinds)[number];
export type DueItem = {
  kind: DueKind;
  matterId: number;
  title: string;
  status: string;
  placeName: string;
  dueOn: string | null;
  detail: string;
  isOverseen: boolean;
};

export const supervisionApi = {
  matter: (matterId: number) => api.get<MatterSupervision>(`/matters/${matterId}/supervision`),
  assign: (matterId: number, supervisorAccountId: number) =>
    api.post<{ id: number }>(`/matters/${matterId}/oversight`, { supervisorAccountId }),
  recordFinding: (matterId: number, body: { body: string; dueOn?: string }) =>
    api.post<{ id: number }>(`/matters/${matterId}/findings`, body),
  answer: (findingId: number, answer: string) => api.post<{ id: number }>(`/findings/${findingId}/answer`, { answer }),
  due: () => api.get<{ today: string; items: DueItem[] }>('/supervision/due'),
};

export type PlaceSupervisor = {
  accountId: number;
  name: string;
  phone: string;
  placeName: string;
  isHere: boolean;
  /** The server's decision: an officer above the place, not the supervisor themself. */
  canRevoke: boolean;
};
/** GET /api/places/:id/supervisors, with what the viewer may do (officers above appoint and revoke). */
export type PlaceSupervisors = { items: PlaceSupervisor[]; abilities: { appoint: boolean; viewHistory: boolean } };

export const supervisorsApi = {
  list: (placeId: number) => api.get<PlaceSupervisors>(`/places/${placeId}/supervisors`),
  appoint: (placeId: number, body: { phone: string; reason?: string }) =>
    api.post<{ id: number }>(`/places/${placeId}/supervisors`, body),
  /** Revoking needs a reason; it goes to the record of grants. */
  end: (placeId: number, accountId: number, reason: string) =>
    api.delete<{ id: number }>(`/places/${placeId}/supervisors/${accountId}`, { reason }),
};
