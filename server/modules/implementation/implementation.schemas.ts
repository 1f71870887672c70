import { z } from 'zod';
import { taskStatuses } from '../../../domain/implementation/task-status';
import { idField, idParam } from '../../../contracts/common';

export const matterParams = z.object({ id: idParam });
export const taskParams = z.object({ id: idParam });
const isoDay = z.iso.date('validation.date');

export const createTaskBody = z.object({
  title: z.string().trim().min(1).max(100),
  ownerName: z.string().trim().min(1).max(50),
  ownerAccountId: idField.optional(),
  dueOn: isoDay,
});
export type CreateTaskBody = z.infer<typeof createTaskBody>;

export const patchTaskBody = z.object({ status: z.literal('done') });
export const progressBody = z.object({
  note: z.string().trim().min(1).max(1000),
  percent: z.number().int().min(0).max(100),
});
export type ProgressBody = z.infer<typeof progressBody>;

export const followUpBody = z.object({
  residentId: idField.optional(),
  method: z.enum(['visit', 'phone', 'online', 'self']),
  satisfaction: z.number().int().min(1).max(5),
  comment: z.string().trim().max(1000).default(''),
});
export type FollowUpBody = z.infer<typeof followUpBody>;

export const supervisionBody = z.object({
  verdict: z.enum(['satisfactory', 'needs_work']),
  comment: z.string().trim().min(1).max(1000),
  lookBackOn: isoDay.optional(),
});
export type SupervisionBody = z.infer<typeof supervisionBody>;

export const evaluationBody = z.object({
  score: z.number().int().min(0).max(100),
  outcome: z.enum(['positive', 'neutral', 'negative']),
  isDisputeResolved: z.boolean(),
  comment: z.string().trim().max(1000).default(''),
});
export type EvaluationBody = z.infer<typeof evaluationBody>;

export const progressView = z.object({
  id: z.number(),
  note: z.string(),
  percent: z.number(),
  /** matter_files ids of the entry's photos. */
  photoIds: z.array(z.number()),
  createdAt: z.string(),
});
export const taskView = z.object({
  id: z.number(),
  title: z.string(),
  ownerName: z.string(),
  /** The viewer owns the task (may record its progress). */
  isMine: z.boolean(),
  dueOn: z.string(),
  status: z.enum(taskStatuses),
  isOverdue: z.boolean(),
  doneAt: z.string().nullable(),
  percent: z.number(),
  progress: z.array(progressView),
});
export const followUpView = z.object({
  id: z.number(),
  method: z.enum(['visit', 'phone', 'online', 'self']),
  satisfaction: z.number(),
  comment: z.string(),
  recordedBy: z.string(),
  isMine: z.boolean(),
  createdAt: z.string(),
});
export const implementationReply = z.object({
  tasks: z.array(taskView),
  followUps: z.array(followUpView),
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
export const statusReply = z.object({ id: z.number(), status: z.string() });
export const createdReply = z.object({ id: z.number() });
