import { z } from 'zod';
import { amendmentStatuses, meetingStatuses, minutesStatuses } from '../../../domain/meetings/lifecycles';
import { httpLink, idField, idParam } from '../../../contracts/common';

export const matterParams = z.object({ id: idParam });
export const itemParams = z.object({ id: idParam });

export const scheduleBody = z.object({
  mode: z.enum(['on_site', 'online', 'hybrid']),
  venue: z.string().trim().min(1).max(100).optional(),
  onlineLink: httpLink(500).optional(),
  startsAt: z.iso.datetime({ offset: true }),
  endsAt: z.iso.datetime({ offset: true }).optional(),
  agenda: z.string().trim().min(1).max(5000),
});
export type ScheduleInput = z.infer<typeof scheduleBody>;

export const meetingView = z.object({
  id: z.number(),
  matterId: z.number(),
  mode: z.enum(['on_site', 'online', 'hybrid']),
  venue: z.string().nullable(),
  onlineLink: z.string().nullable(),
  startsAt: z.string(),
  endsAt: z.string().nullable(),
  agenda: z.string(),
  /** scheduled → held (someone signed in) → closed (sign-in by code ended). */
  status: z.enum(meetingStatuses),
  /** Shown to staff who run the meeting only; attendees type it in. */
  signInCode: z.string().nullable(),
});
export const meetingsReply = z.object({ items: z.array(meetingView) });
/** One meeting with the viewer's own state: a fresh load still shows 已签到. */
export const meetingDetailView = meetingView.extend({
  isInvited: z.boolean(),
  mySignIn: z.object({ signedInAt: z.string(), method: z.enum(['code', 'staff']) }).nullable(),
});

export const signInBody = z.object({ code: z.string().trim().min(4).max(12) });
export const attendanceBody = z.object({ invitationId: idField });
export const signInReply = z.object({ meetingId: z.number(), invitationId: z.number(), alreadySignedIn: z.boolean() });

export const sheetReply = z.object({
  /** 应到: invitations not declined. */
  due: z.number(),
  /** 实到: sign-ins of this meeting. */
  present: z.number(),
  rows: z.array(
    z.object({
      invitationId: z.number(),
      name: z.string(),
      isNameMasked: z.boolean(),
      reason: z.enum(['pool', 'council', 'affected', 'outside']),
      reply: z.enum(['pending', 'yes', 'no']),
      signedIn: z.boolean(),
      method: z.enum(['code', 'staff']).nullable(),
    }),
  ),
});

export const minutesBody = z.object({ body: z.string().trim().min(1).max(20000) });
export const openAmendmentsBody = z.object({ amendDays: z.number().int().min(1).max(30) });
export const amendmentBody = z.object({ body: z.string().trim().min(1).max(2000) });
export const answerBody = z.object({ accept: z.boolean(), answer: z.string().trim().min(1).max(1000) });

export const amendmentView = z.object({
  id: z.number(),
  body: z.string(),
  status: z.enum(amendmentStatuses),
  answer: z.string().nullable(),
  isMine: z.boolean(),
  createdAt: z.string(),
});
export const minutesView = z.object({
  id: z.number(),
  meetingId: z.number(),
  status: z.enum(minutesStatuses),
  amendUntil: z.string().nullable(),
  publishedAt: z.string().nullable(),
  /** The full text: staff only (null for others). */
  bodyFull: z.string().nullable(),
  /** What others read: the published redacted text, or the redacted draft while attendees amend it. */
  body: z.string().nullable(),
  amendments: z.array(amendmentView),
});
export const minutesReply = z.object({ minutes: minutesView.nullable() });
