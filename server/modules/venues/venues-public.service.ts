import type { Db, DbOrTx } from '../../db/client';
import { notFound } from '../../errors';
import { clockNow } from '../../clock';
import { servableFile } from '../../images';
import type { FileStorage } from '../../storage';
import { isDecided } from '../../../domain/matters/stages';
import { venueReviewLifecycle } from '../../../domain/territory/venues';
import type { PublicVenue } from '../../../contracts/venues';
import { publicTextsOf } from '../publication';
import { findVenueFile, upcomingBookings } from './venues.repository';
import { fiveHavesOf, readVenue } from './venues.service';

/**
 * The public venue page: the register's fields, photos, the five-haves badges and the upcoming
 * bookings. A meeting of a public matter shows its title through the public-text redactor (names become
 * labels, numbers go); any other booking shows its time alone. Nothing names a person.
 */
export async function readPublicVenue(db: Db, venueId: number): Promise<PublicVenue> {
  const row = await readVenue(db, venueId);
  const bookings = await upcomingBookings(db, venueId, clockNow(), 20);
  const publicIds = bookings.flatMap((b) =>
    b.matterId !== null && b.matterVisibility === 'public' ? [b.matterId] : [],
  );
  const texts = await publicTextsOf(
    db,
    publicIds,
    bookings.flatMap((b) => (b.matterTitle === null ? [] : [b.matterTitle])),
  );
  const { checks } = fiveHavesOf(row);
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    placeName: row.placeName,
    address: row.address,
    capacity: row.capacity,
    openingHours: row.openingHours,
    accessibility: row.accessibility,
    organisationName: row.councilName ?? row.organisationName ?? null,
    // A brand (e.g. 四治茶座) its social organisation carries, shown as a badge.
    organisationBrand: row.councilName === null ? row.organisationBrand : null,
    isApproved: venueReviewLifecycle.is.approved(row.status),
    photos: row.photos,
    fiveHaves: checks.map((c) => ({ have: c.have, isMet: c.isMet })),
    rulesDocumentId: row.rulesDocumentId,
    upcoming: bookings.map((b) => {
      const isPublic = b.matterId !== null && publicIds.includes(b.matterId) && b.matterTitle !== null;
      return {
        startsAt: b.startsAt.toISOString(),
        endsAt: b.endsAt.toISOString(),
        title: isPublic ? texts.redact(b.matterId!, b.matterTitle!) : null,
        // Only a decided public matter has a public page to link to.
        matterId: isPublic && isDecided(b.matterStatus) ? b.matterId : null,
      };
    }),
  };
}

/** The bytes of a venue photo (public, as the venue page is); an unknown id is 404. */
export async function readVenueFile(db: DbOrTx, storage: FileStorage, fileId: number) {
  const file = await findVenueFile(db, fileId);
  if (!file) throw notFound('file');
  const bytes = await storage.read(file.storageKey);
  return { contentType: file.contentType, bytes: await servableFile({ contentType: file.contentType, bytes }) };
}
