import { z } from 'zod';
import { capabilities, matterCommands, type StageCapabilities } from '../domain/matters/stages';
import {
  MatterStatusSchema,
  MatterVisibilitySchema,
  PageReplyFields,
  PersonLabelSchema,
  abilitiesSchema,
  idField,
  idParam,
  pageQueryFields,
  urlNumber,
} from './common';
import { matterListScopes } from '../domain/matters/list-scopes';
import { matterCategories, matterKinds, matterLevels } from '../domain/matters/taxonomy';
import { FORMAT_DESCRIPTION_MAX, FORMAT_NAME_MAX, inviteeGroups } from '../domain/matters/formats';
import { councilKinds } from '../domain/territory/councils';
import { meetingModes } from '../domain/meetings/attendance';
import { ruleKeys } from '../domain/voting/rules';
import { governances, normaliseGovernances } from '../domain/governance/governances';

/** A set of the four governances (四治) as sent: each at most once, stored in the declared order. */
export const GovernancesField = z
  .array(z.enum(governances))
  .max(governances.length * 2)
  .transform((tags) => normaliseGovernances(tags));

/** A real calendar day written YYYY-MM-DD (2026-13-01 and 2026-02-30 are refused); other wire schemas share it. */
export const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'validation.date')
  .refine(
    (day) =>
      !Number.isNaN(Date.parse(`${day}T00:00:00Z`)) && new Date(`${day}T00:00:00Z`).toISOString().startsWith(day),
    'validation.date',
  );

export const RaiseBodySchema = z.object({
  placeId: idField,
  level: z.enum(matterLevels),
  kind: z.enum(matterKinds).default('livelihood'),
  category: z.enum(matterCategories),
  title: z.string().trim().min(1).max(60),
  description: z.string().trim().min(1).max(2000),
  /** Staff and grid workers raise on a resident's behalf. */
  onBehalfOfResidentId: idField.optional(),
});
export type RaiseInput = z.infer<typeof RaiseBodySchema>;

export const SimilarQuerySchema = z.object({
  placeId: idParam,
  title: z.string().trim().min(2).max(60),
});

export const AcceptBodySchema = z.object({
  level: z.enum(matterLevels),
  formatId: idField,
  convenorAccountId: idField.optional(),
  visibility: MatterVisibilitySchema.default('community'),
  /** 四治 tags; left out, the matter keeps the ones it has. */
  governances: GovernancesField.optional(),
});
/** PUT /api/matters/:id/governances: the matter's whole set of governances (may be empty). */
export const GovernancesBodySchema = z.object({ governances: GovernancesField });
export const GovernancesReplySchema = z.object({ id: z.number().int(), governances: z.array(z.enum(governances)) });
export type GovernancesReply = z.infer<typeof GovernancesReplySchema>;
export const DeclineBodySchema = z.object({ reason: z.string().trim().min(2).max(500) });
export const MergeBodySchema = z.object({ intoMatterId: idField });
/** 转办: to a registered department (its id), with a due day and a note for its liaison. */
export const ReferBodySchema = z.object({
  departmentId: idField,
  dueOn: isoDay,
  note: z.string().trim().max(500).default(''),
});
export const EscalateBodySchema = z.object({ reason: z.string().trim().min(2).max(500) });

export const ListQuerySchema = z.object({
  scope: z.enum(matterListScopes).default('mine'),
  status: z.string().max(20).optional(),
  page: urlNumber(1, 100_000).default(1),
  pageSize: urlNumber(1, 100).default(20),
});

/** A format's fields as staff write them (POST /api/places/:id/formats, PUT /api/formats/:id). */
export const FormatBodySchema = z.object({
  name: z.string().trim().min(2).max(FORMAT_NAME_MAX),
  description: z.string().trim().max(FORMAT_DESCRIPTION_MAX).default(''),
  inviteeGroups: z
    .array(z.enum(inviteeGroups))
    .max(inviteeGroups.length)
    .default([])
    .transform((groups) => [...new Set(groups)]),
  councilKinds: z
    .array(z.enum(councilKinds))
    .max(councilKinds.length)
    .default([])
    .transform((kinds) => [...new Set(kinds)]),
  meetingMode: z.enum(meetingModes).nullable().default(null),
  ballotRule: z.enum(ruleKeys).nullable().default(null),
  governances: GovernancesField.default([]),
});
export type FormatBody = z.input<typeof FormatBodySchema>;
export type FormatInput = z.infer<typeof FormatBodySchema>;
export const FormatParamsSchema = z.object({ id: idParam });

/** A deliberation format of a community with the defaults it starts a matter with. */
export const MatterFormatSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  description: z.string(),
  inviteeGroups: z.array(z.enum(inviteeGroups)),
  councilKinds: z.array(z.enum(councilKinds)),
  meetingMode: z.enum(meetingModes).nullable(),
  ballotRule: z.enum(ruleKeys).nullable(),
  governances: z.array(z.enum(governances)),
  isBuiltIn: z.boolean(),
});

/** A matter as `presentMatter` shows it (the convenor's account only to staff viewers). */
export const MatterViewSchema = z.object({
  id: z.number().int(),
  placeId: z.number().int(),
  level: z.enum(matterLevels),
  kind: z.enum(matterKinds),
  // Stored as text: typed by the columns, not narrowed here, so a reply never fails on its own data.
  category: z.string(),
  governances: z.array(z.enum(governances)),
  title: z.string(),
  description: z.string(),
  status: MatterStatusSchema,
  visibility: MatterVisibilitySchema,
  supportCount: z.number().int(),
  declineReason: z.string().nullable(),
  mergedIntoId: z.number().int().nullable(),
  referralDepartment: z.string().nullable(),
  referralDueOn: z.string().nullable(),
  isRaisedOnBehalf: z.boolean(),
  convenorAccountId: z.number().int().nullable(),
  sealedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** GET /api/matters: one page of matters and the counts per status of the whole scope. */
export const MatterListReplySchema = z.object({
  items: z.array(MatterViewSchema),
  countsByStatus: z.partialRecord(MatterStatusSchema, z.number().int()),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

/** GET /api/matters/community: browse the matters of one's community (社区议事). */
export const CommunityQuerySchema = z.object({
  /** Words looked for in the title and the description. */
  q: z.string().trim().max(50).optional(),
  status: MatterStatusSchema.optional(),
  category: z.enum(matterCategories).optional(),
  /** Only inside this place (the resident's estate or building). */
  placeId: idParam.optional(),
  /** "true": only the matters I follow (我关注的). */
  followed: z.enum(['true', 'false']).default('false'),
  ...pageQueryFields(50, 20),
});

/** What a community list tells its viewer they may do with each matter. */
export const communityMatterActions = ['matter.support', 'matter.follow'] as const;

/** One card of the community list: the matter, where it is, and the viewer's own ties to it. */
export const CommunityMatterSchema = MatterViewSchema.extend({
  placeName: z.string(),
  hasSupported: z.boolean(),
  isFollowed: z.boolean(),
  abilities: abilitiesSchema(communityMatterActions),
});

export const CommunityListReplySchema = z.object({
  items: z.array(CommunityMatterSchema),
  /** Per status, under the other filters (the chips' numbers). */
  countsByStatus: z.partialRecord(MatterStatusSchema, z.number().int()),
  ...PageReplyFields,
  /** The places the list may be narrowed to: the viewer's community, estate and building. */
  places: z.array(z.object({ id: z.number().int(), name: z.string(), kind: z.string() })),
});
export type CommunityQuery = z.input<typeof CommunityQuerySchema>;
export type CommunityMatter = z.infer<typeof CommunityMatterSchema>;
export type CommunityList = z.infer<typeof CommunityListReplySchema>;

/** What each stage enables, by name (`domain/matters/stages` capabilities). */
const StageCapabilitiesSchema = z.object(
  Object.fromEntries(Object.keys(capabilities.raised).map((k) => [k, z.boolean()])) as Record<
    keyof StageCapabilities,
    z.ZodBoolean
  >,
);

/** What the matter page tells its viewer they may do, by action. */
export const matterPageActions = [
  'matter.support',
  'matter.vet',
  'matter.manage',
  'matter.discuss',
  'matter.moderate',
  'matter.object',
  'matter.confirm',
  'matter.followUp',
  'matter.rate',
  'matter.supervise',
  'matter.evaluate',
  'matter.export',
  'matter.follow',
] as const;

/** GET /api/matters/:id: the matter page. */
export const MatterPageReplySchema = z.object({
  matter: MatterViewSchema,
  proposer: PersonLabelSchema,
  step: z.number().int().nullable(),
  trail: z.array(z.object({ id: z.number().int(), name: z.string(), kind: z.string() })),
  format: MatterFormatSchema.nullable(),
  hasSupported: z.boolean(),
  isFollowed: z.boolean(),
  photos: z.array(z.object({ id: z.number().int() })),
  capabilities: StageCapabilitiesSchema,
  abilities: abilitiesSchema(matterPageActions),
  commands: z.array(
    z.object({
      command: z.enum(matterCommands),
      to: MatterStatusSchema,
      blockers: z.array(z.string()),
    }),
  ),
  timeline: z.array(z.object({ seq: z.number().int(), action: z.string(), at: z.string(), actor: PersonLabelSchema })),
});

/** GET /api/matters/similar: open matters of the community whose titles are close to the new one. */
export const SimilarReplySchema = z.object({
  items: z.array(
    z.object({
      id: z.number().int(),
      title: z.string(),
      status: MatterStatusSchema,
      supportCount: z.number().int(),
      similarity: z.number(),
    }),
  ),
});

/** POST /api/matters/:id/supports. */
export const SupportReplySchema = z.object({ supportCount: z.number().int() });

/** The reply of a vetting command (accept, decline, merge, refer, escalate): the matter's id. */
export const MatterIdReplySchema = z.object({ id: z.number().int() });

export type MatterFormat = z.infer<typeof MatterFormatSchema>;
export const FormatListReplySchema = z.object({
  items: z.array(MatterFormatSchema),
  /** The viewer may create and edit the community's formats. */
  canManage: z.boolean(),
});

export type Matter = z.infer<typeof MatterViewSchema>;
export type MatterList = z.infer<typeof MatterListReplySchema>;
export type MatterPageView = z.infer<typeof MatterPageReplySchema>;
export type SimilarMatter = z.infer<typeof SimilarReplySchema>['items'][number];
export type SupportReply = z.infer<typeof SupportReplySchema>;
export type MatterIdReply = z.infer<typeof MatterIdReplySchema>;
/** A raise's fields as sent (kind defaults to livelihood). */
export type RaiseBody = z.input<typeof RaiseBodySchema>;
export type AcceptBody = z.input<typeof AcceptBodySchema>;
export type SimilarReply = z.infer<typeof SimilarReplySchema>;
export type FormatListReply = z.infer<typeof FormatListReplySchema>;
