import { api } from '../../api/client';

export const councilKinds = [
  'residents_council',
  'sage_council',
  'owners_committee',
  'villagers_representatives',
  'custom',
] as const;
export type CouncilKind = (typeof councilKinds)[number];

export type CouncilSummary = {
  id: number;
  kind: CouncilKind;
  name: string;
  termStart: string;
  termEnd: string;
  memberCount: number;
  isCurrent: boolean;
};
export type Council = CouncilSummary & { placeId: number; placeName: string };

export const seatPositions = ['chair', 'vice_chair', 'secretary', 'member'] as const;
export type SeatPosition = (typeof seatPositions)[number];
export type CouncilSeat = {
  id: number;
  poolMemberId: number;
  name: string;
  position: SeatPosition;
  termStart: string;
  termEnd: string;
};

export type CouncilDetail = { council: Council; members: CouncilSeat[]; abilities: { 'council.manage'?: boolean } };

export const councilsApi = {
  list: (placeId: number) =>
    api.get<{ items: CouncilSummary[]; abilities: { 'council.manage'?: boolean } }>(`/places/${placeId}/councils`),
  create: (placeId: number, body: { kind: CouncilKind; name: string; termStart: string; termEnd: string }) =>
    api.post<Council>(`/places/${placeId}/councils`, body),
  get: (id: number) => api.get<CouncilDetail>(`/councils/${id}`),
  addSeat: (id: number, body: { poolMemberId: number; position: SeatPosition }) =>
    api.post<CouncilSeat>(`/councils/${id}/members`, body),
  removeSeat: (id: number, seatId: number) => api.delete<unknown>(`/councils/${id}/members/${seatId}`),
};
