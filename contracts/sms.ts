import { z } from 'zod';
import { smsStatuses } from '../domain/messaging/sms-status';
import { abilitiesSchema, idParam } from './common';

/** The state of a text message as staff see it beside an invitee. */
export const SmsStateSchema = z.enum(smsStatuses);
export type SmsState = z.infer<typeof SmsStateSchema>;

/** `/api/residents/:id/sms`. */
export const ResidentParamsSchema = z.object({ id: idParam });

/** PATCH /api/residents/:id/sms. */
export const OptOutBodySchema = z.object({ smsOptOut: z.boolean() });
export type OptOutBody = z.infer<typeof OptOutBodySchema>;

/** GET and PATCH /api/residents/:id/sms. */
export const OptOutViewSchema = z.object({
  residentId: z.number(),
  /** The resident declined invitation and notice texts (login codes they ask for still go). */
  smsOptOut: z.boolean(),
  /** Whether this viewer may change it (the resident themself, or staff managing their place). */
  abilities: abilitiesSchema(['resident.setSmsOptOut']),
});
export type OptOutView = z.infer<typeof OptOutViewSchema>;
