import type { MatterListScope } from '../../../../domain/matters/list-scopes';
import { api } from '../../api/client';
import type { ChainReport } from '../../../../contracts/chain';
import type {
  AcceptBody,
  FormatBody,
  CommunityList,
  CommunityQuery,
  FormatListReply,
  Matter,
  MatterFormat,
  MatterIdReply,
  MatterList,
  MatterPageView,
  RaiseBody,
  SimilarReply,
  SupportReply,
} from '../../../../contracts/matters';

export type { MatterVisibility } from '../../../../contracts/common';
export type { ChainReport as MatterChain } from '../../../../contracts/chain';
export type { CommunityMatter, CommunityList, CommunityQuery } from '../../../../contracts/matters';
export type {
  FormatBody,
  Matter,
  MatterFormat,
  MatterList,
  MatterPageView,
  SimilarMatter,
} from '../../../../contracts/matters';
export { inviteeGroups, tagsOfGroups, type InviteeGroup } from '../../../../domain/matters/formats';
export type MatterOpenCommand = MatterPageView['commands'][number];

/** A raise; with photos (up to nine JPEG/PNG/WebP) it goes as multipart/form-data. */
export type NewMatter = RaiseBody & { photos?: File[] };

/** The raise as JSON, or as a form with the same fields and the photos when there are any. */
function raiseBody({ photos, ...fields }: NewMatter): NewMatter | FormData {
  if (!photos?.length) return fields;
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) if (value !== undefined) form.append(name, String(value));
  for (const photo of photos) form.append('photos', photo, photo.name);
  return form;
}

export type AcceptInput = AcceptBody;

/** Where the browser fetches a stored photo of a matter (for those who may see the matter). */
export const matterFileUrl = (id: number) => `/api/matter-files/${id}`;

export const mattersApi = {
  raise: (input: NewMatter) => api.post<Matter>('/matters', raiseBody(input)),
  /** Where a raise is posted (the outbox keeps the path beside a JSON body). */
  raisePath: '/matters',
  similar: (placeId: number, title: string) => api.get<SimilarReply>('/matters/similar', { placeId, title }),
  list: (scope: MatterListScope, status?: string, page = 1, pageSize = 20) =>
    api.get<MatterList>('/matters', { scope, status, page, pageSize }),
  /** 社区议事: the matters of my community, filtered, searched and paged. */
  community: (query: Partial<Record<keyof CommunityQuery, string | number>>) =>
    api.get<CommunityList>('/matters/community', query),
  get: (id: number) => api.get<MatterPageView>(`/matters/${id}`),
  chain: (id: number) => api.get<ChainReport>(`/matters/${id}/chain`),
  support: (id: number) => api.post<SupportReply>(`/matters/${id}/supports`),
  accept: (id: number, input: AcceptInput) => api.post<MatterIdReply>(`/matters/${id}/accept`, input),
  decline: (id: number, reason: string) => api.post<MatterIdReply>(`/matters/${id}/decline`, { reason }),
  merge: (id: number, intoMatterId: number) => api.post<MatterIdReply>(`/matters/${id}/merge`, { intoMatterId }),
  refer: (id: number, departmentId: number, dueOn: string, note: string) =>
    api.post<MatterIdReply>(`/matters/${id}/refer`, { departmentId, dueOn, note }),
  escalate: (id: number, reason: string) => api.post<MatterIdReply>(`/matters/${id}/escalate`, { reason }),
  formats: (placeId: number) => api.get<FormatListReply>(`/places/${placeId}/formats`),
  createFormat: (placeId: number, input: FormatBody) => api.post<MatterFormat>(`/places/${placeId}/formats`, input),
  editFormat: (formatId: number, input: FormatBody) => api.put<MatterFormat>(`/formats/${formatId}`, input),
  /** The server-sent events URL of one matter (`event: matter` whenever its chain grows). */
  eventsUrl: (id: number) => `/api/matters/${id}/events`,
};
