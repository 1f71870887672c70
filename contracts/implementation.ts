import { z } from 'zod';
import { evaluationOutcomes, followUpMethods, supervisionVerdicts } from '../domain/implementation/reviews';
import { taskLifecycle, taskStatuses } from '../domain/implementation/task-status';
import { PersonLabelSchema, idField, idParam } from './common';
import { assigneeReasons } from '../domain/access/policies/task.policy';

/** Implementation (tasks, progress) and review (follow-ups, supervision, evaluation) of a matter. */

export const TaskParamsSchema = z.object({ id: idParam });
const IsoDaySchema = z.iso.date('validation.date');

export const CreateTaskBodySchema = z.object({
  title: z.string().trim().min(1).max(100),
  ownerName: z.string().trim().min(1).max(50),
  ownerAccountId: idField.optional(),
  dueOn: IsoDaySchema,
});
export type CreateTaskBody = z.infer<typeof CreateTaskBodySchema>;

export type NewTask = z.input<typeof CreateTaskBodySchema>;

/** PUT /api/tasks/:id/owner: who carries the task now (the account may be dropped: null). */
export const ReassignBodySchema = z.object({
  ownerName: z.string().trim().min(1).max(50),
  ownerAccountId: idField.nullable().default(null),
});
export type ReassignBody = z.infer<typeof ReassignBodySchema>;
export type NewOwner = z.input<typeof ReassignBodySchema>;

/** GET /api/matters/:id/assignees: accounts a task of the matter may be assigned to. */
export const AssigneesReplySchema = z.object({
  items: z.array(
    z.object({
      accountId: z.number(),
      name: z.string(),
      /** Masked (138****1234). */
      phone: z.string(),
      reason: z.enum(assigneeReasons),
    }),
  ),
});
export type AssigneesReply = z.infer<typeof AssigneesReplySchema>;
export type Assignee = AssigneesReply['items'][number];

/** GET /api/tasks/mine: 我的任务, open ones first by due day. */
export const MyTasksReplySchema = z.object({
  items: z.array(
    z.object({
      id: z.number(),
      title: z.string(),
      dueOn: z.string(),
      status: z.enum(taskStatuses),
      isOverdue: z.boolean(),
      doneAt: z.string().nullable(),
      matter: z.object({ id: z.number(), title: z.string() }),
    }),
  ),
});
export type MyTasksReply = z.infer<typeof MyTasksReplySchema>;
export type MyTask = MyTasksReply['items'][number];

export const PatchTaskBodySchema = z.object({ status: z.literal(taskLifecycle.state.done) });
export const ProgressBodySchema = z.object({
  note: z.string().trim().min(1).max(1000),
  percent: z.number().int().min(0).max(100),
});
export type ProgressBody = z.infer<typeof ProgressBodySchema>;

export {
  evaluationOutcomes,
  followUpMethods,
  supervisionVerdicts,
  type EvaluationOutcome,
  type FollowUpMethod,
  type SupervisionVerdict,
} from '../domain/implementation/reviews';

export const FollowUpBodySchema = z.object({
  residentId: idField.optional(),
  method: z.enum(followUpMethods),
  satisfaction: z.number().int().min(1).max(5),
  comment: z.string().trim().max(1000).default(''),
});
export type FollowUpBody = z.infer<typeof FollowUpBodySchema>;
export type NewFollowUp = z.input<typeof FollowUpBodySchema>;

export const SupervisionBodySchema = z.object({
  verdict: z.enum(supervisionVerdicts),
  comment: z.string().trim().min(1).max(1000),
  lookBackOn: IsoDaySchema.optional(),
});
export type SupervisionBody = z.infer<typeof SupervisionBodySchema>;
export type NewSupervisionReview = z.input<typeof SupervisionBodySchema>;

export const EvaluationBodySchema = z.object({
  score: z.number().int().min(0).max(100),
  outcome: z.enum(evaluationOutcomes),
  isDisputeResolved: z.boolean(),
  comment: z.string().trim().max(1000).default(''),
});
export type EvaluationBody = z.infer<typeof EvaluationBodySchema>;
export type NewEvaluation = z.input<typeof EvaluationBodySchema>;

export const ProgressViewSchema = z.object({
  id: z.number(),
  note: z.string(),
  percent: z.number(),
  /** matter_files ids of the entry's photos. */
  photoIds: z.array(z.number()),
  createdAt: z.string(),
});
export type TaskProgress = z.infer<typeof ProgressViewSchema>;
export const TaskViewSchema = z.object({
  id: z.number(),
  title: z.string(),
  ownerName: z.string(),
  /** The assignee's account, when the owner has one. */
  ownerAccountId: z.number().nullable(),
  /** The viewer owns the task (may record its progress). */
  isMine: z.boolean(),
  dueOn: z.string(),
  status: z.enum(taskStatuses),
  isOverdue: z.boolean(),
  doneAt: z.string().nullable(),
  percent: z.number(),
  progress: z.array(ProgressViewSchema),
});
export type MatterTask = z.infer<typeof TaskViewSchema>;
export const FollowUpViewSchema = z.object({
  id: z.number(),
  method: z.enum(followUpMethods),
  satisfaction: z.number(),
  comment: z.string(),
  recordedBy: PersonLabelSchema,
  isMine: z.boolean(),
  createdAt: z.string(),
});
export type FollowUp = z.infer<typeof FollowUpViewSchema>;
export const ImplementationReplySchema = z.object({
  tasks: z.array(TaskViewSchema),
  followUps: z.array(FollowUpViewSchema),
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
export type ImplementationView = z.infer<typeof ImplementationReplySchema>;
export const CreatedReplySchema = z.object({ id: z.number() });
export type CreatedReply = z.infer<typeof CreatedReplySchema>;
