import { api } from '../../api/client';
import type { PublicMatter } from '../../../../contracts/public-matters';

export type { PublicAnchor, PublicMatter } from '../../../../contracts/public-matters';

export const publicMattersApi = {
  get: (id: number) => api.get<PublicMatter>(`/public/matters/${id}`),
  /** The downloadable public file (the record plus the chain's links). */
  fileUrl: (id: number) => `/api/public/matters/${id}/file.json`,
};
