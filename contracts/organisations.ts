import { z } from 'zod';
import { creditCodeProblem } from '../domain/organisations/credit-code';
import { structureTiers } from '../domain/organisations/structure';
import { PHONE_PATTERN, normalisePhone } from '../domain/people/phone';
import { abilitiesSchema, idField, idParam, pageQueryFields, PageReplyFields } from './common';
import { TagListSchema } from './pool';

/** 社会组织 and the city's "1+3+N" structure: categories, the register, agents, coverage. */

export const StructureTierSchema = z.enum(structureTiers);

export const CategoryBodySchema = z.object({
  name: z.string().trim().min(1).max(50),
  tier: StructureTierSchema,
  description: z.string().trim().max(500).default(''),
});
export const UpdateCategoryBodySchema = CategoryBodySchema.partial();
export const CategoryOrderBodySchema = z.object({ ids: z.array(idField).min(1).max(100) });
export const CategoryParamsSchema = z.object({ id: idParam });

export const CategoryViewSchema = z.object({
  id: z.number(),
  name: z.string(),
  tier: StructureTierSchema,
  description: z.string(),
  sortOrder: z.number(),
});
export const CategoriesReplySchema = z.object({
  city: z.object({ id: z.number(), name: z.string() }),
  items: z.array(CategoryViewSchema),
  abilities: abilitiesSchema(['organisation.configure']),
});

/** 统一社会信用代码, upper-cased, checked by format and check character. */
const registrationNo = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase())
  .superRefine((code, ctx) => {
    const problem = creditCodeProblem(code);
    if (problem) ctx.addIssue({ code: 'custom', message: `organisation.registration_${problem}` });
  });
const contactPhone = z
  .string()
  .trim()
  .max(20)
  .transform(normalisePhone)
  .pipe(z.string().regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, 'validation.phone'));

export const OrganisationBodySchema = z.object({
  name: z.string().trim().min(2).max(100),
  categoryId: idField,
  registrationNo: registrationNo.nullable().default(null),
  servedPlaceIds: z.array(idField).max(50).default([]),
  contactPhone: contactPhone.nullable().default(null),
  canDeliberate: z.boolean().default(false),
  capabilities: TagListSchema.default([]),
  brand: z.string().trim().min(1).max(20).nullable().default(null),
});
export const UpdateOrganisationBodySchema = z.object({
  name: z.string().trim().min(2).max(100).optional(),
  categoryId: idField.optional(),
  registrationNo: registrationNo.nullable().optional(),
  servedPlaceIds: z.array(idField).max(50).optional(),
  contactPhone: contactPhone.nullable().optional(),
  canDeliberate: z.boolean().optional(),
  capabilities: TagListSchema.optional(),
  brand: z.string().trim().min(1).max(20).nullable().optional(),
  isActive: z.boolean().optional(),
});
export type OrganisationBody = z.infer<typeof OrganisationBodySchema>;
export type NewOrganisation = z.input<typeof OrganisationBodySchema>;
export type UpdateOrganisationBody = z.infer<typeof UpdateOrganisationBodySchema>;
export type OrganisationPatch = z.input<typeof UpdateOrganisationBodySchema>;

export const OrganisationParamsSchema = z.object({ id: idParam });
export const AgentParamsSchema = z.object({ id: idParam, accountId: idParam });
export const AppointAgentBodySchema = z.object({
  phone: z.string().max(20).transform(normalisePhone).pipe(z.string().regex(PHONE_PATTERN, 'validation.phone')),
});
export const RevokeAgentBodySchema = z.object({ reason: z.string().trim().min(1, 'validation.required').max(500) });

/** GET /organisations: social organisations within `placeId` (the scope rule), filtered. */
export const OrganisationsQuerySchema = z.object({
  placeId: idParam.optional(),
  categoryId: idParam.optional(),
  tier: StructureTierSchema.optional(),
  brand: z.string().trim().min(1).max(20).optional(),
  canDeliberate: z.enum(['true', 'false']).optional(),
  servesPlaceId: idParam.optional(),
  q: z.string().trim().max(50).optional(),
  ...pageQueryFields(100, 50),
});
export type OrganisationsQuery = z.infer<typeof OrganisationsQuerySchema>;

const PlaceRefSchema = z.object({ id: z.number(), name: z.string(), kind: z.string() });
const CategoryRefSchema = z.object({ id: z.number(), name: z.string(), tier: StructureTierSchema }).nullable();

export const OrganisationSummarySchema = z.object({
  id: z.number(),
  name: z.string(),
  category: CategoryRefSchema,
  place: PlaceRefSchema,
  brand: z.string().nullable(),
  canDeliberate: z.boolean(),
  capabilities: z.array(z.string()),
  isActive: z.boolean(),
  servedPlaces: z.array(PlaceRefSchema),
});
export const OrganisationsReplySchema = z.object({ items: z.array(OrganisationSummarySchema), ...PageReplyFields });

export const OrganisationReplySchema = OrganisationSummarySchema.extend({
  registrationNo: z.string().nullable(),
  contactPhone: z.string().nullable(),
  isPhoneMasked: z.boolean(),
  agents: z.array(z.object({ accountId: z.number(), name: z.string(), phone: z.string() })),
  abilities: abilitiesSchema(['organisation.manage']),
});
export const MyOrganisationsReplySchema = z.object({ items: z.array(OrganisationSummarySchema) });
export const IdReplySchema = z.object({ id: z.number() });

const OrgRefSchema = z.object({ id: z.number(), name: z.string(), brand: z.string().nullable() });
/** The coverage view of a city or town: hubs per town, core categories per community. */
export const CoverageReplySchema = z.object({
  place: PlaceRefSchema,
  coreCategories: z.array(z.object({ id: z.number(), name: z.string(), tier: StructureTierSchema })),
  towns: z.array(
    z.object({
      id: z.number(),
      name: z.string(),
      hubs: z.array(OrgRefSchema),
      communities: z.array(
        z.object({
          id: z.number(),
          name: z.string(),
          isFullyCovered: z.boolean(),
          cells: z.array(z.object({ categoryId: z.number(), organisations: z.array(OrgRefSchema) })),
        }),
      ),
    }),
  ),
  totals: z.object({ towns: z.number(), townsWithHub: z.number(), communities: z.number(), fullyCovered: z.number() }),
});

export type CategoryView = z.infer<typeof CategoryViewSchema>;
export type CategoriesReply = z.infer<typeof CategoriesReplySchema>;
export type OrganisationSummary = z.infer<typeof OrganisationSummarySchema>;
export type OrganisationsReply = z.infer<typeof OrganisationsReplySchema>;
export type OrganisationReply = z.infer<typeof OrganisationReplySchema>;
export type MyOrganisationsReply = z.infer<typeof MyOrganisationsReplySchema>;
export type CoverageReply = z.infer<typeof CoverageReplySchema>;
