import { api } from '../../api/client';
import type { MatterCommand, MatterStatus, StageCapabilities } from '../../../../domain/matters/stages';
import type { MatterCategory, MatterKind, MatterLevel } from '../../../../domain/matters/taxonomy';
import type { ChainReport } from '../../../../domain/matters/chain-report';

export type MatterVisibility = 'public' | 'community' | 'participants';

/** A matter as the server presents it (matters.queries.ts `presentMatter`). */
export type Matter = {
  id: number;
  placeId: number;
  level: MatterLevel;
  kind: MatterKind;
  category: MatterCategory;
  title: string;
  description: string;
  status: MatterStatus;
  visibility: MatterVisibility;
  supportCount: number;
  declineReason: string | null;
  mergedIntoId: number | null;
  referralDepartment: string | null;
  referralDueOn: string | null;
  isRaisedOnBehalf: boolean;
  convenorAccountId: number | null;
  sealedAt: string | null;
  createdAt: string;
  updatedAt: string;
};

export type SimilarMatter = {
  id: number;
  title: string;
  status: MatterStatus;
  supportCount: number;
  similarity: number;
};

export type MatterList = {
  items: Matter[];
  countsByStatus: Partial<Record<MatterStatus, number>>;
  total: number;
  page: number;
  pageSize: number;
};

export type MatterOpenCommand = { command: MatterCommand; to: MatterStatus; blockers: string[] };

export type MatterPageView = {
  matter: Matter;
  proposerName: string;
  step: number | null;
  trail: { id: number; name: string; kind: string }[];
  format: { id: number; name: string } | null;
  hasSupported: boolean;
  /** Photos sent when the matter was raised (bytes at `matterFileUrl(id)`). */
  photos: { id: number }[];
  capabilities: StageCapabilities;
  abilities: Record<string, boolean>;
  commands: MatterOpenCommand[];
  timeline: { seq: number; action: string; at: string; actorName: string }[];
};

/** GET /matters/:id/chain: links, anchors and covered texts (domain/matters/chain-report). */
export type MatterChain = ChainReport;

export type MatterFormat = { id: number; name: string; description: string; isBuiltIn: boolean };

export type NewMatter = {
  placeId: number;
  level: MatterLevel;
  kind: MatterKind;
  category: MatterCategory;
  title: string;
  description: string;
  onBehalfOfResidentId?: number;
  /** Up to nine JPEG/PNG/WebP photos; with any, the raise goes as multipart/form-data. */
  photos?: File[];
};

/** The raise as JSON, or as a form with the same fields and the photos when there are any. */
function raiseBody({ photos, ...fields }: NewMatter): NewMatter | FormData {
  if (!photos?.length) return fields;
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) if (value !== undefined) form.append(name, String(value));
  for (const photo of photos) form.append('photos', photo, photo.name);
  return form;
}

export type AcceptInput = {
  level: MatterLevel;
  formatId: number;
  convenorAccountId?: number;
  visibility: MatterVisibility;
};

/** Where the browser fetches a stored photo of a matter (for those who may see the matter). */
export const matterFileUrl = (id: number) => `/api/matter-files/${id}`;

export const mattersApi = {
  raise: (input: NewMatter) => api.post<Matter>('/matters', raiseBody(input)),
  similar: (placeId: number, title: string) =>
    api.get<{ items: SimilarMatter[] }>('/matters/similar', { placeId, title }),
  list: (scope: 'mine' | 'queue', status?: string, page = 1, pageSize = 20) =>
    api.get<MatterList>('/matters', { scope, status, page, pageSize }),
  get: (id: number) => api.get<MatterPageView>(`/matters/${id}`),
  chain: (id: number) => api.get<MatterChain>(`/matters/${id}/chain`),
  support: (id: number) => api.post<{ supportCount: number }>(`/matters/${id}/supports`),
  accept: (id: number, input: AcceptInput) => api.post<{ id: number }>(`/matters/${id}/accept`, input),
  decline: (id: number, reason: string) => api.post<{ id: number }>(`/matters/${id}/decline`, { reason }),
  merge: (id: number, intoMatterId: number) => api.post<{ id: number }>(`/matters/${id}/merge`, { intoMatterId }),
  refer: (id: number, department: string, dueOn: string) =>
    api.post<{ id: number }>(`/matters/${id}/refer`, { department, dueOn }),
  escalate: (id: number, reason: string) => api.post<{ id: number }>(`/matters/${id}/escalate`, { reason }),
  formats: (placeId: number) => api.get<{ items: MatterFormat[] }>(`/places/${placeId}/formats`),
  /** The server-sent events URL of one matter (`event: matter` whenever its chain grows). */
  eventsUrl: (id: number) => `/api/matters/${id}/events`,
};
