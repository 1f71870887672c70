import { api } from '../../api/client';
import type {
  MatterVenues,
  PublicVenue,
  Venue,
  VenueDetail,
  VenueInput,
  VenueList,
  VenueOptions,
} from '../../../../contracts/venues';
import type { RulesVersionInput } from '../../../../contracts/rules';

/** 议事阵地: wire types from contracts/, kinds and lists from domain. */
export type {
  FiveHaveCheckView,
  PublicVenue,
  Venue,
  VenueBooking,
  VenueDetail,
  VenueInput,
} from '../../../../contracts/venues';
export {
  fiveHaves,
  venueAccessibilityFeatures,
  venueKinds,
  venuePlaceKinds,
  venueReviewLifecycle,
  type FiveHave,
  type VenueAccessibility,
  type VenueKind,
} from '../../../../domain/territory/venues';

/** The public URL of a venue photo. */
export const venueFileUrl = (fileId: number) => `/api/public/venue-files/${fileId}`;

export const venuesApi = {
  list: (placeId: number) => api.get<VenueList>(`/places/${placeId}/venues`),
  options: (placeId: number) => api.get<VenueOptions>(`/places/${placeId}/venue-options`),
  create: (placeId: number, body: VenueInput) => api.post<Venue>(`/places/${placeId}/venues`, body),
  get: (id: number) => api.get<VenueDetail>(`/venues/${id}`),
  update: (id: number, body: VenueInput) => api.put<Venue>(`/venues/${id}`, body),
  uploadPhotos: (id: number, form: FormData) => api.post<Venue>(`/venues/${id}/photos`, form),
  addRules: (id: number, body: RulesVersionInput) =>
    api.post<{ documentId: number; versionId: number }>(`/venues/${id}/rules`, body),
  submit: (id: number) => api.post<Venue>(`/venues/${id}/submit`),
  approve: (id: number) => api.post<Venue>(`/venues/${id}/approve`),
  returnToStaff: (id: number, reason: string) => api.post<Venue>(`/venues/${id}/return`, { reason }),
  book: (id: number, body: { title: string; startsAt: string; endsAt: string }) =>
    api.post<{ id: number }>(`/venues/${id}/bookings`, body),
  forMatter: (matterId: number) => api.get<MatterVenues>(`/matters/${matterId}/venues`),
  publicVenue: (id: number) => api.get<PublicVenue>(`/public/venues/${id}`),
};
