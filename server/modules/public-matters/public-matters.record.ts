import { pathIds } from '../../../domain/territory/places';
import type { Db, DbOrTx } from '../../db/client';
import { readImplementation } from '../implementation';
import { findMatter, readMatterChain, trailPlaces, type MatterRow } from '../matters';
import { findResolution, listObjections } from '../resolutions';
import { publicTextsOf } from '../publication';
import { isDecided } from '../../../domain/matters/stages';
import { meetingMinuteRows } from './public-matters.repository';

/** A matter anyone may read, or undefined (unknown, not public, or not yet decided: all look alike). */
export async function findPublicMatter(db: DbOrTx, matterId: number) {
  const matter = await findMatter(db, matterId);
  if (!matter || matter.visibility !== 'public') return undefined;
  // A public matter's record is public once decided: the outcome stands.
  return isDecided(matter.status) ? matter : undefined;
}

/** Everything the public record is built from, read once. */
export async function readPublicRecord(db: Db, matter: MatterRow) {
  const ids = pathIds(matter.placePath);
  const placeRows = await trailPlaces(db, matter.placePath);
  const minuteRows = await meetingMinuteRows(db, matter.id);
  const resolution = await findResolution(db, matter.id);
  const objections = resolution ? await listObjections(db, resolution.id) : [];
  const implementation = await readImplementation(db, matter.id);
  // The short texts shown as they are read (the presenter redacts exactly these).
  const shortTexts = [
    matter.title,
    ...objections.map((o) => o.answer ?? ''),
    ...implementation.taskRows.map((t) => t.title),
    ...implementation.progressRows.map((p) => p.note),
  ];
  return {
    matter,
    trail: ids.map((id) => placeRows.find((p) => p.id === id)).filter((p) => p !== undefined),
    minutes: minuteRows.filter((m) => m.bodyPublished !== null),
    resolution: resolution ?? null,
    objections,
    implementation,
    chain: await readMatterChain(db, matter.id),
    texts: await publicTextsOf(db, [matter.id], shortTexts),
  };
}
export type PublicRecord = Awaited<ReturnType<typeof readPublicRecord>>;
