import type { Actor } from '../../../domain/access';
import { COMMUNITY_DEPTH, ancestorPathAt, isWithin } from '../../../domain/territory/places';
import {
  checkFiveHaves,
  missingHaves,
  venuePlaceKinds,
  venueReviewLifecycle,
  type VenuePhotoPurpose,
} from '../../../domain/territory/venues';
import { todayInChina } from '../../calendar';
import { clockNow } from '../../clock';
import type { Db, DbOrTx } from '../../db/client';
import { readTogether } from '../../db/together';
import { AppError, invalid, missing, notFound } from '../../errors';
import type { FileStorage } from '../../storage';
import { loadVisibleMatter, type Photo } from '../matters';
import type { PlaceRow } from '../places';
import type { VenueBody, VenueBookingBody, VenueReturnBody } from '../../../contracts/venues';
import type { RulesVersionBody } from '../../../contracts/rules';
import { addRulesVersion } from '../rules';
import { bookVenue } from './venue-bookings.service';
import {
  findVenueRef,
  insertVenue,
  insertVenueFile,
  organisationOptions,
  organisationPlaces,
  setVenueStatus,
  updateVenue,
  upcomingBookings,
  venueById,
  venuesForPicker,
  venuesInSubtree,
} from './venues.repository';

export type VenueRef = NonNullable<Awaited<ReturnType<typeof findVenueRef>>>;

const communityOf = (path: string) => ancestorPathAt(path, COMMUNITY_DEPTH) ?? path;

/** The five haves of a venue row, as of today. */
export function fiveHavesOf(row: NonNullable<Awaited<ReturnType<typeof venueById>>>) {
  const checks = checkFiveHaves({
    signageFileId: row.signageFileId,
    organisationName: row.councilName ?? row.organisationName ?? null,
    rules: row.rulesTitle && row.rulesFrom ? { title: row.rulesTitle, effectiveFrom: row.rulesFrom } : null,
    activities: { count: row.activityCount, lastAt: row.activityLastAt },
    notices: { count: row.noticeCount, lastOn: row.noticeLastOn },
  });
  return { checks, missing: missingHaves(checks) };
}

/** Venues of a place's subtree with their five haves. */
export const listVenues = (db: Db, place: Pick<PlaceRow, 'path'>) => venuesInSubtree(db, place.path, todayInChina());

/** One venue with its five haves; 404 when gone. */
export async function readVenue(db: DbOrTx, venueId: number) {
  const row = await venueById(db, venueId, todayInChina());
  if (!row) throw notFound('venue');
  return row;
}

/** A venue with its upcoming bookings (staff view). */
export async function readVenueDetail(db: Db, venueId: number) {
  const [row, bookings] = await readTogether(db, [
    () => readVenue(db, venueId),
    () => upcomingBookings(db, venueId, clockNow()),
  ]);
  return { row, bookings };
}

/** The organisation must be a council or pool organisation of the venue's community, or a social organisation serving it. */
async function checkOrganisation(db: DbOrTx, communityPath: string, body: VenueBody) {
  const { councilPath, organisationPath, organisationServedPaths } = await organisationPlaces(
    db,
    body.councilId,
    body.organisationId,
  );
  const isServing = organisationServedPaths.some((p) => isWithin(p, communityPath));
  if (body.councilId !== null && (!councilPath || !isWithin(councilPath, communityPath)))
    throw missing('councilId', 'council');
  if (body.organisationId !== null && !isServing && (!organisationPath || !isWithin(organisationPath, communityPath)))
    throw missing('organisationId', 'organisation');
}

/** Registers a venue at a community, estate or building; 409 `venue.duplicate_name` at the same place. */
export async function createVenue(
  db: Db,
  actor: Actor,
  place: Pick<PlaceRow, 'id' | 'path' | 'kind'>,
  body: VenueBody,
) {
  if (!(venuePlaceKinds as readonly string[]).includes(place.kind)) throw invalid('id', 'venue.place_kind');
  const communityPath = communityOf(place.path);
  const id = await db.transaction(async (tx) => {
    await checkOrganisation(tx, communityPath, body);
    const inserted = await insertVenue(tx, {
      ...body,
      placeId: place.id,
      placePath: place.path,
      communityPath,
      createdBy: actor.accountId,
    });
    if (inserted === undefined) throw new AppError(409, 'venue.duplicate_name', { field: 'name' });
    return inserted;
  });
  return readVenue(db, id);
}

/** A change to the venue or its evidence sends a review under way or given back to draft. */
export async function invalidateReview(tx: DbOrTx, venue: Pick<VenueRef, 'id' | 'status'>) {
  if (venueReviewLifecycle.allows('invalidate', venue.status)) {
    await setVenueStatus(tx, venue.id, {
      status: venueReviewLifecycle.transitions.invalidate.to,
      reviewedBy: null,
      reviewedAt: null,
    });
  }
}

/** Edits a venue (all fields); the town's review is invalidated. */
export async function editVenue(db: Db, venueId: number, body: VenueBody) {
  await db.transaction(async (tx) => {
    const venue = await findVenueRef(tx, venueId, true);
    if (!venue) throw notFound('venue');
    await checkOrganisation(tx, venue.communityPath, body);
    if (!(await updateVenue(tx, venueId, body))) throw new AppError(409, 'venue.duplicate_name', { field: 'name' });
    await invalidateReview(tx, venue);
  });
  return readVenue(db, venueId);
}

/** Adds photos (signage evidence or the venue itself); new signage invalidates the review. */
export async function addVenuePhotos(
  db: Db,
  storage: FileStorage,
  actor: Actor,
  venueId: number,
  purpose: VenuePhotoPurpose,
  photos: Photo[],
) {
  if (photos.length === 0) throw new AppError(400, 'venue.photo_missing', { field: 'photos' });
  await db.transaction(async (tx) => {
    const venue = await findVenueRef(tx, venueId, true);
    if (!venue) throw notFound('venue');
    for (const photo of photos) {
      const stored = await storage.put(photo.bytes);
      await insertVenueFile(tx, {
        venueId,
        purpose,
        storageKey: stored.key,
        fileName: photo.fileName.slice(0, 200),
        contentType: photo.contentType,
        sizeBytes: stored.sizeBytes,
        sha256: stored.sha256,
        uploadedBy: actor.accountId,
      });
    }
    if (purpose === 'signage') await invalidateReview(tx, venue);
  });
  return readVenue(db, venueId);
}

type ReviewCommand = 'submit' | 'approve' | 'return';

/**
 * Moves a venue through the town's review in one transaction under the venue's row lock: submit (staff),
 * approve (the town; only with all five haves met: 409 `venue.five_haves_missing`), return with a reason.
 */
export async function reviewVenue(
  db: Db,
  actor: Actor,
  venueId: number,
  command: ReviewCommand,
  body?: VenueReturnBody,
) {
  await db.transaction(async (tx) => {
    const venue = await findVenueRef(tx, venueId, true);
    if (!venue) throw notFound('venue');
    if (!venueReviewLifecycle.allows(command, venue.status)) {
      throw new AppError(409, 'venue.wrong_state', { params: { status: venue.status } });
    }
    if (command === 'approve') {
      const row = await venueById(tx, venueId, todayInChina());
      const { missing: absent } = fiveHavesOf(row!);
      if (absent.length > 0) throw new AppError(409, 'venue.five_haves_missing', { details: { missing: absent } });
    }
    const to = venueReviewLifecycle.transitions[command].to;
    const isReview = command !== 'submit';
    await setVenueStatus(tx, venueId, {
      status: to,
      returnReason: command === 'return' ? body!.reason : null,
      reviewedBy: isReview ? actor.accountId : null,
      reviewedAt: isReview ? clockNow() : null,
    });
  });
  return readVenue(db, venueId);
}

/** Books a venue for a staff activity that is not a matter's meeting. */
export async function bookVenueForActivity(db: Db, actor: Actor, venueId: number, body: VenueBookingBody) {
  const id = await db.transaction((tx) =>
    bookVenue(tx, {
      venueId,
      field: 'startsAt',
      title: body.title,
      startsAt: new Date(body.startsAt),
      endsAt: new Date(body.endsAt),
      createdBy: actor.accountId,
    }),
  );
  return { id };
}

/** What the venue form offers as its organisation. */
export const readVenueOptions = (db: Db, place: Pick<PlaceRow, 'path'>) =>
  organisationOptions(db, communityOf(place.path));

/** The venues of a visible matter's community, for its meeting form (404 for a matter out of sight). */
export async function listMatterVenues(db: Db, actor: Actor, matterId: number) {
  const { matter } = await loadVisibleMatter(db, actor, matterId);
  return venuesForPicker(db, communityOf(matter.placePath));
}

/** A new version of the venue's rules (有议事制度); the town's review is invalidated. */
export async function addVenueRules(db: Db, actor: Actor, venueId: number, body: RulesVersionBody) {
  return db.transaction(async (tx) => {
    const venue = await findVenueRef(tx, venueId, true);
    if (!venue) throw notFound('venue');
    const created = await addRulesVersion(tx, actor, { owner: 'venue', venueId, placePath: venue.placePath }, body);
    await invalidateReview(tx, venue);
    return created;
  });
}
