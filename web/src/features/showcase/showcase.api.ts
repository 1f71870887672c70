import { api, apiUrl } from '../../api/client';
import type {
  NoticeBoard,
  ShowcaseExtras,
  ShowcasePage,
  ShowcasePhotoList,
  ShowcasePhotoRemoved,
  ShowcasePhotosReply,
  ShowcasePlaces,
  ShowcaseQuery,
} from '../../../../contracts/showcase';

export type {
  BallotCheck,
  FilterPlace,
  Notice,
  NoticeBoard,
  PlaceStep,
  PublicBallot,
  ShowcaseCard,
  ShowcaseExtras,
  ShowcasePage,
  ShowcasePhoto,
} from '../../../../contracts/showcase';

export const showcaseApi = {
  list: (query: Partial<ShowcaseQuery>) => api.get<ShowcasePage>('/public/showcase', query),
  places: () => api.get<ShowcasePlaces>('/public/showcase/places'),
  extras: (matterId: number) => api.get<ShowcaseExtras>(`/public/showcase/matters/${matterId}`),
  notices: (placeId: number) => api.get<NoticeBoard>(`/public/places/${placeId}/notices`),
  photoUrl: (fileId: number) => apiUrl(`/public/matter-files/${fileId}`),
  uploadPhotos: (matterId: number, form: FormData) =>
    api.post<ShowcasePhotosReply>(`/matters/${matterId}/showcase-photos`, form),
  /** Staff preview: the matter's before/after photos, served to whoever may see the matter. */
  matterPhotos: (matterId: number) => api.get<ShowcasePhotoList>(`/matters/${matterId}/showcase-photos`),
  matterPhotoUrl: (fileId: number) => apiUrl(`/matter-files/${fileId}`),
  removePhoto: (matterId: number, fileId: number) =>
    api.delete<ShowcasePhotoRemoved>(`/matters/${matterId}/showcase-photos/${fileId}`),
};
