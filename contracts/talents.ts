import { z } from 'zod';
import { abilitiesSchema, idField, idParam, urlNumber } from './common';
import { eligibilityFacts, nominationStatuses, nominatorKinds, selectionStatuses } from '../domain/talents';

/** 社区工作领军人才遴选: yearly selections, nominations with the person's record, reviews, the public notice. */

const IsoDaySchema = z.iso.date('validation.date');
const text = (max: number) => z.string().trim().min(1).max(max);

export const TalentSelectionParamsSchema = z.object({ id: idParam });
export const TalentNominationParamsSchema = z.object({ id: idParam });
export const TalentObjectionParamsSchema = z.object({ id: idParam });

export const TalentCriterionSchema = z.object({
  key: z
    .string()
    .trim()
    .min(1)
    .max(20)
    .regex(/^[A-Za-z0-9_]+$/, 'validation.invalid'),
  label: text(60),
  weight: z.number().int().min(1).max(100),
});

export const TalentSelectionBodySchema = z.object({
  placeId: idField,
  year: z.number().int().min(2000).max(2100),
  title: text(80),
  quota: z.number().int().min(1).max(1000),
  /** Whole hours of training (stored as minutes). */
  minTrainedHours: z.number().int().min(0).max(10_000),
  minMattersConvened: z.number().int().min(0).max(1000),
  minProjectsRun: z.number().int().min(0).max(1000),
  criteria: z.array(TalentCriterionSchema).min(1).max(20),
  nominationsCloseOn: IsoDaySchema,
  noticeDays: z.number().int().min(1).max(60),
});
export type TalentSelectionBody = z.infer<typeof TalentSelectionBodySchema>;
export type NewTalentSelection = z.input<typeof TalentSelectionBodySchema>;

export const TalentSelectionViewSchema = z.object({
  id: z.number(),
  placeId: z.number(),
  year: z.number(),
  title: z.string(),
  quota: z.number(),
  minTrainedMinutes: z.number(),
  minMattersConvened: z.number(),
  minProjectsRun: z.number(),
  criteria: z.array(TalentCriterionSchema),
  nominationsCloseOn: z.string(),
  noticeDays: z.number(),
  status: z.enum(selectionStatuses),
  /** Nominations per stage (every stage listed, zeros too). */
  counts: z.record(z.enum(nominationStatuses), z.number()),
  abilities: abilitiesSchema(['talentSelection.manage', 'talentNomination.nominate']),
});
export type TalentSelectionView = z.infer<typeof TalentSelectionViewSchema>;
export const TalentSelectionsReplySchema = z.object({
  items: z.array(TalentSelectionViewSchema),
  abilities: abilitiesSchema(['talentSelection.manage']),
});
export type TalentSelectionsReply = z.infer<typeof TalentSelectionsReplySchema>;

/** A nomination: by staff for a person named by their phone, or without a phone for oneself. */
export const NominateBodySchema = z.object({
  phone: z
    .string()
    .trim()
    .regex(/^1\d{10}$/, 'validation.phone')
    .optional(),
  statement: text(1000),
});
export type NominateBody = z.infer<typeof NominateBodySchema>;
export const RuleOutBodySchema = z.object({ reason: z.string().trim().max(1000).default('') });
export const DeclineBodySchema = z.object({ reason: text(1000) });
export const TalentReviewBodySchema = z.object({
  scores: z.record(z.string().max(20), z.number().int().min(0).max(100)),
});
export type TalentReviewBody = z.infer<typeof TalentReviewBodySchema>;
export const TalentObjectionBodySchema = z.object({ body: text(1000) });
export const TalentAnswerBodySchema = z.object({ answer: text(1000), upheld: z.boolean() });

export const TalentNominationsQuerySchema = z.object({
  placeId: idParam.optional(),
  year: urlNumber(2000, 2100).optional(),
  status: z.enum(nominationStatuses).optional(),
});

const RecordSchema = z.object({
  trainedMinutes: z.number(),
  programmesCompleted: z.number(),
  mattersConvened: z.number(),
  projectsRun: z.number(),
  isMicroLeader: z.boolean(),
});

export const TalentNominationSummarySchema = z.object({
  id: z.number(),
  selectionId: z.number(),
  year: z.number(),
  name: z.string(),
  placeName: z.string(),
  townName: z.string(),
  nominatorKind: z.enum(nominatorKinds),
  status: z.enum(nominationStatuses),
  isConsented: z.boolean(),
  total: z.number().nullable(),
  noticeFrom: z.string().nullable(),
  noticeTo: z.string().nullable(),
  certificateNo: z.string().nullable(),
});
export type TalentNominationSummary = z.infer<typeof TalentNominationSummarySchema>;
export const TalentNominationsReplySchema = z.object({
  items: z.array(TalentNominationSummarySchema),
  total: z.number(),
});
export type TalentNominationsReply = z.infer<typeof TalentNominationsReplySchema>;

export const TalentNominationAbilities = [
  'consent',
  'admit',
  'ruleOut',
  'review',
  'notice',
  'confirm',
  'decline',
  'answer',
  'certificate',
] as const;

export const TalentNominationViewSchema = TalentNominationSummarySchema.extend({
  selectionTitle: z.string(),
  statement: z.string(),
  outcomeReason: z.string().nullable(),
  /** Live while nominated, frozen once admitted or ruled out. */
  record: RecordSchema,
  isFrozen: z.boolean(),
  eligibility: z.array(
    z.object({ fact: z.enum(eligibilityFacts), value: z.number(), minimum: z.number(), isMet: z.boolean() }),
  ),
  isEligible: z.boolean(),
  criteria: z.array(TalentCriterionSchema),
  reviews: z.array(z.object({ reviewer: z.string(), isMine: z.boolean(), scores: z.record(z.string(), z.number()) })),
  objections: z.array(
    z.object({
      id: z.number(),
      body: z.string(),
      answer: z.string().nullable(),
      upheld: z.boolean().nullable(),
      createdAt: z.string(),
    }),
  ),
  abilities: z.object(
    Object.fromEntries(TalentNominationAbilities.map((a) => [a, z.boolean()])) as Record<
      (typeof TalentNominationAbilities)[number],
      z.ZodBoolean
    >,
  ),
});
export type TalentNominationView = z.infer<typeof TalentNominationViewSchema>;

export const TalentSelectionDetailSchema = z.object({
  selection: TalentSelectionViewSchema,
  nominations: z.array(TalentNominationViewSchema),
});
export type TalentSelectionDetail = z.infer<typeof TalentSelectionDetailSchema>;

export const MyTalentNominationsReplySchema = z.object({ items: z.array(TalentNominationViewSchema) });

export const PublicTalentsQuerySchema = z.object({ year: urlNumber(2000, 2100).optional() });
/** The public notice: names appear only for nominations the person consented to. */
export const PublicTalentsSchema = z.object({
  year: z.number().nullable(),
  years: z.array(z.number()),
  title: z.string().nullable(),
  items: z.array(
    z.object({
      nominationId: z.number(),
      name: z.string(),
      placeName: z.string(),
      townName: z.string(),
      statement: z.string(),
      status: z.enum(nominationStatuses),
      noticeFrom: z.string().nullable(),
      noticeTo: z.string().nullable(),
      isObjectionOpen: z.boolean(),
      certificateNo: z.string().nullable(),
    }),
  ),
});
export type PublicTalents = z.infer<typeof PublicTalentsSchema>;
export const TalentIdReplySchema = z.object({ id: z.number() });
