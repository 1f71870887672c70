import { api } from '../../api/client';
import type {
  CommitteeReply,
  DepartmentBehindReply,
  DepartmentRef,
  DepartmentStatsReply,
  MatterReferralsReply,
  QueueReply,
  ReferralReply,
} from '../../../../contracts/departments';

export { departmentKinds, referralStatuses, departmentFigures } from '../../../../domain/departments';
export type { DepartmentKind, ReferralStatus, DepartmentFigure } from '../../../../domain/departments';
export type { CommitteeReply, DepartmentRef, MatterReferralsReply, QueueReply, ReferralReply, DepartmentStatsReply };
export type ReferralSummary = QueueReply['items'][number];

type Id = { id: number };

/** 社工委, departments and their liaisons; referrals (转办) and the liaison's queue; department statistics. */
export const departmentsApi = {
  committee: (placeId: number) => api.get<CommitteeReply>(`/places/${placeId}/committee`),
  options: (placeId: number) => api.get<{ items: DepartmentRef[] }>(`/places/${placeId}/departments`),
  create: (placeId: number, body: { name: string; kind: string }) =>
    api.post<Id>(`/places/${placeId}/departments`, body),
  appointLiaison: (departmentId: number, phone: string) =>
    api.post<Id>(`/departments/${departmentId}/liaisons`, { phone }),
  revokeLiaison: (departmentId: number, accountId: number, reason: string) =>
    api.delete<Id>(`/departments/${departmentId}/liaisons/${accountId}`, { reason }),
  queue: (status?: string) => api.get<QueueReply>(`/referrals${status ? `?status=${status}` : ''}`),
  referral: (id: number) => api.get<ReferralReply>(`/referrals/${id}`),
  accept: (id: number) => api.post<Id>(`/referrals/${id}/accept`),
  answer: (id: number, reply: string) => api.post<Id>(`/referrals/${id}/answer`, { reply }),
  handBack: (id: number, reason: string) => api.post<Id>(`/referrals/${id}/hand-back`, { reason }),
  ofMatter: (matterId: number) => api.get<MatterReferralsReply>(`/matters/${matterId}/referrals`),
  referAgain: (matterId: number, body: { departmentId: number; dueOn: string; note: string; taskId?: number }) =>
    api.post<Id>(`/matters/${matterId}/referrals`, body),
  stats: (placeId: number, from: string, to: string) =>
    api.get<DepartmentStatsReply>(`/places/${placeId}/department-statistics?from=${from}&to=${to}`),
  behind: (placeId: number, q: { from: string; to: string; departmentId: number; figure: string }) =>
    api.get<DepartmentBehindReply>(
      `/places/${placeId}/department-statistics/referrals?from=${q.from}&to=${q.to}&departmentId=${q.departmentId}&figure=${q.figure}`,
    ),
};
