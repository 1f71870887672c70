import { api } from '../../api/client';

/** Steps 4b–5 (云议事, 协商结果): comments with stances, the resolution, confirmations and objections. */
export type Stance = 'for' | 'against' | 'neutral';
export const stances: readonly Stance[] = ['for', 'against', 'neutral'];

export type Comment = {
  id: number;
  parentId: number | null;
  /** As the server names them: display name to staff, 居民 + initial to everyone else. */
  author: string;
  isMine: boolean;
  stance: Stance;
  /** For non-staff a hidden comment's body is the server's `已隐藏：<reason>`. */
  body: string;
  isHidden: boolean;
  hiddenReason: string | null;
  createdAt: string;
};
export type CommentList = {
  items: Comment[];
  counts: Record<Stance, number>;
  abilities: { 'matter.discuss': boolean; 'matter.moderate': boolean };
};
export type CommentInput = { body: string; stance: Stance; parentId?: number };

export type ResolutionBasis = 'consensus' | 'ballot';
export type Resolution = {
  id: number;
  body: string;
  basis: ResolutionBasis;
  meetingId: number | null;
  ballotId: number | null;
  objectionEndsAt: string;
  isObjectionWindowOpen: boolean;
  createdAt: string;
};
export type Objection = {
  id: number;
  author: string;
  isMine: boolean;
  body: string;
  answer: string | null;
  answeredAt: string | null;
  createdAt: string;
};
export type ResolutionDetail = {
  resolution: Resolution | null;
  confirmations: { name: string; at: string }[];
  confirmedByMe: boolean;
  objections: Objection[];
};
export type ResolutionInput = {
  body: string;
  basis: ResolutionBasis;
  meetingId?: number;
  ballotId?: number;
  objectionDays: number;
};

export const resolutionsApi = {
  comments: (matterId: number) => api.get<CommentList>(`/matters/${matterId}/comments`),
  postComment: (matterId: number, input: CommentInput) => api.post<Comment>(`/matters/${matterId}/comments`, input),
  hideComment: (commentId: number, reason: string) =>
    api.post<{ id: number; isHidden: boolean; hiddenReason: string | null }>(`/comments/${commentId}/hide`, {
      reason,
    }),
  resolution: (matterId: number) => api.get<ResolutionDetail>(`/matters/${matterId}/resolution`),
  draftResolution: (matterId: number, input: ResolutionInput) =>
    api.post<Resolution>(`/matters/${matterId}/resolution`, input),
  confirm: (matterId: number) =>
    api.post<{ confirmed: boolean; at: string }>(`/matters/${matterId}/resolution/confirm`),
  raiseObjection: (matterId: number, body: string) =>
    api.post<{ id: number; body: string; createdAt: string }>(`/matters/${matterId}/objections`, { body }),
  answerObjection: (objectionId: number, answer: string) =>
    api.post<{ id: number; answer: string; answeredAt: string }>(`/objections/${objectionId}/answer`, { answer }),
};
