import type { StaffAppointment } from '../../../../domain/access/policies/grant.policy';
import { api } from '../../api/client';

/** One row of the record of grants (任免记录): whom, which role, where, who acted, when, why. */
export type GrantEvent = {
  id: number;
  kind: 'granted' | 'revoked';
  role: string;
  placeName: string;
  accountName: string;
  /** Always masked (138****5678). */
  accountPhone: string;
  actorKind: 'account' | 'cli' | 'before_record';
  /** The person's name when `actorKind` is `account`. */
  actorName: string | null;
  reason: string;
  at: string;
};

/** A staff role the panel appoints (the domain's list, never a web copy). */
export type StaffRole = StaffAppointment;
/** A convenor or grid worker of the place (or of a place above it); phones masked. */
export type PlaceStaffMember = {
  accountId: number;
  name: string;
  phone: string;
  role: StaffRole;
  placeName: string;
  isHere: boolean;
  canRevoke: boolean;
};
export type PlaceStaff = { items: PlaceStaffMember[]; abilities: { appoint: boolean; viewHistory: boolean } };

export const grantsApi = {
  staff: (placeId: number) => api.get<PlaceStaff>(`/places/${placeId}/staff`),
  appointStaff: (placeId: number, body: { phone: string; role: StaffRole; reason?: string }) =>
    api.post<{ id: number }>(`/places/${placeId}/staff`, body),
  /** Revoking needs a reason; it goes to the record of grants. */
  revokeStaff: (placeId: number, accountId: number, body: { role: StaffRole; reason: string }) =>
    api.delete<{ id: number }>(`/places/${placeId}/staff/${accountId}`, body),
  /** GET /api/places/:id/grant-events: the place's subtree, newest first (officers over it). */
  history: (placeId: number, page = 1) =>
    api.get<{ items: GrantEvent[]; total: number; pageSize: number }>(`/places/${placeId}/grant-events`, { page }),
};
