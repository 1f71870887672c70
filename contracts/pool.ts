import { z } from 'zod';
import { abilitiesSchema, idField, idParam } from './common';
import { organisationKinds, poolMemberKinds } from '../domain/people/organisations';
import { TAG_MAX_LENGTH, TAGS_PER_MEMBER, normaliseTags } from '../domain/people/tags';

/** The member pool (议事协商成员库): residents and organisations with free tags. */

export { organisationKinds, type OrganisationKind } from '../domain/people/organisations';

/** Free tags: trimmed, 1–20 characters each, duplicates dropped, at most 10. */
export const TagListSchema = z
  .array(z.string().trim().min(1).max(TAG_MAX_LENGTH))
  .max(50)
  .transform(normaliseTags)
  .refine((tags) => tags.length <= TAGS_PER_MEMBER, 'pool.tags_too_many');

const NoteSchema = z.string().trim().max(500);

export const MemberParamsSchema = z.object({ memberId: idParam });
export const PoolQuerySchema = z.object({
  tag: z.string().trim().min(1).max(TAG_MAX_LENGTH).optional(),
  q: z.string().trim().max(50).optional(),
});

/** Either a resident of the place or an organisation, never both. */
export const AddPoolMemberBodySchema = z
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
    tags: TagListSchema.default([]),
    note: NoteSchema.optional(),
  })
  .superRefine((body, ctx) => {
    if ((body.residentId === undefined) === (body.organisation === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['residentId'], message: 'pool.one_party' });
    }
  });
export type AddPoolMemberBody = z.infer<typeof AddPoolMemberBodySchema>;
export type NewPoolMember = z.input<typeof AddPoolMemberBodySchema>;

export const UpdatePoolMemberBodySchema = z.object({
  tags: TagListSchema.optional(),
  note: NoteSchema.nullable().optional(),
  isActive: z.boolean().optional(),
});
export type UpdatePoolMemberBody = z.infer<typeof UpdatePoolMemberBodySchema>;
export type PoolMemberPatch = z.input<typeof UpdatePoolMemberBodySchema>;

export const PoolMemberViewSchema = z.object({
  id: z.number(),
  kind: z.enum(poolMemberKinds),
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
export type PoolMemberView = z.infer<typeof PoolMemberViewSchema>;
export type PoolMember = PoolMemberView;

export const PoolReplySchema = z.object({
  items: z.array(PoolMemberViewSchema),
  tags: z.array(z.object({ tag: z.string(), count: z.number() })),
  abilities: abilitiesSchema(['pool.manage']),
});
export type PoolList = z.infer<typeof PoolReplySchema>;
export const BuiltInTagsReplySchema = z.object({ builtIn: z.array(z.string()) });
export type BuiltInTagsReply = z.infer<typeof BuiltInTagsReplySchema>;
