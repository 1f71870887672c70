import { z } from 'zod';
import { matterCategories } from '../../../domain/matters/taxonomy';

export const idParams = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });

export const showcaseQuery = z.object({
  /** A town or community (any place): matters in its subtree. */
  placeId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  category: z.enum(matterCategories).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(50).default(20),
});
export type ShowcaseQuery = z.infer<typeof showcaseQuery>;

/** multipart/form-data text fields of a showcase photo upload. */
export const showcasePhotoBody = z.object({ purpose: z.enum(['before', 'after']) });

export const openDataParams = z.object({
  name: z.enum(['matters.csv', 'matters.json', 'results.csv', 'results.json']),
});
