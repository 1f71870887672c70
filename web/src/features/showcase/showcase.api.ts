import { api, apiUrl } from '../../api/client';
import type { MatterCategory } from '../../../../domain/matters/taxonomy';

/** One condition of a ballot with its exact fraction (docs/api.md "Showcase and open data"). */
export type BallotCheck = {
  condition: 'quorum' | 'decision';
  measure: string;
  part: string;
  of: string;
  numerator: string;
  denominator: string;
  percent: string;
  threshold: string;
  met: boolean;
};
export type PublicBallot = {
  outcome: string;
  isStatutory: boolean;
  ruleName: string;
  checks: BallotCheck[];
  counts: { for: string; against: string; abstain: string } | null;
};
export type PlaceStep = { id: number; kind: string; name: string };

export type ShowcaseCard = {
  id: number;
  title: string;
  category: MatterCategory;
  kind: string;
  level: string;
  status: string;
  trail: PlaceStep[];
  raisedAt: string;
  /** snippet is null until staff confirm the resolution's public text. */
  resolution: { snippet: string | null; basis: string | null; resolvedAt: string | null } | null;
  ballot: PublicBallot | null;
  photos: { beforeId: number | null; afterId: number | null };
  implementation: { tasksDone: number; tasksTotal: number };
};
export type ShowcasePage = { items: ShowcaseCard[]; page: number; hasMore: boolean };
export type FilterPlace = { id: number; kind: 'town' | 'community'; name: string; parentId: number | null };
export type ShowcaseExtras = { photos: { before: number[]; after: number[] }; ballot: PublicBallot | null };

export type Notice = {
  id: number;
  kind: 'topic' | 'meeting' | 'result';
  title: string;
  body: string;
  startsOn: string;
  endsOn: string;
  trail: PlaceStep[];
  objectionEndsAt: string | null;
  matterId: number | null;
};
export type NoticeBoard = { place: PlaceStep & { trail: PlaceStep[] }; today: string; notices: Notice[] };

export const showcaseApi = {
  list: (query: { placeId?: number; category?: string; page?: number }) =>
    api.get<ShowcasePage>('/public/showcase', query),
  places: () => api.get<{ places: FilterPlace[] }>('/public/showcase/places'),
  extras: (matterId: number) => api.get<ShowcaseExtras>(`/public/showcase/matters/${matterId}`),
  notices: (placeId: number) => api.get<NoticeBoard>(`/public/places/${placeId}/notices`),
  photoUrl: (fileId: number) => apiUrl(`/public/matter-files/${fileId}`),
  uploadPhotos: (matterId: number, form: FormData) =>
    api.post<{ purpose: string; fileIds: number[] }>(`/matters/${matterId}/showcase-photos`, form),
};
