import { z } from 'zod';
import { invitationReasons, invitationReplies } from '../domain/announcements/invitations';
import { meetingModes, signInMethods } from '../domain/meetings/attendance';
import { amendmentStatuses, meetingStatuses, minutesStatuses } from '../domain/meetings/lifecycles';
import { httpLink, idField, idParam } from './common';

/** Step 4 (协商议事): meetings, sign-in, the sheet, and minutes with amendments and redaction. */

export const ItemParamsSchema = z.object({ id: idParam });

export { meetingModes, type MeetingMode } from '../domain/meetings/attendance';
export { meetingStatuses, type MeetingStatus } from '../domain/meetings/lifecycles';

export const ScheduleBodySchema = z.object({
  mode: z.enum(meetingModes),
  venue: z.string().trim().min(1).max(100).optional(),
  /** 议事阵地 of the matter's community, booked for the meeting; `venue` stays free text for elsewhere. */
  venueId: idField.optional(),
  onlineLink: httpLink(500).optional(),
  startsAt: z.iso.datetime({ offset: true }),
  endsAt: z.iso.datetime({ offset: true }).optional(),
  agenda: z.string().trim().min(1).max(5000),
});
export type ScheduleInput = z.infer<typeof ScheduleBodySchema>;
export type MeetingInput = z.input<typeof ScheduleBodySchema>;

export const MeetingViewSchema = z.object({
  id: z.number(),
  matterId: z.number(),
  mode: z.enum(meetingModes),
  venue: z.string().nullable(),
  /** The venue booked, if one was picked (its name is in `venue`). */
  venueId: z.number().nullable(),
  onlineLink: z.string().nullable(),
  startsAt: z.string(),
  endsAt: z.string().nullable(),
  agenda: z.string(),
  /** scheduled → held (someone signed in) → closed (sign-in by code ended). */
  status: z.enum(meetingStatuses),
  /** Shown to staff who run the meeting only; attendees type it in. */
  signInCode: z.string().nullable(),
});
export type Meeting = z.infer<typeof MeetingViewSchema>;
export const MeetingsReplySchema = z.object({ items: z.array(MeetingViewSchema) });
export type MeetingList = z.infer<typeof MeetingsReplySchema>;
/** One meeting with the viewer's own state: a fresh load still shows 已签到. */
export const MeetingDetailViewSchema = MeetingViewSchema.extend({
  isInvited: z.boolean(),
  mySignIn: z.object({ signedInAt: z.string(), method: z.enum(signInMethods) }).nullable(),
});
export type MeetingDetail = z.infer<typeof MeetingDetailViewSchema>;

export const SignInBodySchema = z.object({ code: z.string().trim().min(4).max(12) });
export const AttendanceBodySchema = z.object({ invitationId: idField });
export const SignInReplySchema = z.object({
  meetingId: z.number(),
  invitationId: z.number(),
  alreadySignedIn: z.boolean(),
});
export type SignInResult = z.infer<typeof SignInReplySchema>;

export const SheetReplySchema = z.object({
  /** 应到: invitations not declined. */
  due: z.number(),
  /** 实到: sign-ins of this meeting. */
  present: z.number(),
  rows: z.array(
    z.object({
      invitationId: z.number(),
      name: z.string(),
      isNameMasked: z.boolean(),
      reason: z.enum(invitationReasons),
      reply: z.enum(invitationReplies),
      signedIn: z.boolean(),
      method: z.enum(signInMethods).nullable(),
    }),
  ),
});

export type Sheet = z.infer<typeof SheetReplySchema>;

export const MinutesBodySchema = z.object({ body: z.string().trim().min(1).max(20000) });
export const OpenAmendmentsBodySchema = z.object({ amendDays: z.number().int().min(1).max(30) });
export const AmendmentBodySchema = z.object({ body: z.string().trim().min(1).max(2000) });
export const AnswerBodySchema = z.object({ accept: z.boolean(), answer: z.string().trim().min(1).max(1000) });

export const AmendmentViewSchema = z.object({
  id: z.number(),
  body: z.string(),
  status: z.enum(amendmentStatuses),
  answer: z.string().nullable(),
  isMine: z.boolean(),
  createdAt: z.string(),
});
export type Amendment = z.infer<typeof AmendmentViewSchema>;
export const MinutesViewSchema = z.object({
  id: z.number(),
  meetingId: z.number(),
  status: z.enum(minutesStatuses),
  amendUntil: z.string().nullable(),
  publishedAt: z.string().nullable(),
  /** The full text: staff only (null for others). */
  bodyFull: z.string().nullable(),
  /** What others read: the published redacted text, or the redacted draft while attendees amend it. */
  body: z.string().nullable(),
  amendments: z.array(AmendmentViewSchema),
});
export type Minutes = z.infer<typeof MinutesViewSchema>;
export const MinutesReplySchema = z.object({ minutes: MinutesViewSchema.nullable() });
export type MinutesReply = z.infer<typeof MinutesReplySchema>;
