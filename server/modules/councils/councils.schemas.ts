import { z } from 'zod';
import { idField, idParam } from '../../../contracts/common';
import { councilKinds } from '../../db/schema';

export const seatPositions = ['chair', 'vice_chair', 'member', 'secretary'] as const;

/** A real calendar day written YYYY-MM-DD (2026-02-30 fails). */
const isoDay = z.iso.date('validation.date');

export const councilParams = z.object({ id: idParam });
export const seatParams = z.object({ id: idParam, seatId: idParam });

export const createCouncilBody = z
  .object({
    kind: z.enum(councilKinds),
    name: z.string().trim().min(1).max(50),
    termStart: isoDay,
    termEnd: isoDay,
  })
  .refine((b) => b.termEnd >= b.termStart, { path: ['termEnd'], message: 'council.term_order' });
export type CreateCouncilBody = z.infer<typeof createCouncilBody>;

/** A seat defaults to the council's whole term; a given term must lie inside it. */
export const addSeatBody = z
  .object({
    poolMemberId: idField,
    position: z.enum(seatPositions).default('member'),
    termStart: isoDay.optional(),
    termEnd: isoDay.optional(),
  })
  .refine((b) => !b.termStart || !b.termEnd || b.termEnd >= b.termStart, {
    path: ['termEnd'],
    message: 'council.term_order',
  });
export type AddSeatBody = z.infer<typeof addSeatBody>;

export const councilView = z.object({
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
export const seatView = z.object({
  id: z.number(),
  poolMemberId: z.number(),
  name: z.string(),
  position: z.enum(seatPositions),
  termStart: z.string(),
  termEnd: z.string(),
});
const manageAbility = z.object({ 'council.manage': z.boolean() });

export const councilsReply = z.object({ items: z.array(councilView), abilities: manageAbility });
export const councilDetailReply = z.object({
  council: councilView,
  members: z.array(seatView),
  abilities: manageAbility,
});
export const seatRemovedReply = z.object({ removed: z.literal(true) });
export type CouncilView = z.infer<typeof councilView>;
