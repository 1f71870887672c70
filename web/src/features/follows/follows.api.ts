import { api } from '../../api/client';
import type { FollowReply } from '../../../../contracts/follows';

export type { FollowReply };

export const followsApi = {
  /** 关注: idempotent, like its undo. */
  follow: (matterId: number) => api.put<FollowReply>(`/matters/${matterId}/follow`),
  unfollow: (matterId: number) => api.delete<FollowReply>(`/matters/${matterId}/follow`),
};
