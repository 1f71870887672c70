import { api } from '../../api/client';
import type { RulesDocument, RulesVersionInput, StandardPage } from '../../../../contracts/rules';

/** 议事制度: the county standard and the rules of councils and venues (public reads). */
export type { RulesDocument, RulesVersion, StandardPage } from '../../../../contracts/rules';
export type { RulesDocumentOwner } from '../../../../domain/territory/rules-documents';

export const rulesApi = {
  standard: () => api.get<StandardPage>('/public/standard'),
  ofCouncil: (id: number) => api.get<RulesDocument>(`/public/rules/council/${id}`),
  ofVenue: (id: number) => api.get<RulesDocument>(`/public/rules/venue/${id}`),
  addCouncilVersion: (id: number, body: RulesVersionInput) =>
    api.post<{ documentId: number; versionId: number }>(`/councils/${id}/rules`, body),
};
