import { z } from 'zod';
import { idField, idParam } from './common';

/** Implementation (tasks, progress) and review (follow-ups, supervision, evaluation) of a matter. */

// TODO(contracts-a): use the shared matterParams from contracts/common.ts once it lands.
export const matterParamsSchema = z.object({ id: idParam });
export const taskParamsSchema = z.object({ id: idParam });
const isoDaySchema = z.iso.date('validation.date');

export const createTaskBodySchema = z.object({
  title: z.string().trim().min(1).max(100),
  ownerName: z.string().trim().min(1).max(50),
  ownerAccountId: idField.optional(),
  dueOn: isoDaySchema,
});
export type CreateTaskBody = z.infer<typeof createTaskBodySchema>;

export type NewTask = z.input<typeof createTaskBodySchema>;

export const patchTaskBodySchema = z.object({ status: z.literal('done') });
export const progressBodySchema = z.object({
  note: z.string().trim().min(1).max(1000),
  percent: z.number().int().min(0).max(100),
});
export type ProgressBody = z.infer<typeof progressBodySchema>;

export const followUpMethods = ['visit', 'phone', 'online', 'self'] as const;
export type FollowUpMethod = (typeof followUpMethods)[number];

export const followUpBodySchema = z.object({
  residentId: idField.optional(),
  method: z.enum(followUpMethods),
  satisfaction: z.number().int().min(1).max(5),
  comment: z.string().trim().max(1000).default(''),
});
export type FollowUpBody = z.infer<typeof followUpBodySchema>;
export type NewFollowUp = z.input<typeof followUpBodySchema>;

export const supervisionVerdicts = ['satisfactory', 'needs_work'] as const;
export type SupervisionVerdict = (typeof supervisionVerdicts)[number];

export const supervisionBodySchema = z.object({
  verdict: z.enum(supervisionVerdicts),
  comment: z.string().trim().min(1).max(1000),
  lookBackOn: isoDaySchema.optional(),
});
export type SupervisionBody = z.infer<typeof supervisionBodySchema>;
export type NewSupervisionReview = z.input<typeof supervisionBodySchema>;

export const evaluationOutcomes = ['positive', 'neutral', 'negative'] as const;
export type EvaluationOutcome = (typeof evaluationOutcomes)[number];

export const evaluationBodySchema = z.object({
  score: z.number().int().min(0).max(100),
  outcome: z.enum(evaluationOutcomes),
  isDisputeResolved: z.boolean(),
  comment: z.string().trim().max(1000).default(''),
});
export type EvaluationBody = z.infer<typeof evaluationBodySchema>;
export type NewEvaluation = z.input<typeof evaluationBodySchema>;

export const progressViewSchema = z.object({
  id: z.number(),
  note: z.string(),
  percent: z.number(),
  /** matter_files ids of the entry's photos. */
  photoIds: z.array(z.number()),
  createdAt: z.string(),
});
export type TaskProgress = z.infer<typeof progressViewSchema>;
export const taskViewSchema = z.object({
  id: z.number(),
  title: z.string(),
  ownerName: z.string(),
  /** The viewer owns the task (may record its progress). */
  isMine: z.boolean(),
  dueOn: z.string(),
  status: z.enum(['open', 'done']),
  isOverdue: z.boolean(),
  doneAt: z.string().nullable(),
  percent: z.number(),
  progress: z.array(progressViewSchema),
});
export type MatterTask = z.infer<typeof taskViewSchema>;
export const followUpViewSchema = z.object({
  id: z.number(),
  method: z.enum(followUpMethods),
  satisfaction: z.number(),
  comment: z.string(),
  recordedBy: z.string(),
  isMine: z.boolean(),
  createdAt: z.string(),
});
export type FollowUp = z.infer<typeof followUpViewSchema>;
export const implementationReplySchema = z.object({
  tasks: z.array(taskViewSchema),
  followUps: z.array(followUpViewSchema),
  /** The viewer rated the matter themself already (one rating per account). */
  hasRated: z.boolean(),
  averageSatisfaction: z.number().nullable(),
  reviews: z.array(
    z.object({ verdict: z.string(), comment: z.string(), lookBackOn: z.string().nullable(), createdAt: z.string() }),
  ),
  evaluation: z
    .object({ score: z.number(), outcome: z.string(), isDisputeResolved: z.boolean(), comment: z.string() })
    .nullable(),
});
export type ImplementationView = z.infer<typeof implementationReplySchema>;
export const createdReplySchema = z.object({ id: z.number() });
export type CreatedReply = z.infer<typeof createdReplySchema>;
