import { z } from 'zod';
import { smsStatuses } from '../../../domain/messaging';
import { idField, idParam } from '../../../contracts/common';

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'validation.date');
export const matterParams = z.object({ id: idParam });
export const itemParams = z.object({ id: idParam });

export const noticeBody = z.object({
  kind: z.enum(['topic', 'meeting', 'result']),
  title: z.string().trim().min(1).max(100),
  body: z.string().trim().min(1).max(5000),
  startsOn: isoDay,
  endsOn: isoDay,
});
export type NoticeInput = z.infer<typeof noticeBody>;

export const noticeView = z.object({
  id: z.number(),
  kind: z.enum(['topic', 'meeting', 'result']),
  title: z.string(),
  body: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  createdAt: z.string(),
});
export const noticesReply = z.object({ items: z.array(noticeView) });

const ids = z.array(idField).max(500);
export const invitationsBody = z.object({
  poolTags: z.array(z.string().trim().min(1).max(20)).max(10).optional(),
  councilIds: ids.optional(),
  affectedPlaceId: idField.optional(),
  affectedScope: z.enum(['residents', 'owners', 'households']).default('residents'),
  residentIds: ids.optional(),
  organisationIds: ids.optional(),
  outsideNames: z.array(z.string().trim().min(2).max(60)).max(20).optional(),
});
export type InvitationsInput = z.infer<typeof invitationsBody>;

const reasons = ['pool', 'council', 'affected', 'outside'] as const;
export type InvitationReason = (typeof reasons)[number];
export const invitationsAddedReply = z.object({
  added: z.object({ pool: z.number(), council: z.number(), affected: z.number(), outside: z.number() }),
  alreadyInvited: z.number(),
  total: z.number(),
});

export const invitationView = z.object({
  id: z.number(),
  reason: z.enum(reasons),
  kind: z.enum(['resident', 'organisation', 'outside']),
  /** Full name for staff; initials (张**) for others. Organisations and departments by name. */
  name: z.string(),
  isNameMasked: z.boolean(),
  hasAccount: z.boolean(),
  reply: z.enum(['pending', 'yes', 'no']),
  repliedAt: z.string().nullable(),
  isMine: z.boolean(),
  /** The invitation text (invitees without an account), for staff who see names; null otherwise or if none. */
  sms: z.enum(smsStatuses).nullable(),
});
export const invitationsReply = z.object({
  items: z.array(invitationView),
  counts: z.object({ total: z.number(), yes: z.number(), no: z.number(), pending: z.number() }),
});

export const replyBody = z.object({ reply: z.enum(['yes', 'no']) });
export const replyReply = z.object({ id: z.number(), reply: z.enum(['yes', 'no']), repliedAt: z.string() });

export const statusReply = z.object({ id: z.number(), status: z.string() });
export const deletedReply = z.object({ id: z.number(), deleted: z.literal(true) });

export const inboxItemView = z.object({
  id: z.number(),
  matterId: z.number().nullable(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  isRead: z.boolean(),
  createdAt: z.string(),
});
export const inboxReply = z.object({ items: z.array(inboxItemView), unread: z.number() });
export const inboxReadReply = z.object({ id: z.number(), isRead: z.literal(true) });
