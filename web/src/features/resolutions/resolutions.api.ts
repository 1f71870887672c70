import { api } from '../../api/client';
import type {
  AnswerReply,
  ConfirmReply,
  DraftResolutionBody,
  ObjectionReply,
  Resolution,
  ResolutionDetail,
} from '../../../../contracts/resolutions';

/** Step 5 (协商结果): the resolution, confirmations and objections. Wire types from contracts/. */
export type { Objection, Resolution, ResolutionBasis, ResolutionDetail } from '../../../../contracts/resolutions';
export type ResolutionInput = DraftResolutionBody;

export const resolutionsApi = {
  resolution: (matterId: number) => api.get<ResolutionDetail>(`/matters/${matterId}/resolution`),
  draftResolution: (matterId: number, input: ResolutionInput) =>
    api.post<Resolution>(`/matters/${matterId}/resolution`, input),
  confirm: (matterId: number) => api.post<ConfirmReply>(`/matters/${matterId}/resolution/confirm`),
  raiseObjection: (matterId: number, body: string) =>
    api.post<ObjectionReply>(`/matters/${matterId}/objections`, { body }),
  answerObjection: (objectionId: number, answer: string) =>
    api.post<AnswerReply>(`/objections/${objectionId}/answer`, { answer }),
};
