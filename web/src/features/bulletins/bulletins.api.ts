import { api, apiUrl } from '../../api/client';

export type FigureValue = { value: number | null; n: number; num?: number; den?: number };
type MatterRef = { matterId: number; title: string; placeName: string };

/** What a bulletin holds (server: bulletins.schemas.ts bulletinContent). */
export type BulletinContent = {
  place: { id: number; name: string; kind: string };
  month: string;
  period: { from: string; to: string };
  asOf: string;
  figures: Record<string, FigureValue>;
  byPlace: ({ placeId: number | null; name: string } & Record<
    'raised' | 'resolved' | 'archived' | 'overdueTasks' | 'implementationRate' | 'satisfaction',
    FigureValue
  >)[];
  overdueTasks: (MatterRef & { task: string; ownerName: string; dueOn: string; daysOverdue: number })[];
  best: (MatterRef & { score: number; outcome: string })[];
  mostOverdue: (MatterRef & { openTasks: number; daysOverdue: number })[];
};
export type Bulletin = {
  id: number;
  content: BulletinContent;
  generatedAt: string;
  generatedBy: string | null;
  abilities: { generate: boolean };
};

/** A matter the public bulletin names: id and (redacted) title only when it is public, else both null. */
type PublicMatterRef = { matterId: number | null; title: string | null; placeName: string };

/** The bulletin as anyone may read it (server: bulletins.schemas.ts publicBulletinReply). */
export type PublicBulletin = Pick<BulletinContent, 'place' | 'month' | 'period' | 'asOf' | 'figures' | 'byPlace'> & {
  generatedAt: string;
  overdueTasks: (PublicMatterRef & { task: string | null; dueOn: string; daysOverdue: number })[];
  best: (PublicMatterRef & { score: number; outcome: string })[];
  mostOverdue: (PublicMatterRef & { openTasks: number; daysOverdue: number })[];
  /** The month's chain anchors (链锚), one per day. */
  anchors: BulletinAnchor[];
};

/** One day's signed root over every matter's chain (server: bulletins.schemas.ts dayAnchor). */
export type BulletinAnchor = { day: string; root: string; matterCount: number; signature: string; keyId: string };

/** What BulletinFigures shows: the staff content and the public bulletin both fit it. */
export type BulletinView = Omit<PublicBulletin, 'generatedAt' | 'anchors'>;

/** The public page a printed bulletin's QR code leads to (server: publicBulletinPath). */
export const publicBulletinPath = (placeId: number, month: string) => `/public/places/${placeId}/bulletins/${month}`;

export const bulletinsApi = {
  get: (placeId: number, month: string) => api.get<Bulletin>(`/bulletins/${placeId}/${month}`),
  generate: (placeId: number, month: string) => api.post<Bulletin>(`/places/${placeId}/bulletins`, { month }),
  list: (placeId: number) =>
    api.get<{ items: { month: string; generatedAt: string }[]; abilities: { generate: boolean } }>(
      `/places/${placeId}/bulletins`,
    ),
  publicGet: (placeId: number, month: string) => api.get<PublicBulletin>(`/public/bulletins/${placeId}/${month}`),
  publicList: (placeId: number) =>
    api.get<{ current: string | null; items: { month: string }[] }>(`/public/places/${placeId}/bulletins`),
  fileUrl: (placeId: number, month: string, format: 'docx' | 'xlsx') =>
    apiUrl(`/bulletins/${placeId}/${month}/${format}`),
};
