import { z } from 'zod';
import { abilitiesSchema, idField, idParam } from './common';
import { applicationStatuses, computedMetrics, criterionKinds } from '../domain/demonstration';

/** 示范社区创建: assessment schemes, applications, reviews, the public notice and the badges. */

const IsoDaySchema = z.iso.date('validation.date');
const text = (max: number) => z.string().trim().min(1).max(max);

export const SchemeParamsSchema = z.object({ id: idParam });
export const ApplicationParamsSchema = z.object({ id: idParam });
export const ObjectionParamsSchema = z.object({ id: idParam });
export const EvidenceFileParamsSchema = z.object({ id: idParam, fileId: idParam });
export const FileParamsSchema = z.object({ id: idParam });
/** multipart/form-data: `criterionKey` (an evidenced criterion) and the image file(s). */
export const EvidenceUploadBodySchema = z.object({ criterionKey: z.string().trim().min(1).max(20) });

export const CriterionSchema = z.object({
  key: z
    .string()
    .trim()
    .min(1)
    .max(20)
    .regex(/^[A-Za-z0-9_]+$/, 'validation.invalid'),
  title: text(60),
  kind: z.enum(criterionKinds),
  weight: z.number().int().min(1).max(100),
  maxScore: z.number().int().min(1).max(100),
  metric: z.enum(computedMetrics).optional(),
  target: z.number().positive().max(1_000_000).optional(),
});
export type CriterionView = z.infer<typeof CriterionSchema>;

export const SchemeBodySchema = z
  .object({
    placeId: idField,
    year: z.number().int().min(2000).max(2100),
    title: text(80),
    periodFrom: IsoDaySchema,
    periodTo: IsoDaySchema,
    passMark: z.number().int().min(1).max(100),
    noticeDays: z.number().int().min(1).max(60),
    criteria: z.array(CriterionSchema).min(1).max(30),
  })
  .refine((b) => b.periodTo > b.periodFrom, { path: ['periodTo'], message: 'validation.invalid' });
export type SchemeBody = z.infer<typeof SchemeBodySchema>;
export type NewScheme = z.input<typeof SchemeBodySchema>;

export const SchemeViewSchema = z.object({
  id: z.number(),
  placeId: z.number(),
  year: z.number(),
  title: z.string(),
  periodFrom: z.string(),
  periodTo: z.string(),
  passMark: z.number(),
  noticeDays: z.number(),
  criteria: z.array(CriterionSchema),
  applicationCount: z.number(),
  abilities: abilitiesSchema(['scheme.manage', 'application.submit']),
});
export type SchemeView = z.infer<typeof SchemeViewSchema>;
export const SchemesReplySchema = z.object({
  items: z.array(SchemeViewSchema),
  abilities: abilitiesSchema(['scheme.manage']),
});
export type SchemesReply = z.infer<typeof SchemesReplySchema>;

export const ApplyBodySchema = z.object({ placeId: idField });
export const DraftBodySchema = z.object({
  statement: z.string().trim().max(4000),
  evidence: z.record(z.string().max(20), z.string().trim().max(2000)),
});
export type DraftBody = z.infer<typeof DraftBodySchema>;
export const NoteBodySchema = z.object({ note: z.string().trim().max(1000).default('') });
export const ReasonBodySchema = z.object({ reason: text(1000) });
export const ReviewBodySchema = z.object({
  scores: z.record(
    z.string().max(20),
    z.object({ score: z.number().min(0).max(100), reason: z.string().trim().max(500).optional() }),
  ),
});
export type ReviewBody = z.infer<typeof ReviewBodySchema>;
export const SiteCheckBodySchema = z.object({ on: IsoDaySchema, by: text(100), findings: text(2000) });
export type SiteCheckBody = z.infer<typeof SiteCheckBodySchema>;
export const ObjectionBodySchema = z.object({ body: text(1000) });
export const AnswerBodySchema = z.object({ answer: text(1000) });
export const ReassessBodySchema = z.object({
  year: z.number().int().min(2000).max(2100),
  total: z.number().min(0).max(100),
  finding: z.string().trim().max(1000).optional(),
});
export type ReassessBody = z.infer<typeof ReassessBodySchema>;

export const ApplicationsQuerySchema = z.object({
  schemeId: idParam.optional(),
  placeId: idParam.optional(),
});
export const OverviewQuerySchema = z.object({ schemeId: idParam });

const CriterionLineSchema = CriterionSchema.extend({
  /** The computed figure (live while a draft, frozen after submission); null: not available. */
  value: z.number().nullable(),
  /** The computed criterion's score by the scheme's rule. */
  computedScore: z.number().nullable(),
  evidence: z.string(),
  /** Photos or scans attached to an evidenced criterion (GET /demonstration/evidence-files/:id). */
  files: z.array(z.object({ id: z.number(), fileName: z.string() })),
  /** Mean of the reviewers' scores. */
  meanScore: z.number().nullable(),
});

export const ApplicationSummarySchema = z.object({
  id: z.number(),
  schemeId: z.number(),
  year: z.number(),
  placeId: z.number(),
  placeName: z.string(),
  townName: z.string(),
  status: z.enum(applicationStatuses),
  total: z.number().nullable(),
  noticeFrom: z.string().nullable(),
  noticeTo: z.string().nullable(),
});
export type ApplicationSummary = z.infer<typeof ApplicationSummarySchema>;
export const ApplicationsReplySchema = z.object({ items: z.array(ApplicationSummarySchema) });

export const ApplicationAbilities = [
  'application.submit',
  'application.recommend',
  'application.review',
  'application.name',
] as const;

export const ApplicationViewSchema = ApplicationSummarySchema.extend({
  statement: z.string(),
  townNote: z.string().nullable(),
  outcomeReason: z.string().nullable(),
  passMark: z.number(),
  periodFrom: z.string(),
  periodTo: z.string(),
  /** Whether the figures are frozen (submitted) or live (a draft). */
  isFrozen: z.boolean(),
  /** The weighted total of the reviewers' mean scores so far. */
  reviewTotal: z.number().nullable(),
  criteria: z.array(CriterionLineSchema),
  reviews: z.array(
    z.object({
      reviewer: z.string(),
      isMine: z.boolean(),
      scores: z.record(z.string(), z.object({ score: z.number(), reason: z.string().optional() })),
      total: z.number(),
    }),
  ),
  siteCheck: z.object({ on: z.string(), by: z.string(), findings: z.string() }).nullable(),
  objections: z.array(
    z.object({ id: z.number(), body: z.string(), answer: z.string().nullable(), createdAt: z.string() }),
  ),
  reassessments: z.array(
    z.object({
      year: z.number(),
      total: z.number(),
      finding: z.string().nullable(),
      status: z.enum(applicationStatuses),
    }),
  ),
  abilities: abilitiesSchema(ApplicationAbilities),
});
export type ApplicationView = z.infer<typeof ApplicationViewSchema>;

export const OverviewReplySchema = z.object({
  scheme: z.object({ id: z.number(), year: z.number(), title: z.string() }),
  towns: z.array(
    z.object({
      placeId: z.number(),
      name: z.string(),
      counts: z.record(z.enum(applicationStatuses), z.number()),
    }),
  ),
});
export type OverviewReply = z.infer<typeof OverviewReplySchema>;

/** The public side: named communities with their badge year, notices open for objections, removals. */
export const PublicDemonstrationSchema = z.object({
  named: z.array(z.object({ placeId: z.number(), placeName: z.string(), townName: z.string(), year: z.number() })),
  notices: z.array(
    z.object({
      applicationId: z.number(),
      placeName: z.string(),
      townName: z.string(),
      year: z.number(),
      noticeFrom: z.string(),
      noticeTo: z.string(),
    }),
  ),
  /** A removal's reason: the finding, or null for a second failing year. */
  removed: z.array(z.object({ placeName: z.string(), year: z.number(), reason: z.string().nullable() })),
});
export type PublicDemonstration = z.infer<typeof PublicDemonstrationSchema>;
export const ObjectionReplySchema = z.object({ id: z.number() });
