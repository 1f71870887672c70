import { api } from '../../api/client';
import type {
  NewTalentSelection,
  NominateBody,
  PublicTalents,
  TalentNominationsReply,
  TalentNominationView,
  TalentReviewBody,
  TalentSelectionDetail,
  TalentSelectionsReply,
  TalentSelectionView,
} from '../../../../contracts/talents';

/** 领军人才遴选: wire types from contracts/, stages from domain. */
export type {
  NewTalentSelection,
  PublicTalents,
  TalentNominationSummary,
  TalentNominationView,
  TalentSelectionDetail,
  TalentSelectionView,
} from '../../../../contracts/talents';
export {
  eligibilityFacts,
  nominationLifecycle,
  nominationStatuses,
  selectionLifecycle,
  type NominationStatus,
} from '../../../../domain/talents';

const nom = (id: number, step = '') => `/talent-nominations/${id}${step}`;
const sel = (id: number, step = '') => `/talent-selections/${id}${step}`;

export const talentsApi = {
  selections: () => api.get<TalentSelectionsReply>('/talent-selections'),
  createSelection: (body: NewTalentSelection) => api.post<TalentSelectionView>('/talent-selections', body),
  selection: (id: number) => api.get<TalentSelectionDetail>(sel(id)),
  moveSelection: (id: number, command: 'open' | 'review' | 'close') =>
    api.post<TalentSelectionView>(sel(id, `/${command}`), {}),
  nominate: (selectionId: number, body: NominateBody) =>
    api.post<TalentNominationView>(sel(selectionId, '/nominations'), body),
  nominations: (query: { placeId?: number; year?: number; status?: string }) =>
    api.get<TalentNominationsReply>('/talent-nominations', query),
  mine: () => api.get<{ items: TalentNominationView[] }>('/talent-nominations/mine'),
  consent: (id: number) => api.post<TalentNominationView>(nom(id, '/consent'), {}),
  admit: (id: number) => api.post<TalentNominationView>(nom(id, '/admit'), {}),
  ruleOut: (id: number, reason: string) => api.post<TalentNominationView>(nom(id, '/rule-out'), { reason }),
  review: (id: number, body: TalentReviewBody) => api.put<TalentNominationView>(nom(id, '/review'), body),
  notice: (id: number) => api.post<TalentNominationView>(nom(id, '/notice'), {}),
  confirm: (id: number) => api.post<TalentNominationView>(nom(id, '/confirm'), {}),
  decline: (id: number, reason: string) => api.post<TalentNominationView>(nom(id, '/decline'), { reason }),
  object: (id: number, body: string) => api.post<{ id: number }>(nom(id, '/objections'), { body }),
  answer: (objectionId: number, answer: string, upheld: boolean) =>
    api.post<TalentNominationView>(`/talent-objections/${objectionId}/answer`, { answer, upheld }),
  publicTalents: (year?: number) => api.get<PublicTalents>('/public/talents', year ? { year } : undefined),
  /** The certificate .docx (GET, followed as a link). */
  certificateUrl: (id: number) => `/api${nom(id, '/certificate')}`,
};

/** Minutes as hours with one decimal where needed: 720 → "12", 90 → "1.5". */
export const minutesAsHours = (minutes: number) => String(Math.round((minutes / 60) * 10) / 10);
