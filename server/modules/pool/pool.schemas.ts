import { z } from 'zod';
import { idField, idParam } from '../../../contracts/common';
import { TAG_MAX_LENGTH, TAGS_PER_MEMBER, normaliseTags } from '../../../domain/people/tags';

export const organisationKinds = [
  'property_company',
  'law_firm',
  'department',
  'social_organisation',
  'enterprise',
  'other',
] as const;

/** Free tags: trimmed, 1–20 characters each, duplicates dropped, at most 10. */
export const tagList = z
  .array(z.string().trim().min(1).max(TAG_MAX_LENGTH))
  .max(50)
  .transform(normaliseTags)
  .refine((tags) => tags.length <= TAGS_PER_MEMBER, 'pool.tags_too_many');

const note = z.string().trim().max(500);

export const memberParams = z.object({ memberId: idParam });
export const poolQuery = z.object({
  tag: z.string().trim().min(1).max(TAG_MAX_LENGTH).optional(),
  q: z.string().trim().max(50).optional(),
});

/** Either a resident of the place or an organisation, never both. */
export const addPoolMemberBody = z
  .object({
    residentId: idField.optional(),
    organisation: z
      .object({
        name: z.string().trim().min(1).max(100),
        kind: z.enum(organisationKinds),
        contactPhone: z
          .string()
          .trim()
          .regex(/^\+?[\d\s-]{5,20}$/, 'validation.wrong_type')
          .optional(),
      })
      .optional(),
    tags: tagList.default([]),
    note: note.optional(),
  })
  .superRefine((body, ctx) => {
    if ((body.residentId === undefined) === (body.organisation === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['residentId'], message: 'pool.one_party' });
    }
  });
export type AddPoolMemberBody = z.infer<typeof addPoolMemberBody>;

export const updatePoolMemberBody = z.object({
  tags: tagList.optional(),
  note: note.nullable().optional(),
  isActive: z.boolean().optional(),
});
export type UpdatePoolMemberBody = z.infer<typeof updatePoolMemberBody>;

export const poolMemberView = z.object({
  id: z.number(),
  kind: z.enum(['resident', 'organisation']),
  name: z.string(),
  phone: z.string().nullable(),
  isPhoneMasked: z.boolean(),
  tags: z.array(z.string()),
  note: z.string().nullable(),
  isActive: z.boolean(),
  residentId: z.number().nullable(),
  organisationId: z.number().nullable(),
  organisationKind: z.enum(organisationKinds).nullable(),
  placeName: z.string(),
  councils: z.array(z.object({ id: z.number(), name: z.string() })),
});
export type PoolMemberView = z.infer<typeof poolMemberView>;

export const poolReply = z.object({
  items: z.array(poolMemberView),
  tags: z.array(z.object({ tag: z.string(), count: z.number() })),
  abilities: z.object({ 'pool.manage': z.boolean() }),
});
export const builtInTagsReply = z.object({ builtIn: z.array(z.string()) });
