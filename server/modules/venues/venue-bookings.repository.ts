import { and, eq, gt, lt } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { venueBookings, venues } from '../../db/schema';

/** The venue row locked for a booking: bookings of one venue are decided one at a time. */
export async function lockVenueForBooking(db: DbOrTx, venueId: number) {
  const [row] = await db
    .select({ id: venues.id, communityPath: venues.communityPath, placePath: venues.placePath })
    .from(venues)
    .where(eq(venues.id, venueId))
    .for('no key update');
  return row;
}

/** The earliest booking of the venue overlapping [startsAt, endsAt), if any (touching ends are free). */
export async function overlappingBooking(db: DbOrTx, venueId: number, startsAt: Date, endsAt: Date) {
  const [row] = await db
    .select({ startsAt: venueBookings.startsAt, endsAt: venueBookings.endsAt })
    .from(venueBookings)
    .where(
      and(eq(venueBookings.venueId, venueId), lt(venueBookings.startsAt, endsAt), gt(venueBookings.endsAt, startsAt)),
    )
    .orderBy(venueBookings.startsAt)
    .limit(1);
  return row;
}

/** Inserts a booking (the exclusion constraint refuses an overlap the lock did not prevent). */
export async function insertBooking(db: DbOrTx, values: typeof venueBookings.$inferInsert) {
  const [row] = await db.insert(venueBookings).values(values).returning({ id: venueBookings.id });
  return row!.id;
}

/** A venue's name and community, or undefined. */
export async function venueForBooking(db: DbOrTx, venueId: number) {
  const [row] = await db
    .select({ id: venues.id, name: venues.name, communityPath: venues.communityPath })
    .from(venues)
    .where(eq(venues.id, venueId));
  return row;
}
