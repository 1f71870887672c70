import { api } from '../../api/client';
import type {
  DwellingsPageView,
  HomeView,
  PlaceDetail,
  PlaceListReply,
  ResidentsPageView,
  SearchReply,
} from '../../../../contracts/places';

export type { PlaceKind } from '../../../../domain/territory/places';
export type {
  Dwelling,
  PlaceDetail,
  PlaceSearchHit,
  PlaceRefView as PlaceRef,
  PlaceSummaryView as PlaceSummary,
  PlaceView as Place,
  Resident,
  HomeView as Home,
} from '../../../../contracts/places';
/** What the viewer may do on a place, by action. */
export type PlaceAbilities = PlaceDetail['abilities'];

export const placesApi = {
  home: () => api.get<HomeView>('/places/home'),
  roots: () => api.get<PlaceListReply>('/places/roots'),
  get: (id: number) => api.get<PlaceDetail>(`/places/${id}`),
  children: (id: number) => api.get<PlaceListReply>(`/places/${id}/children`),
  search: (q: string, within?: number) => api.get<SearchReply>('/places/search', { q, within, limit: 20 }),
  /** `after`: the previous page's `next` cursor, when the page is reached by stepping forward. */
  dwellings: (id: number, page: number, after?: string, pageSize = 20) =>
    api.get<DwellingsPageView>(`/places/${id}/dwellings`, { page, pageSize, after }),
  residents: (id: number, q: string, page: number, after?: string, pageSize = 20) =>
    api.get<ResidentsPageView>(`/places/${id}/residents`, { q, page, pageSize, after }),
};
