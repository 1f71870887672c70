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

export const bulletinsApi = {
  get: (placeId: number, month: string) => api.get<Bulletin>(`/bulletins/${placeId}/${month}`),
  generate: (placeId: number, month: string) => api.post<Bulletin>(`/places/${placeId}/bulletins`, { month }),
  list: (placeId: number) =>
    api.get<{ items: { month: string; generatedAt: string }[]; abilities: { generate: boolean } }>(
      `/places/${placeId}/bulletins`,
    ),
  fileUrl: (placeId: number, month: string, format: 'docx' | 'xlsx') =>
    apiUrl(`/bulletins/${placeId}/${month}/${format}`),
};
