import { abilitiesFor, type Actor } from '../../../domain/access';
import type { Venue, VenueBooking } from '../../../contracts/venues';
import { fiveHavesOf } from './venues.service';
import type { VenueRow } from './venues.repository';
import type { upcomingBookings } from './venues.repository';

/** A venue as staff see it: the register's fields, its photos, the five haves and what is missing. */
export function presentVenue(row: VenueRow): Venue {
  const { checks, missing } = fiveHavesOf(row);
  const organisation =
    row.councilId !== null && row.councilName !== null
      ? { kind: 'council' as const, id: row.councilId, name: row.councilName }
      : row.organisationId !== null && row.organisationName !== null
        ? { kind: 'organisation' as const, id: row.organisationId, name: row.organisationName }
        : null;
  return {
    id: row.id,
    placeId: row.placeId,
    placeName: row.placeName,
    kind: row.kind,
    name: row.name,
    address: row.address,
    capacity: row.capacity,
    openingHours: row.openingHours,
    accessibility: row.accessibility,
    organisation,
    status: row.status,
    returnReason: row.returnReason,
    reviewedAt: row.reviewedAt?.toISOString() ?? null,
    photos: row.photos,
    fiveHaves: checks,
    missing,
    rulesDocumentId: row.rulesDocumentId,
  };
}

/** A booking as staff see it: its time, and either its title or its meeting's matter. */
export const presentBooking = (b: Awaited<ReturnType<typeof upcomingBookings>>[number]): VenueBooking => ({
  id: b.id,
  startsAt: b.startsAt.toISOString(),
  endsAt: b.endsAt.toISOString(),
  title: b.title,
  matterId: b.matterId,
  meetingId: b.meetingId,
});

/** The abilities a venue view carries: edit (staff who manage the place) and review (the town). */
export const venueAbilities = (actor: Actor, path: string) =>
  abilitiesFor(actor, ['venue.manage', 'venue.review'], { type: 'venue', path });
