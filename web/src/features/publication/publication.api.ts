import { api } from '../../api/client';

export type PublicTextKind = 'minutes' | 'resolution' | 'notice_title' | 'notice_body';

/** One source text beside its redacted version (GET /api/matters/:id/public-texts). */
export type PublicTextItem = {
  kind: PublicTextKind;
  sourceId: number;
  context: { meetingStartsAt?: string; noticeKind?: string };
  original: string;
  sourceDigest: string;
  proposed: string;
  hidden: { name: number; phone: number; idCard: number; idCardLike: number; digits: number; flat: number };
  state: 'confirmed' | 'stale' | 'unconfirmed';
  confirmed: { body: string; confirmedAt: string; confirmedBy: string } | null;
};

export type Publication = { matterId: number; items: PublicTextItem[]; labels: { name: string; label: string }[] };

export const publicationApi = {
  read: (matterId: number) => api.get<Publication>(`/matters/${matterId}/public-texts`),
  /** Confirms the (edited) public text; the server redacts it again before storing it. */
  confirm: (matterId: number, item: Pick<PublicTextItem, 'kind' | 'sourceId' | 'sourceDigest'>, body: string) =>
    api.post<Publication>(`/matters/${matterId}/public-texts`, {
      kind: item.kind,
      sourceId: item.sourceId,
      sourceDigest: item.sourceDigest,
      body,
    }),
};
