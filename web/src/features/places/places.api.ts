import { api } from '../../api/client';

export type PlaceKind = 'city' | 'town' | 'community' | 'estate' | 'building' | 'unit';
export type PlaceRef = { id: number; kind: PlaceKind; name: string };
export type Place = PlaceRef & { code: string; isRural: boolean; parentId: number | null; path: string };
export type PlaceSummary = Place & { childCount: number; dwellingCount: number; residentCount: number };

export type PlaceAbility =
  | 'place.viewRoster'
  | 'roster.import'
  | 'roster.export'
  | 'pool.view'
  | 'pool.manage'
  | 'council.view'
  | 'council.manage'
  | 'grant.viewHistory';
export type PlaceAbilities = Partial<Record<PlaceAbility, boolean>>;

export type PlaceDetail = {
  place: Place;
  ancestors: PlaceRef[];
  counts: { children: number; dwellings: number; households: number; residents: number };
  abilities: PlaceAbilities;
};

export type PlaceSearchHit = PlaceRef & { trail: string };

export type Page<T> = { items: T[]; total: number; page: number; pageSize: number };

export type Dwelling = {
  id: number;
  code: string;
  room: string;
  floor: number | null;
  areaM2: string | null;
  use: string;
  placeId: number;
  placeName: string;
  owners: { residentId: number; name: string }[];
};

export type Resident = {
  id: number;
  code: string;
  name: string;
  gender: string | null;
  birthDate: string | null;
  age: number | null;
  isAdult: boolean;
  phone: string | null;
  isPhoneMasked: boolean;
  householdCode: string | null;
  dwellingRoom: string | null;
  placeId: number;
  placeName: string;
  tenure: string | null;
};

export type Home = {
  resident: { id: number; name: string; birthDate: string | null; tenure: string | null };
  dwelling: { id: number; room: string; floor: number | null; areaM2: string | null } | null;
  household: { code: string; members: { name: string; relationLabel?: string; isAdult: boolean }[] } | null;
  place: PlaceRef;
  ancestors: PlaceRef[];
  building: { id: number; name: string; dwellingCount: number; residentCount: number } | null;
};

export const placesApi = {
  home: () => api.get<Home>('/places/home'),
  roots: () => api.get<{ items: PlaceSummary[] }>('/places/roots'),
  get: (id: number) => api.get<PlaceDetail>(`/places/${id}`),
  children: (id: number) => api.get<{ items: PlaceSummary[] }>(`/places/${id}/children`),
  search: (q: string, within?: number) =>
    api.get<{ items: PlaceSearchHit[] }>('/places/search', { q, within, limit: 20 }),
  dwellings: (id: number, page: number, pageSize = 20) =>
    api.get<Page<Dwelling>>(`/places/${id}/dwellings`, { page, pageSize }),
  residents: (id: number, q: string, page: number, pageSize = 20) =>
    api.get<Page<Resident>>(`/places/${id}/residents`, { q, page, pageSize }),
};
