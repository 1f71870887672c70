import { api } from '../../api/client';
import type {
  BuiltInTagsReply,
  NewPoolMember,
  PoolList,
  PoolMember,
  PoolMemberPatch,
} from '../../../../contracts/pool';

/** The member pool (议事协商成员库). Wire types from contracts/. */
export type { NewPoolMember, OrganisationKind, PoolList, PoolMember } from '../../../../contracts/pool';

export const poolApi = {
  list: (placeId: number, tag?: string, q?: string) => api.get<PoolList>(`/places/${placeId}/pool`, { tag, q }),
  add: (placeId: number, member: NewPoolMember) => api.post<PoolMember>(`/places/${placeId}/pool`, member),
  update: (memberId: number, patch: PoolMemberPatch) => api.patch<PoolMember>(`/pool/${memberId}`, patch),
  builtInTags: () => api.get<BuiltInTagsReply>('/pool/tags'),
};
