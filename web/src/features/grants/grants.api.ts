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
  actorName: string;
  reason: string;
  at: string;
};

export const grantsApi = {
  /** GET /api/places/:id/grant-events: the place's subtree, newest first (officers over it). */
  history: (placeId: number, page = 1) =>
    api.get<{ items: GrantEvent[]; total: number; pageSize: number }>(`/places/${placeId}/grant-events`, { page }),
};
