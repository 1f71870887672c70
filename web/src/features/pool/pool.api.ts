import { api } from '../../api/client';

export type PoolMember = {
  id: number;
  kind: 'resident' | 'organisation';
  name: string;
  phone: string | null;
  isPhoneMasked: boolean;
  tags: string[];
  note: string | null;
  isActive: boolean;
  residentId: number | null;
  organisationId: number | null;
  organisationKind: string | null;
  placeName: string | null;
  councils: { id: number; name: string }[];
};

export type PoolList = {
  items: PoolMember[];
  tags: { tag: string; count: number }[];
  abilities: { 'pool.manage'?: boolean };
};

export type NewPoolMember =
  | { residentId: number; tags: string[]; note?: string }
  | { organisation: { name: string; kind: string; contactPhone?: string }; tags: string[]; note?: string };

export const poolApi = {
  list: (placeId: number, tag?: string, q?: string) => api.get<PoolList>(`/places/${placeId}/pool`, { tag, q }),
  add: (placeId: number, member: NewPoolMember) => api.post<PoolMember>(`/places/${placeId}/pool`, member),
  update: (memberId: number, patch: { tags?: string[]; note?: string | null; isActive?: boolean }) =>
    api.patch<PoolMember>(`/pool/${memberId}`, patch),
  builtInTags: () => api.get<{ builtIn: string[] }>('/pool/tags'),
};
