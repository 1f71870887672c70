import { api } from '../../api/client';
import type {
  AppointStaffBody,
  ChangedReply,
  GrantEvent,
  GrantHistory,
  PlaceStaff,
  RevokeStaffBody,
  StaffRole,
} from '../../../../contracts/grants';

export type { GrantEvent, PlaceStaff, StaffRole };
/** A convenor or grid worker of the place (or of a place above it); phones masked. */
export type PlaceStaffMember = PlaceStaff['items'][number];

export const grantsApi = {
  staff: (placeId: number) => api.get<PlaceStaff>(`/places/${placeId}/staff`),
  appointStaff: (placeId: number, body: AppointStaffBody) => api.post<ChangedReply>(`/places/${placeId}/staff`, body),
  /** Revoking needs a reason; it goes to the record of grants. */
  revokeStaff: (placeId: number, accountId: number, body: RevokeStaffBody) =>
    api.delete<ChangedReply>(`/places/${placeId}/staff/${accountId}`, body),
  /** GET /api/places/:id/grant-events: the place's subtree, newest first (officers over it). */
  history: (placeId: number, page = 1) => api.get<GrantHistory>(`/places/${placeId}/grant-events`, { page }),
};
