import { z } from 'zod';
import { idParam, urlNumber } from '../../../contracts/common';
import { matterCategories } from '../../../domain/matters/taxonomy';

export const idParams = z.object({ id: idParam });

export const showcaseQuery = z.object({
  /** A town or community (any place): matters in its subtree. */
  placeId: idParam.optional(),
  category: z.enum(matterCategories).optional(),
  page: urlNumber(1, 10_000).default(1),
  pageSize: urlNumber(1, 50).default(20),
});
export type ShowcaseQuery = z.infer<typeof showcaseQuery>;

/** multipart/form-data text fields of a showcase photo upload. */
export const showcasePhotoBody = z.object({ purpose: z.enum(['before', 'after']) });

export const openDataParams = z.object({
  name: z.enum(['matters.csv', 'matters.json', 'results.csv', 'results.json']),
});
