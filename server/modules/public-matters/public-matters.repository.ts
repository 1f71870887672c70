import { asc, eq, inArray } from 'drizzle-orm';
import { pathIds } from '../../../domain/territory/places';
import type { Db, DbOrTx } from '../../db/client';
import { matters, meetings, minutes, places } from '../../db/schema';
import { readImplementation } from '../implementation';
import { readMatterChain } from '../matters';
import { findResolution, listObjections } from '../resolutions';
import { publicTextsOf } from '../publication';
import { isDecided } from '../../../domain/matters/stages';

/** A matter anyone may read, or undefined (unknown, not public, or not yet decided: all look alike). */
export async function findPublicMatter(db: DbOrTx, matterId: number) {
  const [matter] = await db.select().from(matters).where(eq(matters.id, matterId));
  if (!matter || matter.visibility !== 'public') return undefined;
  // A public matter's record is public once decided: the outcome stands.
  return isDecided(matter.status) ? matter : undefined;
}

/** Everything the public record is built from, read once. */
export async function readPublicRecord(db: Db, matter: typeof matters.$inferSelect) {
  const ids = pathIds(matter.placePath);
  const placeRows = await db
    .select({ id: places.id, kind: places.kind, name: places.name })
    .from(places)
    .where(inArray(places.id, ids));
  const minuteRows = await db
    .select({
      minutesId: minutes.id,
      meetingId: meetings.id,
      mode: meetings.mode,
      startsAt: meetings.startsAt,
      bodyPublished: minutes.bodyPublished,
      publishedAt: minutes.publishedAt,
    })
    .from(minutes)
    .innerJoin(meetings, eq(meetings.id, minutes.meetingId))
    .where(eq(meetings.matterId, matter.id))
    .orderBy(asc(meetings.startsAt), asc(meetings.id));
  const resolution = await findResolution(db, matter.id);
  return {
    matter,
    trail: ids.map((id) => placeRows.find((p) => p.id === id)).filter((p) => p !== undefined),
    minutes: minuteRows.filter((m) => m.bodyPublished !== null),
    resolution: resolution ?? null,
    objections: resolution ? await listObjections(db, resolution.id) : [],
    implementation: await readImplementation(db, matter.id),
    chain: await readMatterChain(db, matter.id),
    texts: await publicTextsOf(db, [matter.id]),
  };
}
export type PublicRecord = Awaited<ReturnType<typeof readPublicRecord>>;
