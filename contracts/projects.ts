import { z } from 'zod';
import { abilitiesSchema, idField, idParam, urlNumber } from './common';
import { governances } from '../domain/governance/governances';
import { callStatuses, milestoneStatuses, parseYuan, projectStatuses } from '../domain/projects';

/** 微治理项目: calls for proposals, organisations' projects, milestones, spending, evaluations, the public result. */

const IsoDaySchema = z.iso.date('validation.date');
const text = (max: number) => z.string().trim().min(1).max(max);

/** Yuan as text ("12,345.67") read to integer fen exactly; 0, negatives, >2 decimals refused. */
export const YuanSchema = z
  .string()
  .max(30)
  .transform((value, ctx) => {
    const parsed = parseYuan(value);
    if ('problem' in parsed) {
      ctx.addIssue({ code: 'custom', message: `project.money_${parsed.problem}` });
      return z.NEVER;
    }
    if (parsed.fen === 0) {
      ctx.addIssue({ code: 'custom', message: 'project.money_zero' });
      return z.NEVER;
    }
    return parsed.fen;
  });

export const IdParamsSchema = z.object({ id: idParam });
export const MilestoneParamsSchema = z.object({ id: idParam, milestoneId: idParam });

export const CallCriterionSchema = z.object({
  key: z
    .string()
    .trim()
    .min(1)
    .max(20)
    .regex(/^[A-Za-z0-9_]+$/, 'validation.invalid'),
  label: text(60),
  weight: z.number().int().min(1).max(100),
});

export const CallBodySchema = z
  .object({
    placeId: idField,
    year: z.number().int().min(2000).max(2100),
    title: text(80),
    description: z.string().trim().max(4000).default(''),
    budget: YuanSchema,
    maxPerProject: YuanSchema,
    criteria: z.array(CallCriterionSchema).min(1).max(20),
    opensOn: IsoDaySchema,
    closesOn: IsoDaySchema,
  })
  .refine((b) => b.closesOn >= b.opensOn, { path: ['closesOn'], message: 'validation.invalid' })
  .refine((b) => b.maxPerProject <= b.budget, { path: ['maxPerProject'], message: 'project.max_over_budget' });
export type CallBody = z.infer<typeof CallBodySchema>;
export type NewCall = z.input<typeof CallBodySchema>;

const PlaceRefSchema = z.object({ id: z.number(), name: z.string() });

export const CallViewSchema = z.object({
  id: z.number(),
  placeId: z.number(),
  placeName: z.string(),
  year: z.number(),
  title: z.string(),
  description: z.string(),
  budgetFen: z.number(),
  maxPerProjectFen: z.number(),
  criteria: z.array(CallCriterionSchema),
  opensOn: z.string(),
  closesOn: z.string(),
  status: z.enum(callStatuses),
  projectCount: z.number(),
  abilities: abilitiesSchema(['call.manage']),
});
export type CallView = z.infer<typeof CallViewSchema>;
export const CallsReplySchema = z.object({
  items: z.array(CallViewSchema),
  abilities: abilitiesSchema(['call.manage']),
});
export type CallsReply = z.infer<typeof CallsReplySchema>;

export const ProjectSummarySchema = z.object({
  id: z.number(),
  callId: z.number(),
  callTitle: z.string(),
  year: z.number(),
  title: z.string(),
  organisationName: z.string(),
  status: z.enum(projectStatuses),
  budgetFen: z.number(),
  spentFen: z.number(),
  reviewTotal: z.number().nullable(),
  communities: z.array(PlaceRefSchema),
});
export type ProjectSummary = z.infer<typeof ProjectSummarySchema>;

/** An organisation the agent may apply for, with the places it serves (the communities it may choose). */
export const AgentOrganisationSchema = z.object({
  id: z.number(),
  name: z.string(),
  communities: z.array(PlaceRefSchema),
});

export const CallDetailSchema = CallViewSchema.extend({
  projects: z.array(ProjectSummarySchema),
  /** Organisations the viewer acts for (their agents apply). */
  myOrganisations: z.array(AgentOrganisationSchema),
});
export type CallDetail = z.infer<typeof CallDetailSchema>;

export const ApplyBodySchema = z.object({ organisationId: idField, title: text(80) });

export const ProjectsQuerySchema = z.object({
  placeId: idParam.optional(),
  year: urlNumber(2000, 2100).optional(),
  status: z.enum(projectStatuses).optional(),
  callId: idParam.optional(),
});
export const ProjectsReplySchema = z.object({ items: z.array(ProjectSummarySchema), total: z.number() });
export type ProjectsReply = z.infer<typeof ProjectsReplySchema>;

export const ApplicationBodySchema = z.object({
  title: text(80),
  aims: z.string().trim().max(4000),
  communityIds: z.array(idField).max(50),
  matterIds: z.array(idField).max(50).default([]),
  /** The matter the project arose from, one of `matterIds`. */
  originMatterId: idField.nullable().default(null),
  governances: z.array(z.enum(governances)).max(4).default([]),
  lines: z
    .array(z.object({ name: text(60), amount: YuanSchema }))
    .min(1)
    .max(30),
  milestones: z
    .array(z.object({ title: text(80), dueOn: IsoDaySchema }))
    .min(1)
    .max(20),
  indicators: z
    .array(z.object({ label: text(60), target: text(60) }))
    .max(20)
    .default([]),
});
export type ApplicationBody = z.infer<typeof ApplicationBodySchema>;
export type NewApplication = z.input<typeof ApplicationBodySchema>;

export const ReasonBodySchema = z.object({ reason: text(1000) });
export const ScoresBodySchema = z.object({
  scores: z.record(z.string().max(20), z.number().min(0).max(100)),
  comment: z.string().trim().max(1000).default(''),
});
export const ContractBodySchema = z
  .object({
    contractNo: text(40),
    amount: YuanSchema,
    contractFrom: IsoDaySchema,
    contractTo: IsoDaySchema,
    /** The lines as adjusted at contract (every line of the project, by id); left out, they stay. */
    lines: z
      .array(z.object({ id: idField, amount: YuanSchema }))
      .max(30)
      .optional(),
  })
  .refine((b) => b.contractTo >= b.contractFrom, { path: ['contractTo'], message: 'validation.invalid' });
export type ContractBody = z.infer<typeof ContractBodySchema>;
export type NewContract = z.input<typeof ContractBodySchema>;

/** multipart/form-data: the report text and the photos. */
export const MilestoneReportBodySchema = z.object({ report: text(2000) });
export const NoteBodySchema = z.object({ note: z.string().trim().max(1000).default('') });
export const SpendingBodySchema = z.object({
  budgetLineId: idField,
  amount: YuanSchema,
  spentOn: IsoDaySchema,
  note: z.string().trim().max(200).default(''),
  milestoneId: idField.nullable().default(null),
});
export type NewSpending = z.input<typeof SpendingBodySchema>;
export const EvaluationBodySchema = z.object({
  stage: z.enum(['midterm', 'final']),
  score: z.number().min(0).max(100),
  comment: z.string().trim().max(1000).default(''),
  /** What each indicator reached, by index. */
  achieved: z.array(z.string().trim().max(60)).max(20).default([]),
});
export type NewEvaluation = z.input<typeof EvaluationBodySchema>;
export const CloseBodySchema = z.object({ resultSummary: text(2000) });

const BudgetLineViewSchema = z.object({
  id: z.number(),
  name: z.string(),
  budgetFen: z.number(),
  spentFen: z.number(),
  remainingFen: z.number(),
});
const MilestoneViewSchema = z.object({
  id: z.number(),
  title: z.string(),
  dueOn: z.string(),
  status: z.enum(milestoneStatuses),
  report: z.string().nullable(),
  reviewNote: z.string().nullable(),
  files: z.array(z.object({ id: z.number(), fileName: z.string() })),
});
const ReviewViewSchema = z.object({
  stage: z.string(),
  mine: z.boolean(),
  scores: z.record(z.string(), z.number()),
  comment: z.string(),
});

export const ProjectViewSchema = z.object({
  id: z.number(),
  call: z.object({
    id: z.number(),
    title: z.string(),
    year: z.number(),
    maxPerProjectFen: z.number(),
    criteria: z.array(CallCriterionSchema),
    status: z.enum(callStatuses),
  }),
  organisation: z.object({ id: z.number(), name: z.string() }),
  title: z.string(),
  aims: z.string(),
  status: z.enum(projectStatuses),
  governances: z.array(z.enum(governances)),
  indicators: z.array(z.object({ label: z.string(), target: z.string(), achieved: z.string().optional() })),
  officerNote: z.string().nullable(),
  reviewTotal: z.number().nullable(),
  contractNo: z.string().nullable(),
  contractAmountFen: z.number().nullable(),
  contractFrom: z.string().nullable(),
  contractTo: z.string().nullable(),
  midtermScore: z.number().nullable(),
  finalScore: z.number().nullable(),
  satisfaction: z.number().nullable(),
  resultSummary: z.string().nullable(),
  communities: z.array(PlaceRefSchema),
  matters: z.array(z.object({ id: z.number(), title: z.string(), relation: z.enum(['origin', 'served']) })),
  lines: z.array(BudgetLineViewSchema),
  totals: z.object({ budgetFen: z.number(), spentFen: z.number(), remainingFen: z.number() }),
  milestones: z.array(MilestoneViewSchema),
  spendings: z.array(
    z.object({
      id: z.number(),
      budgetLineId: z.number(),
      amountFen: z.number(),
      spentOn: z.string(),
      note: z.string(),
    }),
  ),
  reviews: z.array(ReviewViewSchema),
  /** While editable: the organisation's communities and their open matters to choose from. */
  options: z.object({
    communities: z.array(PlaceRefSchema),
    matters: z.array(z.object({ id: z.number(), title: z.string(), placeId: z.number() })),
  }),
  abilities: abilitiesSchema([
    'project.edit',
    'project.submit',
    'project.review',
    'project.contract',
    'project.report',
    'project.acceptMilestone',
    'project.evaluate',
    'project.close',
    'project.export',
  ]),
});
export type ProjectView = z.infer<typeof ProjectViewSchema>;

/** A closed project's public result: organisations are not persons, their names are public. */
export const PublicProjectSchema = z.object({
  id: z.number(),
  title: z.string(),
  year: z.number(),
  organisationName: z.string(),
  communities: z.array(z.string()),
  governances: z.array(z.enum(governances)),
  aims: z.string(),
  resultSummary: z.string(),
  finalScore: z.number().nullable(),
  satisfaction: z.number().nullable(),
  contractAmountFen: z.number().nullable(),
  indicators: z.array(z.object({ label: z.string(), target: z.string(), achieved: z.string().optional() })),
  closedAt: z.string().nullable(),
});
export type PublicProject = z.infer<typeof PublicProjectSchema>;
export const PublicProjectsReplySchema = z.object({ items: z.array(PublicProjectSchema) });
export type PublicProjectsReply = z.infer<typeof PublicProjectsReplySchema>;

/** The projects a matter gave rise to or is carried by (the matter page's card). */
export const MatterProjectsReplySchema = z.object({
  items: z.array(
    z.object({
      id: z.number(),
      title: z.string(),
      status: z.enum(projectStatuses),
      relation: z.enum(['origin', 'served']),
    }),
  ),
});
export type MatterProjectsReply = z.infer<typeof MatterProjectsReplySchema>;
