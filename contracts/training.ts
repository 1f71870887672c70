import { z } from 'zod';
import { microLeaderStatuses, participantStatuses, programmeStatuses } from '../domain/training';
import { PHONE_PATTERN, normalisePhone } from '../domain/people/phone';
import { abilitiesSchema, idField, idParam, urlNumber } from './common';
import { TagListSchema } from './pool';

/** 培训: programmes and their sessions, enrolment, sign-in by code, records and the micro-leader pool. */

const text = (max: number) => z.string().trim().min(1).max(max);
const phone = z.string().max(20).transform(normalisePhone).pipe(z.string().regex(PHONE_PATTERN, 'validation.phone'));
const completionProblems = ['hours_short', 'score_missing', 'score_below'] as const;

export const TrainingParamsSchema = z.object({ id: idParam });

export const ProgrammeBodySchema = z.object({
  placeId: idField,
  year: z.number().int().min(2000).max(2100),
  title: text(80),
  description: z.string().trim().max(2000).default(''),
  /** Required hours, in minutes. */
  requiredMinutes: z.number().int().min(1).max(100_000),
  passScore: z.number().int().min(0).max(100),
  makesMicroLeaders: z.boolean().default(true),
});
export type ProgrammeBody = z.infer<typeof ProgrammeBodySchema>;
export type NewProgramme = z.input<typeof ProgrammeBodySchema>;

export const ProgrammesQuerySchema = z.object({
  placeId: idParam.optional(),
  year: urlNumber(2000, 2100).optional(),
});

export const SessionBodySchema = z.object({
  course: text(80),
  teacher: z.string().trim().max(40).default(''),
  startsAt: z.iso.datetime({ offset: true }),
  minutes: z.number().int().min(1).max(1440),
  location: z.string().trim().max(120).default(''),
  venueId: idField.optional(),
});
export type SessionBody = z.infer<typeof SessionBodySchema>;
export type NewSession = z.input<typeof SessionBodySchema>;

export const EnrolByPhoneBodySchema = z.object({ phone });
export const SignInBodySchema = z.object({ code: z.string().trim().min(1).max(12) });
export const AttendanceBodySchema = z.object({ participantId: idField });
export const ScoreBodySchema = z.object({ score: z.number().int().min(0).max(100) });

export const SessionViewSchema = z.object({
  id: z.number(),
  programmeId: z.number(),
  course: z.string(),
  teacher: z.string(),
  startsAt: z.string(),
  minutes: z.number(),
  location: z.string(),
  venueId: z.number().nullable(),
  venueName: z.string().nullable(),
  /** Shown to those who run the programme only. */
  signInCode: z.string().nullable(),
  attendeeCount: z.number(),
  isSignedIn: z.boolean(),
});
export type TrainingSessionView = z.infer<typeof SessionViewSchema>;

export const ParticipantViewSchema = z.object({
  id: z.number(),
  accountId: z.number(),
  name: z.string(),
  /** Masked unless the reader is staff of the participant's community. */
  phone: z.string(),
  communityName: z.string().nullable(),
  status: z.enum(participantStatuses),
  score: z.number().nullable(),
  attendedMinutes: z.number(),
  completedOn: z.string().nullable(),
  sessionIds: z.array(z.number()),
  /** The first unmet condition of completing, or null when eligible. */
  problem: z.enum(completionProblems).nullable(),
});
export type TrainingParticipantView = z.infer<typeof ParticipantViewSchema>;

export const ProgrammeSummarySchema = z.object({
  id: z.number(),
  placeId: z.number(),
  placeName: z.string(),
  year: z.number(),
  title: z.string(),
  status: z.enum(programmeStatuses),
  requiredMinutes: z.number(),
  passScore: z.number(),
  makesMicroLeaders: z.boolean(),
  sessionCount: z.number(),
  participantCount: z.number(),
  /** The reader's own participation, if any. */
  myStatus: z.enum(participantStatuses).nullable(),
});
export type ProgrammeSummary = z.infer<typeof ProgrammeSummarySchema>;

export const ProgrammesReplySchema = z.object({
  items: z.array(ProgrammeSummarySchema),
  abilities: abilitiesSchema(['training.manage']),
});

export const ProgrammeViewSchema = ProgrammeSummarySchema.extend({
  description: z.string(),
  sessions: z.array(SessionViewSchema),
  me: z.object({ participantId: z.number(), attendedMinutes: z.number(), score: z.number().nullable() }).nullable(),
  /** Everyone enrolled: for those who run the programme only (else empty). */
  participants: z.array(ParticipantViewSchema),
  canEnrol: z.boolean(),
  abilities: abilitiesSchema(['training.manage']),
});
export type ProgrammeView = z.infer<typeof ProgrammeViewSchema>;

export const SignInReplySchema = z.object({
  programmeId: z.number(),
  programmeTitle: z.string(),
  sessionId: z.number(),
  course: z.string(),
  startsAt: z.string(),
  minutes: z.number(),
  alreadySignedIn: z.boolean(),
  attendedMinutes: z.number(),
  requiredMinutes: z.number(),
});
export type TrainingSignInReply = z.infer<typeof SignInReplySchema>;

export const RecordReplySchema = z.object({
  programmes: z.array(
    z.object({
      programmeId: z.number(),
      title: z.string(),
      year: z.number(),
      placeName: z.string(),
      status: z.enum(participantStatuses),
      requiredMinutes: z.number(),
      passScore: z.number(),
      attendedMinutes: z.number(),
      score: z.number().nullable(),
      completedOn: z.string().nullable(),
      sessions: z.array(z.object({ id: z.number(), course: z.string(), startsAt: z.string(), minutes: z.number() })),
    }),
  ),
  microLeader: z
    .object({
      since: z.string(),
      tags: z.array(z.string()),
      status: z.enum(microLeaderStatuses),
      communityName: z.string().nullable(),
    })
    .nullable(),
});
export type TrainingRecordReply = z.infer<typeof RecordReplySchema>;

export const MicroLeadersQuerySchema = z.object({
  placeId: idParam,
  year: urlNumber(2000, 2100).optional(),
  tag: z.string().trim().min(1).max(20).optional(),
  status: z.enum(microLeaderStatuses).default('active'),
});

export const MicroLeaderViewSchema = z.object({
  id: z.number(),
  accountId: z.number(),
  name: z.string(),
  phone: z.string(),
  communityName: z.string().nullable(),
  programmeTitle: z.string().nullable(),
  attendedMinutes: z.number(),
  since: z.string(),
  tags: z.array(z.string()),
  status: z.enum(microLeaderStatuses),
  withdrawnReason: z.string().nullable(),
  poolMemberId: z.number().nullable(),
  abilities: abilitiesSchema(['microLeader.manage']),
});
export type MicroLeaderView = z.infer<typeof MicroLeaderViewSchema>;

export const MicroLeadersReplySchema = z.object({
  items: z.array(MicroLeaderViewSchema),
  total: z.number(),
  tags: z.array(z.object({ tag: z.string(), count: z.number() })),
});

export const MicroLeaderTagsBodySchema = z.object({ tags: TagListSchema });
/** What a change to a micro-leader (tags, withdrawal) leaves: its tags and status. */
export const MicroLeaderChangeReplySchema = z.object({
  id: z.number(),
  tags: z.array(z.string()),
  status: z.enum(microLeaderStatuses),
});
export type MicroLeaderChange = z.infer<typeof MicroLeaderChangeReplySchema>;
export const WithdrawBodySchema = z.object({ reason: text(500) });
