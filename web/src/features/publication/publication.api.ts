import { api } from '../../api/client';
import type { ConfirmPublicTextBody, PublicationReply, PublicTextItem } from '../../../../contracts/publication';

export type { PublicTextItem, PublicTextKind } from '../../../../contracts/publication';
/** GET /api/matters/:id/public-texts: each source text beside its redacted version. */
export type Publication = PublicationReply;

export const publicationApi = {
  read: (matterId: number) => api.get<Publication>(`/matters/${matterId}/public-texts`),
  /** Confirms the (edited) public text; the server redacts it again before storing it. */
  confirm: (matterId: number, item: Pick<PublicTextItem, 'kind' | 'sourceId' | 'sourceDigest'>, body: string) =>
    api.post<Publication>(`/matters/${matterId}/public-texts`, {
      kind: item.kind,
      sourceId: item.sourceId,
      sourceDigest: item.sourceDigest,
      body,
    } satisfies ConfirmPublicTextBody),
};
