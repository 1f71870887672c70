import { z } from 'zod';
import { idField, idParam } from './common';
import { councilKinds, seatPositions } from '../domain/territory/councils';

/** Councils (议事会) with seats and terms. */

/** A real calendar day written YYYY-MM-DD (2026-02-30 fails). */
const isoDaySchema = z.iso.date('validation.date');

export const councilParamsSchema = z.object({ id: idParam });
export const seatParamsSchema = z.object({ id: idParam, seatId: idParam });

export const createCouncilBodySchema = z
  .object({
    kind: z.enum(councilKinds),
    name: z.string().trim().min(1).max(50),
    termStart: isoDaySchema,
    termEnd: isoDaySchema,
  })
  .refine((b) => b.termEnd >= b.termStart, { path: ['termEnd'], message: 'council.term_order' });
export type CreateCouncilBody = z.infer<typeof createCouncilBodySchema>;
export type NewCouncil = z.input<typeof createCouncilBodySchema>;

/** A seat defaults to the council's whole term; a given term must lie inside it. */
export const addSeatBodySchema = z
  .object({
    poolMemberId: idField,
    position: z.enum(seatPositions).default('member'),
    termStart: isoDaySchema.optional(),
    termEnd: isoDaySchema.optional(),
  })
  .refine((b) => !b.termStart || !b.termEnd || b.termEnd >= b.termStart, {
    path: ['termEnd'],
    message: 'council.term_order',
  });
export type AddSeatBody = z.infer<typeof addSeatBodySchema>;
export type NewSeat = z.input<typeof addSeatBodySchema>;

export const councilViewSchema = z.object({
  id: z.number(),
  kind: z.enum(councilKinds),
  name: z.string(),
  termStart: z.string(),
  termEnd: z.string(),
  memberCount: z.number(),
  isCurrent: z.boolean(),
  placeId: z.number(),
  placeName: z.string(),
});
export type Council = z.infer<typeof councilViewSchema>;
export const seatViewSchema = z.object({
  id: z.number(),
  poolMemberId: z.number(),
  name: z.string(),
  position: z.enum(seatPositions),
  termStart: z.string(),
  termEnd: z.string(),
});
export type CouncilSeat = z.infer<typeof seatViewSchema>;
const manageAbilitySchema = z.object({ 'council.manage': z.boolean() });

export const councilsReplySchema = z.object({ items: z.array(councilViewSchema), abilities: manageAbilitySchema });
export type CouncilList = z.infer<typeof councilsReplySchema>;
export const councilDetailReplySchema = z.object({
  council: councilViewSchema,
  members: z.array(seatViewSchema),
  abilities: manageAbilitySchema,
});
export type CouncilDetail = z.infer<typeof councilDetailReplySchema>;
export const seatRemovedReplySchema = z.object({ removed: z.literal(true) });
export type SeatRemovedReply = z.infer<typeof seatRemovedReplySchema>;
export type CouncilView = z.infer<typeof councilViewSchema>;
