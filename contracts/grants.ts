import { z } from 'zod';
import { roles, staffAppointments } from '../domain/access';
import { grantActorKinds, grantEventKinds } from '../domain/access/account-events';
import { PHONE_PATTERN, normalisePhone } from '../domain/people/phone';
import { abilitiesSchema, idParam, urlNumber } from './common';

const REASON_MAX = 500;
const phone = z.string().max(20).transform(normalisePhone).pipe(z.string().regex(PHONE_PATTERN, 'validation.phone'));
/** Why: optional when appointing. */
const optionalReason = z.string().trim().max(REASON_MAX).optional();
/** Why: required when revoking (the record shows it to the officers above). */
const requiredReason = z.string().trim().min(1, 'validation.required').max(REASON_MAX);

export const StaffRoleSchema = z.enum(staffAppointments);
export const AppointSupervisorBodySchema = z.object({ phone, reason: optionalReason });
export const RevokeBodySchema = z.object({ reason: requiredReason });
export const AppointStaffBodySchema = z.object({ phone, role: StaffRoleSchema, reason: optionalReason });
export const RevokeStaffBodySchema = z.object({ role: StaffRoleSchema, reason: requiredReason });
export const StaffParamsSchema = z.object({ id: idParam, accountId: idParam });

export const HistoryQuerySchema = z.object({
  page: urlNumber(1, 10_000).default(1),
});

export const GrantEventViewSchema = z.object({
  id: z.number(),
  kind: z.enum(grantEventKinds),
  role: z.enum(roles),
  placeName: z.string(),
  /** Whom: the name and the masked phone (138****5678). */
  accountName: z.string(),
  accountPhone: z.string(),
  /** Who acted: a person in the app, the operator's admin CLI, or nobody recorded (held before the record began). */
  actorKind: z.enum(grantActorKinds),
  /** The person's name when `actorKind` is `account`. */
  actorName: z.string().nullable(),
  reason: z.string(),
  at: z.string(),
});
export const HistoryReplySchema = z.object({
  items: z.array(GrantEventViewSchema),
  total: z.number(),
  pageSize: z.number(),
});
export const ChangedReplySchema = z.object({ id: z.number() });
/** On a place's list of grants: whether the viewer may appoint here and read the history. */
export const PlaceGrantAbilitiesSchema = abilitiesSchema(['grant.appoint', 'grant.viewHistory']);
/** On each grant: whether the viewer may revoke it (held here, and not the viewer's own). */
export const GrantRowAbilitiesSchema = abilitiesSchema(['grant.revoke']);

export const StaffReplySchema = z.object({
  items: z.array(
    z.object({
      accountId: z.number(),
      name: z.string(),
      /** Always masked (138****5678). */
      phone: z.string(),
      role: StaffRoleSchema,
      placeName: z.string(),
      /** Held on this very place (may be revoked here), not on a place above. */
      isHere: z.boolean(),
      abilities: GrantRowAbilitiesSchema,
    }),
  ),
  abilities: PlaceGrantAbilitiesSchema,
});

export type StaffRole = z.infer<typeof StaffRoleSchema>;
export type GrantEvent = z.infer<typeof GrantEventViewSchema>;
export type GrantHistory = z.infer<typeof HistoryReplySchema>;
export type PlaceStaff = z.infer<typeof StaffReplySchema>;
export type ChangedReply = z.infer<typeof ChangedReplySchema>;
export type AppointStaffBody = z.input<typeof AppointStaffBodySchema>;
export type RevokeStaffBody = z.input<typeof RevokeStaffBodySchema>;
export type AppointSupervisorBody = z.input<typeof AppointSupervisorBodySchema>;
