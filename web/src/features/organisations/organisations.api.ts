import { api } from '../../api/client';
import type {
  CategoriesReply,
  CoverageReply,
  MyOrganisationsReply,
  NewOrganisation,
  OrganisationPatch,
  OrganisationReply,
  OrganisationsReply,
  OrganisationSummary,
} from '../../../../contracts/organisations';

export { structureTiers, type StructureTier } from '../../../../domain/organisations/structure';
export type { CategoriesReply, CoverageReply, NewOrganisation, OrganisationReply, OrganisationSummary };

type Id = { id: number };
/** The list's filters, as the query string carries them (the statistics dashboard links with placeId and categoryId). */
export type OrganisationFilters = {
  placeId?: number;
  categoryId?: number;
  tier?: string;
  brand?: string;
  canDeliberate?: 'true' | 'false';
  servesPlaceId?: number;
  q?: string;
  page?: number;
};

/** 社会组织: the "1+3+N" categories, the register, agents (联络人), coverage. */
export const organisationsApi = {
  categories: (placeId: number) => api.get<CategoriesReply>(`/places/${placeId}/organisation-categories`),
  addCategory: (cityId: number, body: { name: string; tier: string; description: string }) =>
    api.post<Id>(`/places/${cityId}/organisation-categories`, body),
  editCategory: (id: number, body: { name?: string; tier?: string; description?: string }) =>
    api.patch<Id>(`/organisation-categories/${id}`, body),
  reorderCategories: (cityId: number, ids: number[]) =>
    api.post<Id>(`/places/${cityId}/organisation-categories/order`, { ids }),
  list: (filters: OrganisationFilters) => api.get<OrganisationsReply>('/organisations', filters),
  mine: () => api.get<MyOrganisationsReply>('/organisations/mine'),
  get: (id: number) => api.get<OrganisationReply>(`/organisations/${id}`),
  register: (placeId: number, body: NewOrganisation) => api.post<Id>(`/places/${placeId}/organisations`, body),
  update: (id: number, body: OrganisationPatch) => api.patch<Id>(`/organisations/${id}`, body),
  appointAgent: (id: number, phone: string) => api.post<Id>(`/organisations/${id}/agents`, { phone }),
  revokeAgent: (id: number, accountId: number, reason: string) =>
    api.delete<Id>(`/organisations/${id}/agents/${accountId}`, { reason }),
  coverage: (placeId: number) => api.get<CoverageReply>(`/places/${placeId}/organisation-coverage`),
};
