import { z } from 'zod';
import { departmentFigures, departmentKinds, referralStatuses, referralSubjects } from '../domain/departments';
import { PHONE_PATTERN, normalisePhone } from '../domain/people/phone';
import { abilitiesSchema, idField, idParam } from './common';
import { isoDay } from './matters';

const phone = z.string().max(20).transform(normalisePhone).pipe(z.string().regex(PHONE_PATTERN, 'validation.phone'));
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'validation.invalid');

export const DepartmentKindSchema = z.enum(departmentKinds);
export const ReferralStatusSchema = z.enum(referralStatuses);

export const CreateDepartmentBodySchema = z.object({
  name: z.string().trim().min(2).max(50),
  kind: DepartmentKindSchema,
});
export const AppointLiaisonBodySchema = z.object({ phone, reason: z.string().trim().max(500).optional() });
export const RevokeLiaisonBodySchema = z.object({ reason: z.string().trim().min(1, 'validation.required').max(500) });
export const DepartmentParamsSchema = z.object({ id: idParam });
export const LiaisonParamsSchema = z.object({ id: idParam, accountId: idParam });

/** A department and the place it belongs to. */
export const DepartmentRefSchema = z.object({
  id: z.number(),
  name: z.string(),
  kind: DepartmentKindSchema,
  placeName: z.string(),
});

/** 社工委: a city's or town's departments with their liaisons (phones masked), and what the viewer may do. */
export const CommitteeReplySchema = z.object({
  place: z.object({ id: z.number(), name: z.string(), kind: z.string() }),
  departments: z.array(
    DepartmentRefSchema.extend({
      liaisons: z.array(z.object({ accountId: z.number(), name: z.string(), phone: z.string() })),
      openReferrals: z.number(),
      overdueReferrals: z.number(),
    }),
  ),
  abilities: abilitiesSchema(['department.manage']),
});

/** The departments a matter at the place may be referred to: those of its town and its city. */
export const DepartmentOptionsReplySchema = z.object({ items: z.array(DepartmentRefSchema) });
export const IdReplySchema = z.object({ id: z.number() });

/** POST /matters/:id/referrals: refer again (after a hand-back) or refer one of its tasks. */
export const ReferralBodySchema = z.object({
  departmentId: idField,
  dueOn: isoDay,
  note: z.string().trim().max(500).default(''),
  taskId: idField.optional(),
});
export const ReferralParamsSchema = z.object({ id: idParam });
export const AnswerReferralBodySchema = z.object({ reply: z.string().trim().min(2).max(2000) });
export const HandBackReferralBodySchema = z.object({ reason: z.string().trim().min(2).max(500) });
export const QueueQuerySchema = z.object({ status: ReferralStatusSchema.optional() });

/** One referral as a list shows it. */
export const ReferralSummarySchema = z.object({
  id: z.number(),
  subject: z.enum(referralSubjects),
  status: ReferralStatusSchema,
  department: DepartmentRefSchema,
  matterId: z.number(),
  title: z.string(),
  taskTitle: z.string().nullable(),
  placeName: z.string(),
  dueOn: z.string(),
  isOverdue: z.boolean(),
  sentAt: z.string(),
  answeredAt: z.string().nullable(),
});

/** A referral's page: what the referral carries and nothing more (the sender's phone masked). */
export const ReferralReplySchema = ReferralSummarySchema.extend({
  description: z.string(),
  note: z.string(),
  sender: z.object({ name: z.string(), phone: z.string() }),
  acceptedAt: z.string().nullable(),
  reply: z.string().nullable(),
  handedBackAt: z.string().nullable(),
  handBackReason: z.string().nullable(),
  abilities: z.object({ accept: z.boolean(), answer: z.boolean(), handBack: z.boolean() }),
});
export const QueueReplySchema = z.object({ today: z.string(), items: z.array(ReferralSummarySchema) });

/** A matter's referrals, newest first, with whether the viewer may refer it (again) now. */
export const MatterReferralsReplySchema = z.object({
  items: z.array(ReferralReplySchema.omit({ abilities: true, sender: true })),
  canRefer: z.boolean(),
});

export const DepartmentStatsQuerySchema = z.object({ from: day, to: day });
export const DepartmentFigureSchema = z.enum(departmentFigures);
export const DepartmentBehindQuerySchema = DepartmentStatsQuerySchema.extend({
  departmentId: idParam,
  figure: DepartmentFigureSchema,
});
/** Each department's referrals received in the period, answered, overdue, and the median days to answer. */
export const DepartmentStatsReplySchema = z.object({
  period: z.object({ from: z.string(), to: z.string() }),
  today: z.string(),
  items: z.array(
    z.object({
      department: DepartmentRefSchema,
      received: z.number(),
      answered: z.number(),
      overdue: z.number(),
      medianDays: z.number().nullable(),
    }),
  ),
});
export const DepartmentBehindReplySchema = z.object({
  items: z.array(ReferralSummarySchema.extend({ responseDays: z.number().nullable() })),
});

export type CommitteeReply = z.infer<typeof CommitteeReplySchema>;
export type DepartmentRef = z.infer<typeof DepartmentRefSchema>;
export type ReferralSummary = z.infer<typeof ReferralSummarySchema>;
export type ReferralReply = z.infer<typeof ReferralReplySchema>;
export type QueueReply = z.infer<typeof QueueReplySchema>;
export type MatterReferralsReply = z.infer<typeof MatterReferralsReplySchema>;
export type DepartmentStatsReply = z.infer<typeof DepartmentStatsReplySchema>;
export type DepartmentBehindReply = z.infer<typeof DepartmentBehindReplySchema>;
