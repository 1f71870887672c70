import { and, asc, eq, gt, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import {
  councils,
  matters,
  meetings,
  notices,
  organisationCommunities,
  organisations,
  places,
  rulesDocuments,
  rulesVersions,
  signIns,
  venueBookings,
  venueFiles,
  venues,
} from '../../db/schema';
import { inSubtree } from '../../db/subtree';
import { readTogether } from '../../db/together';
import { fiveHavesWindows } from '../../../domain/territory/venues';

export type VenueRow = Awaited<ReturnType<typeof venueRows>>[number];

/**
 * Venues matching `where`, with the facts their five haves rest on as of `today`. 有活动内容 counts
 * the meetings booked at the venue that started in the window with at least one sign-in: the
 * statistics' `consultations` notion (a meeting held), limited to the venue.
 */
async function venueRows(db: DbOrTx, where: SQL, today: string) {
  const w = fiveHavesWindows(today);
  const from = sql`(${w.activities.from}::date::timestamp at time zone 'Asia/Shanghai')`;
  const to = sql`(${w.activities.to}::date::timestamp at time zone 'Asia/Shanghai')`;
  const held = sql`
    from ${venueBookings} b join ${meetings} mt on mt.id = b.meeting_id
    where b.venue_id = "venues"."id" and mt.starts_at >= ${from} and mt.starts_at < ${to}
      and exists (select 1 from ${signIns} s where s.meeting_id = mt.id)`;
  const onBoard = sql`
    from ${notices} n join ${matters} m on m.id = n.matter_id
    where m.visibility <> 'participants' and ${inSubtree(sql`m.place_path`, sql`"venues"."community_path"`)}
      and n.starts_on <= ${today}::date and n.ends_on >= ${w.noticesSince}::date`;
  const currentRules = sql`
    from ${rulesVersions} rv join ${rulesDocuments} d on d.id = rv.document_id
    where d.venue_id = "venues"."id" and rv.effective_from <= ${today}::date
    order by rv.effective_from desc, rv.id desc limit 1`;
  return db
    .select({
      id: venues.id,
      placeId: venues.placeId,
      placePath: venues.placePath,
      communityPath: venues.communityPath,
      placeName: places.name,
      kind: venues.kind,
      name: venues.name,
      address: venues.address,
      capacity: venues.capacity,
      openingHours: venues.openingHours,
      accessibility: venues.accessibility,
      councilId: venues.councilId,
      councilName: councils.name,
      organisationId: venues.organisationId,
      organisationName: organisations.name,
      organisationBrand: organisations.brand,
      status: venues.status,
      returnReason: venues.returnReason,
      reviewedAt: venues.reviewedAt,
      signageFileId: sql<
        number | null
      >`(select max(f.id) from ${venueFiles} f where f.venue_id = "venues"."id" and f.purpose = 'signage')`,
      photos: sql<
        { id: number; purpose: 'signage' | 'photo' }[]
      >`coalesce((select json_agg(json_build_object('id', f.id, 'purpose', f.purpose) order by f.id) from ${venueFiles} f where f.venue_id = "venues"."id"), '[]'::json)`,
      rulesDocumentId: sql<number | null>`(select d.id from ${rulesDocuments} d where d.venue_id = "venues"."id")`,
      rulesTitle: sql<string | null>`(select rv.title ${currentRules})`,
      rulesFrom: sql<string | null>`(select rv.effective_from::text ${currentRules})`,
      activityCount: sql<number>`(select count(*)::int ${held})`,
      activityLastAt: sql<
        string | null
      >`(select to_char(max(mt.starts_at) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') ${held})`,
      noticeCount: sql<number>`(select count(*)::int ${onBoard})`,
      noticeLastOn: sql<string | null>`(select max(n.starts_on)::text ${onBoard})`,
    })
    .from(venues)
    .innerJoin(places, eq(places.id, venues.placeId))
    .leftJoin(councils, eq(councils.id, venues.councilId))
    .leftJoin(organisations, eq(organisations.id, venues.organisationId))
    .where(where)
    .orderBy(asc(venues.placePath), asc(venues.id));
}

/** Venues of the places under `placePath` (the place included), with their five-haves facts. */
export const venuesInSubtree = (db: DbOrTx, placePath: string, today: string) =>
  venueRows(db, inSubtree(venues.placePath, placePath), today);

/** One venue with its five-haves facts. */
export async function venueById(db: DbOrTx, id: number, today: string) {
  const [row] = await venueRows(db, eq(venues.id, id), today);
  return row;
}

/** A venue's place and review state, for access checks; `forUpdate` locks the row (review, edits). */
export async function findVenueRef(db: DbOrTx, id: number, forUpdate = false) {
  const query = db
    .select({
      id: venues.id,
      placeId: venues.placeId,
      placePath: venues.placePath,
      communityPath: venues.communityPath,
      status: venues.status,
      name: venues.name,
    })
    .from(venues)
    .where(eq(venues.id, id));
  const [row] = forUpdate ? await query.for('update') : await query;
  return row;
}

/** Inserts a venue; undefined when the place already has one of that name. */
export async function insertVenue(db: DbOrTx, values: typeof venues.$inferInsert) {
  const [row] = await db.insert(venues).values(values).onConflictDoNothing().returning({ id: venues.id });
  return row?.id;
}

/** Updates a venue; false when the new name is taken at the place. */
export async function updateVenue(db: DbOrTx, id: number, values: Partial<typeof venues.$inferInsert>) {
  const taken = values.name
    ? await db
        .select({ id: venues.id })
        .from(venues)
        .where(
          and(eq(venues.name, values.name), sql`${venues.placeId} = (select place_id from venues where id = ${id})`),
        )
    : [];
  if (taken.some((t) => t.id !== id)) return false;
  await db
    .update(venues)
    .set({ ...values, updatedAt: sql`now()` })
    .where(eq(venues.id, id));
  return true;
}

/** Sets a venue's review status (and the reviewer, reason) — callers checked the lifecycle. */
export async function setVenueStatus(
  db: DbOrTx,
  id: number,
  values: Pick<typeof venues.$inferInsert, 'status' | 'returnReason' | 'reviewedBy' | 'reviewedAt'>,
) {
  await db.update(venues).set(values).where(eq(venues.id, id));
}

/** Inserts a venue photo's row (the bytes are already stored). */
export async function insertVenueFile(db: DbOrTx, values: typeof venueFiles.$inferInsert) {
  const [row] = await db.insert(venueFiles).values(values).returning({ id: venueFiles.id });
  return row!.id;
}

/** A venue photo's storage key and type (venue photos are public, as the venue page is). */
export async function findVenueFile(db: DbOrTx, id: number) {
  const [row] = await db
    .select({ storageKey: venueFiles.storageKey, contentType: venueFiles.contentType })
    .from(venueFiles)
    .where(eq(venueFiles.id, id));
  return row;
}

/** A social organisation serving the community or a place inside it (it may run the community's venues). */
const servesInside = (communityPath: string) =>
  sql`exists (select 1 from ${organisationCommunities} where ${organisationCommunities.organisationId} = ${organisations.id} and ${inSubtree(organisationCommunities.placePath, communityPath)})`;

/** The councils and pool organisations of the community a venue's place lies in, and the social organisations serving it. */
export async function organisationOptions(db: DbOrTx, communityPath: string) {
  const [councilRows, organisationRows] = await readTogether(db, [
    () =>
      db
        .select({ id: councils.id, name: councils.name })
        .from(councils)
        .where(inSubtree(councils.placePath, communityPath))
        .orderBy(asc(councils.id)),
    () =>
      db
        .select({ id: organisations.id, name: organisations.name })
        .from(organisations)
        .where(or(inSubtree(organisations.placePath, communityPath), servesInside(communityPath)))
        .orderBy(asc(organisations.id)),
  ]);
  return { councils: councilRows, organisations: organisationRows };
}

/** Where a council or organisation belongs, to check it lies in the venue's community. */
export async function organisationPlaces(db: DbOrTx, councilId: number | null, organisationId: number | null) {
  const [council] = councilId
    ? await db.select({ path: councils.placePath }).from(councils).where(eq(councils.id, councilId))
    : [];
  const [organisation] = organisationId
    ? await db.select({ path: organisations.placePath }).from(organisations).where(eq(organisations.id, organisationId))
    : [];
  const served = organisationId
    ? await db
        .select({ path: organisationCommunities.placePath })
        .from(organisationCommunities)
        .where(eq(organisationCommunities.organisationId, organisationId))
    : [];
  return {
    councilPath: council?.path,
    organisationPath: organisation?.path,
    organisationServedPaths: served.map((r) => r.path),
  };
}

/** Upcoming bookings of a venue (ending after `now`), earliest first, with their meetings' matters. */
export async function upcomingBookings(db: DbOrTx, venueId: number, now: Date, limit = 50) {
  return db
    .select({
      id: venueBookings.id,
      startsAt: venueBookings.startsAt,
      endsAt: venueBookings.endsAt,
      title: venueBookings.title,
      meetingId: venueBookings.meetingId,
      matterId: meetings.matterId,
      matterTitle: matters.title,
      matterVisibility: matters.visibility,
      matterStatus: matters.status,
    })
    .from(venueBookings)
    .leftJoin(meetings, eq(meetings.id, venueBookings.meetingId))
    .leftJoin(matters, eq(matters.id, meetings.matterId))
    .where(and(eq(venueBookings.venueId, venueId), gt(venueBookings.endsAt, now)))
    .orderBy(asc(venueBookings.startsAt))
    .limit(limit);
}

/** Venues in a community subtree, for a meeting's venue picker. */
export async function venuesForPicker(db: DbOrTx, communityPath: string) {
  return db
    .select({ id: venues.id, name: venues.name, placeName: places.name, capacity: venues.capacity })
    .from(venues)
    .innerJoin(places, eq(places.id, venues.placeId))
    .where(inSubtree(venues.placePath, communityPath))
    .orderBy(asc(venues.placePath), asc(venues.id));
}
