import { outermostPaths, scopeFor, type Action, type Actor } from '../../../domain/access';
import { isWithin, pathIds, type PlacePath } from '../../../domain/territory/places';
import type { Db, DbOrTx } from '../../db/client';
import { notFound } from '../../errors';
import { authorize, refusalCodes, type Access } from '../../plugins/authorize';
import {
  childSummaries,
  holdersOver,
  findHome,
  findPlace,
  findPlacesByIds,
  householdMembers,
  logPersonalDataRead,
  placeSummariesAtPaths,
  placeSummaryById,
  searchPlaceRows,
  subtreeCounts,
  type PlaceRow,
} from './places.repository';
import { dwellingsPage, residentsPage, searchedResidentsPage } from './subtree-pages.repository';
import { dwellingCursor, dwellingKeyOf, residentCursor, residentKeyOf } from './subtree-cursor';

/** The place with this id, or a 404. */
export async function placeOrNotFound(db: DbOrTx, id: number): Promise<PlaceRow> {
  const place = await findPlace(db, id);
  if (!place) throw notFound('place');
  return place;
}

/** A place addressed by id in the path: not hidden, and its refusal names the place. */
const placeAccess: Access = { what: 'place', denied: refusalCodes.deniedPlace };

/** Refuses with 403 `access.denied_place` unless the actor may do `action` on the place's subtree. */
export function authorizePlace(actor: Actor, action: Action, place: Pick<PlaceRow, 'path'>): void {
  authorize(actor, action, { type: 'place', path: place.path }, placeAccess);
}

/** Ancestors of a place, root first (the place itself excluded). */
export async function ancestorsOf(db: DbOrTx, place: Pick<PlaceRow, 'id' | 'path'>): Promise<PlaceRow[]> {
  return findPlacesByIds(
    db,
    pathIds(place.path).filter((id) => id !== place.id),
  );
}

/** The logged-in resident's home: person, dwelling, household, place and building; 404 without a resident. */
export async function readHome(db: Db, residentId: number | null) {
  const home = residentId === null ? undefined : await findHome(db, residentId);
  if (!home) throw notFound('resident');
  const place = await placeOrNotFound(db, home.resident.placeId);
  const [ancestors, members] = await Promise.all([
    ancestorsOf(db, place),
    home.resident.householdId === null ? [] : householdMembers(db, home.resident.householdId),
  ]);
  const buildingRow = [...ancestors, place].find((p) => p.kind === 'building');
  const building = buildingRow ? await placeSummaryById(db, buildingRow.id) : undefined;
  return { ...home, place, ancestors, members, building };
}

/** The actor's grant places, nested grants dropped, outermost first, with counts. */
export async function listRoots(db: Db, actor: Actor) {
  const roots = outermostPaths(actor.grants.map((g) => g.placePath));
  if (roots.length === 0) return [];
  return placeSummariesAtPaths(db, roots);
}

/** A place's ancestors and subtree counts. */
export async function readPlaceDetail(db: Db, place: PlaceRow) {
  const [ancestors, counts] = await Promise.all([ancestorsOf(db, place), subtreeCounts(db, place)]);
  return { ancestors, counts };
}

/** Every proper ancestor path of the scopes: browsing an ancestor shows only the branch leading home. */
function ancestorPathsOf(scopes: readonly PlacePath[]): PlacePath[] {
  const out = new Set<PlacePath>();
  for (const scope of scopes) {
    const ids = pathIds(scope);
    for (let depth = 1; depth < ids.length; depth++) out.add(`/${ids.slice(0, depth).join('/')}/`);
  }
  return [...out];
}

/** Children of a place that the actor may view, decided for the whole list in one query. */
export async function listChildren(db: Db, actor: Actor, place: PlaceRow) {
  const scopes = scopeFor(actor, 'place.view').subtrees;
  return childSummaries(db, place.id, scopes, ancestorPathsOf(scopes));
}

/** Active accounts holding the convenor role on the place or one of its ancestors, innermost grant first. */
export async function listConvenorsOver(db: DbOrTx, placePath: string) {
  const rows = await holdersOver(db, placePath, ['convenor']);
  // One row per account: its grant nearest the place.
  const seen = new Set<number>();
  return rows.filter((r) => !seen.has(r.accountId) && seen.add(r.accountId));
}

/** The search scopes: the actor's browsing subtrees, narrowed to `within` when given. */
function searchScopes(actor: Actor, within: PlaceRow | undefined): readonly PlacePath[] {
  const scopes = scopeFor(actor, 'place.view').subtrees;
  if (!within) return scopes;
  return outermostPaths(
    scopes.flatMap((scope) => {
      if (isWithin(within.path, scope)) return [within.path];
      if (isWithin(scope, within.path)) return [scope];
      return [];
    }),
  );
}

/** Places whose name or code contains `q`, inside what the actor may view, each with a trail of ancestor names. */
export async function searchPlaces(
  db: Db,
  actor: Actor,
  query: { q: string; within: PlaceRow | undefined; limit: number },
) {
  const rows = await searchPlaceRows(db, query.q, searchScopes(actor, query.within), query.limit);
  const ancestorIds = new Set(rows.flatMap((r) => pathIds(r.path).filter((id) => id !== r.id)));
  const names = new Map((await findPlacesByIds(db, [...ancestorIds])).map((p) => [p.id, p.name]));
  return rows.map((row) => ({
    ...row,
    trail: pathIds(row.path)
      .filter((id) => id !== row.id)
      .map((id) => names.get(id) ?? '')
      .join(' / '),
  }));
}

export type PageRequest = { page: number; pageSize: number; after?: string | undefined };
/** The page's window: past the `after` cursor when it decodes, else counted off by the page number. */
const windowOf = <Key>({ page, pageSize }: PageRequest, after: Key | undefined) => ({
  limit: pageSize,
  offset: (page - 1) * pageSize,
  after,
});

/** The cursor for the page after `rows`, or null on the last page. */
function nextCursor<Row>(page: { rows: Row[]; hasNext: boolean }, cursorOf: (row: Row) => string): string | null {
  const last = page.rows.at(-1);
  return page.hasNext && last ? cursorOf(last) : null;
}

/** One page of the subtree's dwellings with their owners, the subtree total and the next page's cursor. */
export async function listSubtreeDwellings(db: Db, place: Pick<PlaceRow, 'path'>, request: PageRequest) {
  const page = await dwellingsPage(db, place.path, windowOf(request, dwellingKeyOf(request.after)));
  const next = nextCursor(page, (r) => dwellingCursor({ path: r.placePath, floor: r.floor, room: r.room, id: r.id }));
  return { rows: page.rows, total: page.total, next };
}

/**
 * One page of the subtree's residents. When the page shows full personal records (`fullRecordsFor`
 * is the reading staff account), the read is logged as PIPL requires: one row per request, written
 * by the page's own statement (a search: inserted beside the page's reads rather than after them).
 */
export async function listSubtreeResidents(
  db: Db,
  place: Pick<PlaceRow, 'id' | 'path'>,
  request: PageRequest & { q?: string | undefined },
  fullRecordsFor: number | null,
) {
  const window = windowOf(request, residentKeyOf(request.after));
  const page = request.q
    ? (
        await Promise.all([
          searchedResidentsPage(db, place.path, request.q, window),
          fullRecordsFor === null ? undefined : logPersonalDataRead(db, fullRecordsFor, 'place_residents', place.id),
        ])
      )[0]
    : await residentsPage(db, place, window, fullRecordsFor);
  const next = nextCursor(page, (r) => residentCursor({ path: r.placePath, id: r.id }));
  return { rows: page.rows, total: page.total, next };
}
