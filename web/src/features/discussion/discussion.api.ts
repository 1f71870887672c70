import { api } from '../../api/client';
import type { Comment, CommentList, CreateCommentBody, HiddenReply } from '../../../../contracts/discussion';

/** Step 4b (云议事): comments with stances and their moderation. Wire types from contracts/. */
export type { Comment, CommentList, Stance } from '../../../../contracts/discussion';
export { stances } from '../../../../domain/matters/stances';
export type CommentInput = CreateCommentBody;

export const discussionApi = {
  comments: (matterId: number) => api.get<CommentList>(`/matters/${matterId}/comments`),
  postComment: (matterId: number, input: CommentInput) => api.post<Comment>(`/matters/${matterId}/comments`, input),
  hideComment: (commentId: number, reason: string) => api.post<HiddenReply>(`/comments/${commentId}/hide`, { reason }),
};
