import { z } from 'zod';
import {
  invitationAnswers,
  invitationReasons,
  invitationReplies,
  invitationScopes,
  inviteeKinds,
} from '../domain/announcements/invitations';
import { noticeKinds } from '../domain/announcements/notices';
import { smsStatuses } from '../domain/messaging/sms-status';
import { idField, idParam } from './common';

/** Step 3 (公示告知): notices, the invitation list and replies; and every user's inbox. */

const IsoDaySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'validation.date');
export const ItemParamsSchema = z.object({ id: idParam });

export const NoticeBodySchema = z.object({
  kind: z.enum(noticeKinds),
  title: z.string().trim().min(1).max(100),
  body: z.string().trim().min(1).max(5000),
  startsOn: IsoDaySchema,
  endsOn: IsoDaySchema,
});
export type NoticeInput = z.infer<typeof NoticeBodySchema>;

export const NoticeViewSchema = z.object({
  id: z.number(),
  kind: z.enum(noticeKinds),
  title: z.string(),
  body: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  createdAt: z.string(),
});
export type Notice = z.infer<typeof NoticeViewSchema>;
export const NoticesReplySchema = z.object({ items: z.array(NoticeViewSchema) });
export type NoticeList = z.infer<typeof NoticesReplySchema>;

export {
  invitationReasons,
  invitationReplies,
  invitationScopes,
  type InvitationReason,
  type InvitationReply,
  type InvitationScope,
} from '../domain/announcements/invitations';

const IdsSchema = z.array(idField).max(500);
export const InvitationsBodySchema = z.object({
  poolTags: z.array(z.string().trim().min(1).max(20)).max(10).optional(),
  councilIds: IdsSchema.optional(),
  affectedPlaceId: idField.optional(),
  affectedScope: z.enum(invitationScopes).default('residents'),
  residentIds: IdsSchema.optional(),
  organisationIds: IdsSchema.optional(),
  outsideNames: z.array(z.string().trim().min(2).max(60)).max(20).optional(),
});
export type InvitationsInput = z.infer<typeof InvitationsBodySchema>;
/** What the client sends: the scope defaults to residents. */
export type InvitationsRequest = z.input<typeof InvitationsBodySchema>;

export const InvitationsAddedReplySchema = z.object({
  added: z.object({ pool: z.number(), council: z.number(), affected: z.number(), outside: z.number() }),
  alreadyInvited: z.number(),
  total: z.number(),
});
export type InvitationsAdded = z.infer<typeof InvitationsAddedReplySchema>;

export const InvitationViewSchema = z.object({
  id: z.number(),
  reason: z.enum(invitationReasons),
  kind: z.enum(inviteeKinds),
  /** Full name for staff; initials (张**) for others. Organisations and departments by name. */
  name: z.string(),
  isNameMasked: z.boolean(),
  hasAccount: z.boolean(),
  reply: z.enum(invitationReplies),
  repliedAt: z.string().nullable(),
  isMine: z.boolean(),
  /** The invitation text (invitees without an account), for staff who see names; null otherwise or if none. */
  sms: z.enum(smsStatuses).nullable(),
});
export type Invitation = z.infer<typeof InvitationViewSchema>;
export const InvitationsReplySchema = z.object({
  items: z.array(InvitationViewSchema),
  counts: z.object({ total: z.number(), yes: z.number(), no: z.number(), pending: z.number() }),
});
export type InvitationList = z.infer<typeof InvitationsReplySchema>;

export const ReplyBodySchema = z.object({ reply: z.enum(invitationAnswers) });
export const ReplyReplySchema = z.object({ id: z.number(), reply: z.enum(invitationAnswers), repliedAt: z.string() });
export type ReplyReply = z.infer<typeof ReplyReplySchema>;

export const DeletedReplySchema = z.object({ id: z.number(), deleted: z.literal(true) });
export type DeletedReply = z.infer<typeof DeletedReplySchema>;

export const InboxItemViewSchema = z.object({
  id: z.number(),
  matterId: z.number().nullable(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  /** The page the item opens (a meeting, a ballot); null: the matter's page. */
  link: z.string().nullable(),
  isRead: z.boolean(),
  createdAt: z.string(),
});
export type InboxItem = z.infer<typeof InboxItemViewSchema>;
export const InboxReplySchema = z.object({ items: z.array(InboxItemViewSchema), unread: z.number() });
export type InboxReply = z.infer<typeof InboxReplySchema>;
export const InboxReadReplySchema = z.object({ id: z.number(), isRead: z.literal(true) });
export type InboxReadReply = z.infer<typeof InboxReadReplySchema>;
