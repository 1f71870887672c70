import { abilitiesFor, type Actor } from '../../../domain/access';
import { todayInChina } from '../../calendar';
import type { Db } from '../../db/client';
import { AppError, notFound } from '../../errors';
import { authorizePlace, placeOrNotFound, type PlaceRow } from '../places';
import { composeBulletin } from './bulletins.content';
import type { BulletinContent } from '../../../contracts/bulletins';
import { clockNow } from '../../clock';
import {
  bulletinMonths,
  findBulletinWithAuthor,
  placesWithoutBulletin,
  upsertBulletinRow,
} from './bulletins.repository';
import { bulletinPlaceKinds } from '../../../domain/territory/places';

/** The month before the one `today` (YYYY-MM-DD) falls in. */
export function previousMonth(today: string): string {
  const [y, m] = today.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

function checkMonth(month: string, today: string) {
  if (month > today.slice(0, 7)) throw new AppError(400, 'bulletin.bad_month', { field: 'month' });
}

async function bulletinPlace(db: Db, placeId: number): Promise<PlaceRow> {
  const place = await placeOrNotFound(db, placeId);
  if (!(bulletinPlaceKinds as readonly string[]).includes(place.kind)) {
    throw new AppError(400, 'bulletin.place_kind', { field: 'placeId' });
  }
  return place;
}

/** Writes (or rewrites) the bulletin of a place for a month: one row per place and month. */
async function upsertBulletin(db: Db, place: PlaceRow, month: string, generatedBy: number | null, today: string) {
  const content = await composeBulletin(db, place, month, today);
  return upsertBulletinRow(db, place, month, content, generatedBy, clockNow());
}

/** 生成月度通报 on demand: staff of the place or officers above it. */
export async function generateBulletin(db: Db, actor: Actor, placeId: number, month: string, now = clockNow()) {
  const place = await bulletinPlace(db, placeId);
  authorizePlace(actor, 'bulletin.generate', place);
  const today = todayInChina(now);
  checkMonth(month, today);
  await upsertBulletin(db, place, month, actor.accountId, today);
  return readBulletin(db, actor, placeId, month);
}

/** The stored bulletin, for staff and supervisors of the place; 404 when not generated yet. */
export async function readBulletin(db: Db, actor: Actor, placeId: number, month: string) {
  const place = await bulletinPlace(db, placeId);
  authorizePlace(actor, 'bulletin.view', place);
  const row = await findBulletinWithAuthor(db, place.id, month);
  if (!row) throw notFound('bulletin');
  return {
    id: row.bulletin.id,
    content: row.bulletin.figures as BulletinContent,
    generatedAt: row.bulletin.generatedAt.toISOString(),
    generatedBy: row.generatedBy,
    abilities: abilitiesFor(actor, ['bulletin.generate'], { type: 'place', path: place.path }),
  };
}

/** The months a place has a bulletin for, newest first. */
export async function listBulletins(db: Db, actor: Actor, placeId: number) {
  const place = await bulletinPlace(db, placeId);
  authorizePlace(actor, 'bulletin.view', place);
  const rows = await bulletinMonths(db, place.id);
  return {
    items: rows.map((r) => ({ month: r.month, generatedAt: r.generatedAt.toISOString() })),
    abilities: abilitiesFor(actor, ['bulletin.generate'], { type: 'place', path: place.path }),
  };
}

/**
 * The monthly job: last month's bulletin for the city, every town and every community that has
 * none yet. It runs every day just after midnight China time, so it writes them on the 1st and
 * catches up if the app was down then; a bulletin staff generated themselves is left as it is.
 */
export async function generateMonthlyBulletins(db: Db, now = clockNow()) {
  const today = todayInChina(now);
  const month = previousMonth(today);
  const missing = await placesWithoutBulletin(db, bulletinPlaceKinds, month);
  for (const place of missing) await upsertBulletin(db, place, month, null, today);
  return { month, generated: missing.length };
}
