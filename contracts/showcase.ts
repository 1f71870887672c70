import { z } from 'zod';
import { idParam, urlNumber } from './common';
import { matterCategories } from '../domain/matters/taxonomy';

export const IdParamsSchema = z.object({ id: idParam });

export const ShowcaseQuerySchema = z.object({
  /** A town or community (any place): matters in its subtree. */
  placeId: idParam.optional(),
  category: z.enum(matterCategories).optional(),
  page: urlNumber(1, 10_000).default(1),
  pageSize: urlNumber(1, 50).default(20),
});
export type ShowcaseQuery = z.infer<typeof ShowcaseQuerySchema>;

/** multipart/form-data text fields of a showcase photo upload. */
export const ShowcasePhotoBodySchema = z.object({ purpose: z.enum(['before', 'after']) });

export const OpenDataParamsSchema = z.object({
  name: z.enum(['matters.csv', 'matters.json', 'results.csv', 'results.json']),
});
