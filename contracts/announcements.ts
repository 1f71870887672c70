import { z } from 'zod';
import { idField, idParam } from './common';

/** Step 3 (公示告知): notices, the invitation list and replies; and every user's inbox. */

const isoDaySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'validation.date');
// TODO(contracts-a): use the shared matterParams from contracts/common.ts once it lands.
export const matterParamsSchema = z.object({ id: idParam });
export const itemParamsSchema = z.object({ id: idParam });

export const noticeBodySchema = z.object({
  kind: z.enum(['topic', 'meeting', 'result']),
  title: z.string().trim().min(1).max(100),
  body: z.string().trim().min(1).max(5000),
  startsOn: isoDaySchema,
  endsOn: isoDaySchema,
});
export type NoticeInput = z.infer<typeof noticeBodySchema>;

export const noticeViewSchema = z.object({
  id: z.number(),
  kind: z.enum(['topic', 'meeting', 'result']),
  title: z.string(),
  body: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  createdAt: z.string(),
});
export type Notice = z.infer<typeof noticeViewSchema>;
export const noticesReplySchema = z.object({ items: z.array(noticeViewSchema) });

export const invitationScopes = ['residents', 'owners', 'households'] as const;
export type InvitationScope = (typeof invitationScopes)[number];

const idsSchema = z.array(idField).max(500);
export const invitationsBodySchema = z.object({
  poolTags: z.array(z.string().trim().min(1).max(20)).max(10).optional(),
  councilIds: idsSchema.optional(),
  affectedPlaceId: idField.optional(),
  affectedScope: z.enum(invitationScopes).default('residents'),
  residentIds: idsSchema.optional(),
  organisationIds: idsSchema.optional(),
  outsideNames: z.array(z.string().trim().min(2).max(60)).max(20).optional(),
});
export type InvitationsInput = z.infer<typeof invitationsBodySchema>;
/** What the client sends: the scope defaults to residents. */
export type InvitationsRequest = z.input<typeof invitationsBodySchema>;

export const invitationReplies = ['pending', 'yes', 'no'] as const;
export type InvitationReply = (typeof invitationReplies)[number];
export const smsStates = ['queued', 'sent', 'failed', 'opted_out'] as const;

export const invitationReasons = ['pool', 'council', 'affected', 'outside'] as const;
export type InvitationReason = (typeof invitationReasons)[number];
export const invitationsAddedReplySchema = z.object({
  added: z.object({ pool: z.number(), council: z.number(), affected: z.number(), outside: z.number() }),
  alreadyInvited: z.number(),
  total: z.number(),
});
export type InvitationsAdded = z.infer<typeof invitationsAddedReplySchema>;

export const invitationViewSchema = z.object({
  id: z.number(),
  reason: z.enum(invitationReasons),
  kind: z.enum(['resident', 'organisation', 'outside']),
  /** Full name for staff; initials (张**) for others. Organisations and departments by name. */
  name: z.string(),
  isNameMasked: z.boolean(),
  hasAccount: z.boolean(),
  reply: z.enum(invitationReplies),
  repliedAt: z.string().nullable(),
  isMine: z.boolean(),
  /** The invitation text (invitees without an account), for staff who see names; null otherwise or if none. */
  sms: z.enum(smsStates).nullable(),
});
export type Invitation = z.infer<typeof invitationViewSchema>;
export const invitationsReplySchema = z.object({
  items: z.array(invitationViewSchema),
  counts: z.object({ total: z.number(), yes: z.number(), no: z.number(), pending: z.number() }),
});
export type InvitationList = z.infer<typeof invitationsReplySchema>;

export const replyBodySchema = z.object({ reply: z.enum(['yes', 'no']) });
export const replyReplySchema = z.object({ id: z.number(), reply: z.enum(['yes', 'no']), repliedAt: z.string() });
export type ReplyReply = z.infer<typeof replyReplySchema>;

export const deletedReplySchema = z.object({ id: z.number(), deleted: z.literal(true) });
export type DeletedReply = z.infer<typeof deletedReplySchema>;

export const inboxItemViewSchema = z.object({
  id: z.number(),
  matterId: z.number().nullable(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  isRead: z.boolean(),
  createdAt: z.string(),
});
export type InboxItem = z.infer<typeof inboxItemViewSchema>;
export const inboxReplySchema = z.object({ items: z.array(inboxItemViewSchema), unread: z.number() });
export type InboxReply = z.infer<typeof inboxReplySchema>;
export const inboxReadReplySchema = z.object({ id: z.number(), isRead: z.literal(true) });
export type InboxReadReply = z.infer<typeof inboxReadReplySchema>;
