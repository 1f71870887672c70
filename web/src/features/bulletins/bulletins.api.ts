import { api, apiUrl } from '../../api/client';
import type { Bulletin, BulletinList, PublicBulletin, PublicBulletinList } from '../../../../contracts/bulletins';

export type { FigureValue } from '../../../../contracts/statistics';
export type { Bulletin, BulletinAnchor, BulletinContent, PublicBulletin } from '../../../../contracts/bulletins';

/** What BulletinFigures shows: the staff content and the public bulletin both fit it. */
export type BulletinView = Omit<
  PublicBulletin,
  'generatedAt' | 'anchors' | 'byGovernance' | 'overdueReferrals' | 'capacity'
> & {
  /** 能力建设: absent (or null) for bulletins generated before capacity statistics. */
  capacity?: PublicBulletin['capacity'];
  /** Absent from bulletins generated before the 四治 tags. */
  byGovernance?: PublicBulletin['byGovernance'];
  /** Absent from bulletins stored before departments. */
  overdueReferrals?: PublicBulletin['overdueReferrals'];
};

/** The public page a printed bulletin's QR code leads to (server: publicBulletinPath). */
export const publicBulletinPath = (placeId: number, month: string) => `/public/places/${placeId}/bulletins/${month}`;

export const bulletinsApi = {
  get: (placeId: number, month: string) => api.get<Bulletin>(`/bulletins/${placeId}/${month}`),
  generate: (placeId: number, month: string) => api.post<Bulletin>(`/places/${placeId}/bulletins`, { month }),
  list: (placeId: number) => api.get<BulletinList>(`/places/${placeId}/bulletins`),
  publicGet: (placeId: number, month: string) => api.get<PublicBulletin>(`/public/bulletins/${placeId}/${month}`),
  publicList: (placeId: number) => api.get<PublicBulletinList>(`/public/places/${placeId}/bulletins`),
  fileUrl: (placeId: number, month: string, format: 'docx' | 'xlsx') =>
    apiUrl(`/bulletins/${placeId}/${month}/${format}`),
};
