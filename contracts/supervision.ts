import { z } from 'zod';
import { dueKinds } from '../domain/supervision/due-kinds';
import { abilitiesSchema, idField, idParam } from './common';
import { GrantRowAbilitiesSchema, PlaceGrantAbilitiesSchema } from './grants';

export const FindingParamsSchema = z.object({ id: idParam });
export const SupervisorParamsSchema = z.object({ id: idParam, accountId: idParam });

export const SupervisorsReplySchema = z.object({
  items: z.array(
    z.object({
      accountId: z.number(),
      name: z.string(),
      /** Full number for staff of the place, masked (138****5678) for everyone else. */
      phone: z.string(),
      placeName: z.string(),
      /** Held on this very place (may be ended here), not inherited from a place above. */
      isHere: z.boolean(),
      /** The viewer may revoke this grant (an officer above the place, not the supervisor themself). */
      abilities: GrantRowAbilitiesSchema,
    }),
  ),
  abilities: PlaceGrantAbilitiesSchema,
});

export const OversightBodySchema = z.object({ supervisorAccountId: idField });
export const FindingBodySchema = z.object({
  body: z.string().trim().min(1).max(2000),
  dueOn: z.iso.date('validation.date').optional(),
});
export type FindingBody = z.infer<typeof FindingBodySchema>;
export const AnswerBodySchema = z.object({ answer: z.string().trim().min(1).max(2000) });

export const FindingViewSchema = z.object({
  id: z.number(),
  body: z.string(),
  dueOn: z.string().nullable(),
  supervisorName: z.string(),
  answer: z.string().nullable(),
  answeredBy: z.string().nullable(),
  answeredAt: z.string().nullable(),
  createdAt: z.string(),
});
/** What a matter's supervision panel offers: assign a supervisor, record a finding, answer one. */
export const matterSupervisionActions = [
  'matter.assignOversight',
  'matter.recordFinding',
  'matter.answerFinding',
] as const;

export const MatterSupervisionReplySchema = z.object({
  /** Everyone assigned, ended assignments too (`endedAt`), oldest first. */
  overseers: z.array(
    z.object({ accountId: z.number(), name: z.string(), assignedAt: z.string(), endedAt: z.string().nullable() }),
  ),
  /** Supervisors over the matter's place who could be assigned (for the assign picker). */
  candidates: z.array(z.object({ accountId: z.number(), name: z.string() })),
  findings: z.array(FindingViewSchema),
  abilities: abilitiesSchema(matterSupervisionActions),
});
export const CreatedReplySchema = z.object({ id: z.number() });

export const DueReplySchema = z.object({
  today: z.string(),
  items: z.array(
    z.object({
      kind: z.enum(dueKinds),
      matterId: z.number(),
      title: z.string(),
      status: z.string(),
      placeName: z.string(),
      /** The day it fell due (task due date, last task due date, look-back day, finding due date), if any. */
      dueOn: z.string().nullable(),
      /** What is due, in the matter's own words: the task title, the objection or finding text (≤ 80 chars). */
      detail: z.string(),
      /** The viewer was assigned to oversee this matter. */
      isOverseen: z.boolean(),
    }),
  ),
});
export type DueItem = z.infer<typeof DueReplySchema>['items'][number];

export type MatterSupervision = z.infer<typeof MatterSupervisionReplySchema>;
export type Finding = z.infer<typeof FindingViewSchema>;
export type SupervisorsReply = z.infer<typeof SupervisorsReplySchema>;
export type DueReply = z.infer<typeof DueReplySchema>;
export type CreatedReply = z.infer<typeof CreatedReplySchema>;
