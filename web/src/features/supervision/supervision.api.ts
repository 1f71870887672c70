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
  overseers: { accountId: number; name: string; assignedAt: string }[];
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

export type PlaceSupervisor = { accountId: number; name: string; phone: string; placeName: string; isHere: boolean };

export const supervisorsApi = {
  list: (placeId: number) => api.get<{ items: PlaceSupervisor[] }>(`/places/${placeId}/supervisors`),
  appoint: (placeId: number, phone: string) => api.post<{ id: number }>(`/places/${placeId}/supervisors`, { phone }),
  end: (placeId: number, accountId: number) =>
    api.delete<{ id: number }>(`/places/${placeId}/supervisors/${accountId}`),
};
