import { bookingEnd } from '../../../domain/territory/venues';
import { COMMUNITY_DEPTH, ancestorPathAt } from '../../../domain/territory/places';
import type { DbOrTx } from '../../db/client';
import { AppError, missing } from '../../errors';
import { insertBooking, lockVenueForBooking, overlappingBooking, venueForBooking } from './venue-bookings.repository';

/** "2026-12-06 14:00" in China time: how a conflict names the other booking (never who booked it). */
export function chinaMinute(at: Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const p = Object.fromEntries(parts.map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

const communityOf = (path: string) => ancestorPathAt(path, COMMUNITY_DEPTH) ?? path;

/** The venue a matter's meeting may book: one of the matter's community, else 400 on `venueId`. */
export async function venueForMeeting(tx: DbOrTx, venueId: number, matterPlacePath: string) {
  const venue = await venueForBooking(tx, venueId);
  if (!venue || venue.communityPath !== communityOf(matterPlacePath)) throw missing('venueId', 'venue');
  return { id: venue.id, name: venue.name };
}

const isExclusionViolation = (error: unknown): boolean => {
  const pg = (error as { cause?: { code?: string } }).cause ?? (error as { code?: string });
  return pg?.code === '23P01';
};

/**
 * Books a venue for [startsAt, endsAt) inside the caller's transaction. The venue row is locked first,
 * so of two bookings at once the second sees the first; an overlap is 409 `venue.booked` naming the
 * other booking's time. `within`: the community subtree the venue must lie in (a matter's), else 400.
 */
export async function bookVenue(
  tx: DbOrTx,
  booking: {
    venueId: number;
    field: string;
    within?: string;
    meetingId?: number;
    title?: string;
    startsAt: Date;
    endsAt: Date | null;
    createdBy: number;
  },
): Promise<number> {
  const venue = await lockVenueForBooking(tx, booking.venueId);
  const community = booking.within && communityOf(booking.within);
  if (!venue || (community && venue.communityPath !== community)) throw missing(booking.field, 'venue');
  const endsAt = bookingEnd(booking.startsAt, booking.endsAt);
  const other = await overlappingBooking(tx, venue.id, booking.startsAt, endsAt);
  if (other) {
    throw new AppError(409, 'venue.booked', {
      field: booking.field,
      params: { startsAt: chinaMinute(other.startsAt), endsAt: chinaMinute(other.endsAt) },
    });
  }
  try {
    return await insertBooking(tx, {
      venueId: venue.id,
      meetingId: booking.meetingId ?? null,
      title: booking.title ?? null,
      startsAt: booking.startsAt,
      endsAt,
      createdBy: booking.createdBy,
    });
  } catch (error) {
    if (isExclusionViolation(error)) throw new AppError(409, 'venue.booked_now', { field: booking.field });
    throw error;
  }
}
