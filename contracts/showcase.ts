import { z } from 'zod';
import { idParam, urlNumber } from './common';
import { noticeKinds } from '../domain/announcements/notices';
import { showcasePhotoPurposes } from '../domain/matters/photos';
import { conditionParts } from '../domain/voting/rules';
import { matterCategories } from '../domain/matters/taxonomy';
import { governances } from '../domain/governance/governances';
import { showcaseFilterKinds } from '../domain/territory/places';

export const IdParamsSchema = z.object({ id: idParam });

export const ShowcaseQuerySchema = z.object({
  /** A town or community (any place): matters in its subtree. */
  placeId: idParam.optional(),
  category: z.enum(matterCategories).optional(),
  /** Only matters tagged with this governance (四治). */
  governance: z.enum(governances).optional(),
  page: urlNumber(1, 10_000).default(1),
  pageSize: urlNumber(1, 50).default(20),
});
export type ShowcaseQuery = z.infer<typeof ShowcaseQuerySchema>;

/** multipart/form-data text fields of a showcase photo upload. */
export const ShowcasePhotoBodySchema = z.object({ purpose: z.enum(showcasePhotoPurposes) });

export const OpenDataParamsSchema = z.object({
  name: z.enum(['matters.csv', 'matters.json', 'results.csv', 'results.json']),
});

/*
 * Public replies (no login). Each `z.object` is an allow-list: replies are encoded through these
 * schemas and keys they do not name are dropped, so a new column is not published by accident.
 */

/** One place on a public trail (town down to unit; never a flat). */
export const PlaceStepSchema = z.object({ id: z.number().int(), kind: z.string(), name: z.string() });
export type PlaceStep = z.infer<typeof PlaceStepSchema>;

/** One condition of a closed ballot with its exact fraction. */
export const BallotCheckSchema = z.object({
  condition: z.enum(conditionParts),
  measure: z.string(),
  part: z.string(),
  of: z.string(),
  numerator: z.string(),
  denominator: z.string(),
  percent: z.string(),
  threshold: z.string(),
  met: z.boolean(),
});
export type BallotCheck = z.infer<typeof BallotCheckSchema>;

/** A closed ballot's result as the public may see it: never the missing consents nor any voter. */
export const PublicBallotSchema = z.object({
  outcome: z.string(),
  isStatutory: z.boolean(),
  ruleName: z.string(),
  checks: z.array(BallotCheckSchema),
  counts: z.object({ for: z.string(), against: z.string(), abstain: z.string() }).nullable(),
});
export type PublicBallot = z.infer<typeof PublicBallotSchema>;

/** One showcase card; the resolution snippet is null until staff confirm its public text. */
export const ShowcaseCardSchema = z.object({
  id: z.number().int(),
  title: z.string(),
  category: z.string(),
  governances: z.array(z.enum(governances)),
  kind: z.string(),
  level: z.string(),
  status: z.string(),
  trail: z.array(PlaceStepSchema),
  raisedAt: z.string(),
  resolution: z
    .object({ snippet: z.string().nullable(), basis: z.string().nullable(), resolvedAt: z.string().nullable() })
    .nullable(),
  ballot: PublicBallotSchema.nullable(),
  photos: z.object({ beforeId: z.number().int().nullable(), afterId: z.number().int().nullable() }),
  implementation: z.object({ tasksDone: z.number().int(), tasksTotal: z.number().int() }),
});
export type ShowcaseCard = z.infer<typeof ShowcaseCardSchema>;

/** GET /api/public/showcase. */
export const ShowcasePageSchema = z.object({
  items: z.array(ShowcaseCardSchema),
  page: z.number().int(),
  hasMore: z.boolean(),
});
export type ShowcasePage = z.infer<typeof ShowcasePageSchema>;

/** GET /api/public/showcase/places: towns and communities to filter by (names only). */
export const FilterPlaceSchema = z.object({
  id: z.number().int(),
  kind: z.enum(showcaseFilterKinds),
  name: z.string(),
  parentId: z.number().int().nullable(),
});
export type FilterPlace = z.infer<typeof FilterPlaceSchema>;
export const ShowcasePlacesSchema = z.object({ places: z.array(FilterPlaceSchema) });

/** GET /api/public/showcase/matters/:id: before/after photo ids and the deciding ballot. */
export const ShowcaseExtrasSchema = z.object({
  photos: z.object({ before: z.array(z.number().int()), after: z.array(z.number().int()) }),
  ballot: PublicBallotSchema.nullable(),
});
export type ShowcaseExtras = z.infer<typeof ShowcaseExtrasSchema>;

/** One current notice as confirmed for the public (公开文本). */
export const NoticeSchema = z.object({
  id: z.number().int(),
  kind: z.enum(noticeKinds),
  title: z.string(),
  body: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  trail: z.array(PlaceStepSchema),
  objectionEndsAt: z.string().nullable(),
  /** Only a decided matter has a public page to link to. */
  matterId: z.number().int().nullable(),
});
export type Notice = z.infer<typeof NoticeSchema>;

/** GET /api/public/places/:id/notices: 公示栏 of a place's subtree. */
export const NoticeBoardSchema = z.object({
  place: PlaceStepSchema.extend({ trail: z.array(PlaceStepSchema) }),
  today: z.string(),
  notices: z.array(NoticeSchema),
});
export type NoticeBoard = z.infer<typeof NoticeBoardSchema>;

/** POST /api/matters/:id/showcase-photos (staff). */
export const ShowcasePhotosReplySchema = z.object({
  purpose: z.enum(showcasePhotoPurposes),
  fileIds: z.array(z.number().int()),
});
export type ShowcasePhotosReply = z.infer<typeof ShowcasePhotosReplySchema>;

/** GET /api/matters/:id/showcase-photos: a matter's before/after photos, oldest first (staff preview). */
export const ShowcasePhotoListSchema = z.object({
  items: z.array(z.object({ id: z.number().int(), purpose: z.enum(showcasePhotoPurposes), createdAt: z.string() })),
});
export type ShowcasePhotoList = z.infer<typeof ShowcasePhotoListSchema>;
export type ShowcasePhoto = ShowcasePhotoList['items'][number];

/** DELETE /api/matters/:id/showcase-photos/:fileId. */
export const ShowcasePhotoParamsSchema = z.object({ id: idParam, fileId: idParam });
export const ShowcasePhotoRemovedSchema = z.object({ id: z.number().int(), deleted: z.literal(true) });
export type ShowcasePhotoRemoved = z.infer<typeof ShowcasePhotoRemovedSchema>;

/** The columns of open data, in order: the allow-list of both the CSV and the JSON rows. */
export const openMatterColumns = [
  'matter_id',
  'town',
  'community',
  'category',
  'kind',
  'level',
  'status',
  'raised_on',
  'resolved_on',
  'archived_on',
  'resolution_basis',
  'ballot_id',
  'ballot_outcome',
  'satisfaction_average',
  'follow_up_count',
  // 四治 codes separated by ';' (autonomy;law), empty when untagged; last so older readers keep their columns.
  'governances',
] as const;
export const openResultColumns = [
  'ballot_id',
  'matter_id',
  'town',
  'community',
  'rule_key',
  'rule_name',
  'is_statutory',
  'electorate_kind',
  'secrecy',
  'closed_on',
  'outcome',
  'electorate_heads',
  'participant_heads',
  'electorate_area_m2',
  'participant_area_m2',
  'for_heads',
  'against_heads',
  'abstain_heads',
  'conditions',
  'conditions_met',
] as const;

const openCell = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const openRows = (columns: readonly string[]) =>
  z.array(z.object(Object.fromEntries(columns.map((c) => [c, openCell]))));
const openEnvelope = { generatedAt: z.string(), columns: z.array(z.string()) };

/**
 * GET /api/public/open-data/{matters,results}.json: the documented envelope around the rows. Streamed
 * (the serializer never sees it), so the open-data writer keeps to the columns above itself.
 */
export const OpenDataSchema = z.union([
  z.object({ format: z.literal('yishi.open-data.matters/1'), ...openEnvelope, rows: openRows(openMatterColumns) }),
  z.object({ format: z.literal('yishi.open-data.results/1'), ...openEnvelope, rows: openRows(openResultColumns) }),
]);
export type ShowcasePlaces = z.infer<typeof ShowcasePlacesSchema>;
