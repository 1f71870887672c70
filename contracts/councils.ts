import { z } from 'zod';
import { abilitiesSchema, idField, idParam } from './common';
import { councilKinds, seatPositions } from '../domain/territory/councils';

/** Councils (议事会) with seats and terms. */

/** A real calendar day written YYYY-MM-DD (2026-02-30 fails). */
const IsoDaySchema = z.iso.date('validation.date');

export const CouncilParamsSchema = z.object({ id: idParam });
export const SeatParamsSchema = z.object({ id: idParam, seatId: idParam });

export const CreateCouncilBodySchema = z
  .object({
    kind: z.enum(councilKinds),
    name: z.string().trim().min(1).max(50),
    termStart: IsoDaySchema,
    termEnd: IsoDaySchema,
  })
  .refine((b) => b.termEnd >= b.termStart, { path: ['termEnd'], message: 'council.term_order' });
export type CreateCouncilBody = z.infer<typeof CreateCouncilBodySchema>;
export type NewCouncil = z.input<typeof CreateCouncilBodySchema>;

/** A seat defaults to the council's whole term; a given term must lie inside it. */
export const AddSeatBodySchema = z
  .object({
    poolMemberId: idField,
    position: z.enum(seatPositions).default('member'),
    termStart: IsoDaySchema.optional(),
    termEnd: IsoDaySchema.optional(),
  })
  .refine((b) => !b.termStart || !b.termEnd || b.termEnd >= b.termStart, {
    path: ['termEnd'],
    message: 'council.term_order',
  });
export type AddSeatBody = z.infer<typeof AddSeatBodySchema>;
export type NewSeat = z.input<typeof AddSeatBodySchema>;

export const CouncilViewSchema = z.object({
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
export type Council = z.infer<typeof CouncilViewSchema>;
export const SeatViewSchema = z.object({
  id: z.number(),
  poolMemberId: z.number(),
  name: z.string(),
  position: z.enum(seatPositions),
  termStart: z.string(),
  termEnd: z.string(),
});
export type CouncilSeat = z.infer<typeof SeatViewSchema>;
const ManageAbilitySchema = abilitiesSchema(['council.manage']);

export const CouncilsReplySchema = z.object({ items: z.array(CouncilViewSchema), abilities: ManageAbilitySchema });
export type CouncilList = z.infer<typeof CouncilsReplySchema>;
export const CouncilDetailReplySchema = z.object({
  council: CouncilViewSchema,
  members: z.array(SeatViewSchema),
  abilities: ManageAbilitySchema,
});
export type CouncilDetail = z.infer<typeof CouncilDetailReplySchema>;
export const SeatRemovedReplySchema = z.object({ removed: z.literal(true) });
export type SeatRemovedReply = z.infer<typeof SeatRemovedReplySchema>;
export type CouncilView = z.infer<typeof CouncilViewSchema>;
