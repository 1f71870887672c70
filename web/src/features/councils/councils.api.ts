import { api } from '../../api/client';
import type {
  Council,
  CouncilDetail,
  CouncilList,
  CouncilSeat,
  NewCouncil,
  NewSeat,
  SeatRemovedReply,
} from '../../../../contracts/councils';

/** Councils (议事会) with seats and terms. Wire types from contracts/, kinds and positions from domain. */
export type { Council, CouncilDetail, CouncilSeat } from '../../../../contracts/councils';
export type { CouncilKind, SeatPosition } from '../../../../domain/territory/councils';
export { councilKinds, seatPositions } from '../../../../domain/territory/councils';
/** A council in a list: the list's rows carry its place too. */
export type CouncilSummary = Council;

export const councilsApi = {
  list: (placeId: number) => api.get<CouncilList>(`/places/${placeId}/councils`),
  create: (placeId: number, body: NewCouncil) => api.post<Council>(`/places/${placeId}/councils`, body),
  get: (id: number) => api.get<CouncilDetail>(`/councils/${id}`),
  addSeat: (id: number, body: NewSeat) => api.post<CouncilSeat>(`/councils/${id}/members`, body),
  removeSeat: (id: number, seatId: number) => api.delete<SeatRemovedReply>(`/councils/${id}/members/${seatId}`),
};
