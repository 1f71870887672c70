import { z } from 'zod';
import { genders, tenures } from '../domain/people/residents';
import { dwellingUses } from '../domain/territory/dwellings';
import { placeKinds } from '../domain/territory/places';
import { abilitiesSchema, idParam, urlNumber } from './common';

/**
 * Page numbers for subtree lists; pages are small so a city-scale subtree stays fast. `after` is the
 * `next` cursor of the page before: with it the page is read from the index just past that row, so page
 * 500 costs what page 1 does; without it (a jump) the page is counted off by its number.
 */
export const PageQuerySchema = z.object({
  page: urlNumber(1, 100_000).default(1),
  pageSize: urlNumber(1, 100).default(20),
  after: z.string().max(400).optional(),
});
export const ResidentsQuerySchema = PageQuerySchema.extend({ q: z.string().trim().max(50).optional() });
export const SearchQuerySchema = z.object({
  q: z.string().trim().min(1).max(50),
  within: idParam.optional(),
  limit: urlNumber(1, 50).default(20),
});

export const PlaceRefSchema = z.object({ id: z.number(), kind: z.enum(placeKinds), name: z.string() });
export const PlaceViewSchema = PlaceRefSchema.extend({
  code: z.string(),
  isRural: z.boolean(),
  parentId: z.number().nullable(),
  path: z.string(),
});
export const PlaceSummarySchema = PlaceViewSchema.extend({
  childCount: z.number(),
  dwellingCount: z.number(),
  residentCount: z.number(),
});
export type PlaceRefView = z.infer<typeof PlaceRefSchema>;
export type PlaceView = z.infer<typeof PlaceViewSchema>;
export type PlaceSummaryView = z.infer<typeof PlaceSummarySchema>;

/** The abilities every place view carries. */
export const placeAbilityActions = [
  'place.viewRoster',
  'roster.import',
  'roster.export',
  'pool.view',
  'pool.manage',
  'council.view',
  'council.manage',
  'venue.view',
  'format.manage',
  'grant.viewHistory',
  'statistics.view',
] as const;
export const PlaceAbilitiesSchema = abilitiesSchema(placeAbilityActions);

export const PlaceListReplySchema = z.object({ items: z.array(PlaceSummarySchema) });
export const PlaceDetailReplySchema = z.object({
  place: PlaceViewSchema,
  ancestors: z.array(PlaceRefSchema),
  counts: z.object({ children: z.number(), dwellings: z.number(), households: z.number(), residents: z.number() }),
  abilities: PlaceAbilitiesSchema,
});
export const SearchReplySchema = z.object({ items: z.array(PlaceRefSchema.extend({ trail: z.string() })) });

export const HomeReplySchema = z.object({
  resident: z.object({
    id: z.number(),
    name: z.string(),
    birthDate: z.string(),
    tenure: z.enum(tenures),
  }),
  dwelling: z.object({ id: z.number(), room: z.string(), floor: z.number(), areaM2: z.string() }).nullable(),
  household: z
    .object({
      code: z.string(),
      members: z.array(z.object({ name: z.string(), relationLabel: z.string().optional(), isAdult: z.boolean() })),
    })
    .nullable(),
  place: PlaceRefSchema,
  ancestors: z.array(PlaceRefSchema),
  building: z
    .object({ id: z.number(), name: z.string(), dwellingCount: z.number(), residentCount: z.number() })
    .nullable(),
});
export type HomeView = z.infer<typeof HomeReplySchema>;

/** `next`: the cursor to send as `after` for the following page (null on the last page). */
const page = { total: z.number(), page: z.number(), pageSize: z.number(), next: z.string().nullable() };
export const DwellingsReplySchema = z.object({
  items: z.array(
    z.object({
      id: z.number(),
      code: z.string(),
      room: z.string(),
      floor: z.number(),
      areaM2: z.string(),
      use: z.enum(dwellingUses),
      placeId: z.number(),
      placeName: z.string(),
      owners: z.array(z.object({ residentId: z.number(), name: z.string() })),
    }),
  ),
  ...page,
});
export const ResidentsReplySchema = z.object({
  items: z.array(
    z.object({
      id: z.number(),
      code: z.string(),
      name: z.string(),
      gender: z.enum(genders).nullable(),
      birthDate: z.string(),
      age: z.number(),
      isAdult: z.boolean(),
      phone: z.string().nullable(),
      isPhoneMasked: z.boolean(),
      householdCode: z.string().nullable(),
      dwellingRoom: z.string().nullable(),
      placeId: z.number(),
      placeName: z.string(),
      tenure: z.enum(tenures),
    }),
  ),
  ...page,
});
export type DwellingsPageView = z.infer<typeof DwellingsReplySchema>;
export type ResidentsPageView = z.infer<typeof ResidentsReplySchema>;

/** GET /api/places/:id/convenors: who may convene a matter here, innermost grant first. */
export const ConvenorsReplySchema = z.object({
  items: z.array(z.object({ accountId: z.number(), name: z.string(), phoneMasked: z.string(), placeName: z.string() })),
});
export type ConvenorsReply = z.infer<typeof ConvenorsReplySchema>;
export type PlaceDetail = z.infer<typeof PlaceDetailReplySchema>;
export type PlaceSearchHit = z.infer<typeof SearchReplySchema>['items'][number];
export type Dwelling = DwellingsPageView['items'][number];
export type Resident = ResidentsPageView['items'][number];
export type PlaceListReply = z.infer<typeof PlaceListReplySchema>;
export type SearchReply = z.infer<typeof SearchReplySchema>;
