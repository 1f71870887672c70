import { maskPhone } from '../../../domain/people/phone';
import type { PoolMemberRow } from './pool.repository';
import type { PoolMemberView } from '../../../contracts/pool';

type Seat = { poolMemberId: number; id: number; name: string };

/** Maps pool rows to views; `showsPhones` is decided once for the whole list (staff of the place or not). */
export function presentPoolMembers(rows: PoolMemberRow[], seats: Seat[], showsPhones: boolean): PoolMemberView[] {
  return rows.map((r) => ({
    id: r.id,
    kind: r.residentId === null ? 'organisation' : 'resident',
    name: r.name,
    phone: r.phone === null ? null : showsPhones ? r.phone : maskPhone(r.phone),
    isPhoneMasked: r.phone !== null && !showsPhones,
    tags: r.tags,
    note: r.note,
    isActive: r.isActive,
    residentId: r.residentId,
    organisationId: r.organisationId,
    organisationKind: r.organisationKind,
    placeName: r.placeName,
    councils: seats.filter((s) => s.poolMemberId === r.id).map((s) => ({ id: s.id, name: s.name })),
  }));
}

/** The single entry of a one-row read. */
export function presentPoolMember(read: { rows: PoolMemberRow[]; seats: Seat[] }, showsPhones: boolean) {
  const [view] = presentPoolMembers(read.rows, read.seats, showsPhones);
  return view!;
}
