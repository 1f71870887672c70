import { eq, sql, type SQL } from 'drizzle-orm';
import { alias, type PgColumn } from 'drizzle-orm/pg-core';
import type {
  DwellingRecord,
  HouseholdRecord,
  KnownDwelling,
  KnownPlace,
  PlaceRecord,
  ResidentRecord,
  RosterKind,
  RosterRecordOf,
} from '../../../domain/roster';
import { roomKey } from '../../../domain/roster';
import type { PlacePath } from '../../../domain/territory/places';
import type { DbOrTx } from '../../db/client';
import { dwellings, households, ownerships, places, residents, rosterImports } from '../../db/schema';
import { inSubtree } from '../../db/subtree';
import { logPersonalDataRead } from '../places';

export type StoredPlace = KnownPlace & { id: number; name: string };
export type StoredDwelling = KnownDwelling & { id: number; placeId: number };
export type StoredRef = { id: number; code: string; placePath: PlacePath };
export type StoredResident = StoredRef & { owned: { code: string; placePath: PlacePath }[] };

/** `column = any($1::text[])`: one parameter for any number of codes (drizzle would expand an array). */
const anyOf = (column: PgColumn, values: readonly string[]): SQL => sql`${column} = any(${sql.param(values)}::text[])`;

const parent = alias(places, 'parent');

export async function findPlaceById(db: DbOrTx, id: number): Promise<StoredPlace | undefined> {
  const [row] = await selectPlaces(db, eq(places.id, id));
  return row;
}

function selectPlaces(db: DbOrTx, where: SQL): Promise<StoredPlace[]> {
  return db
    .select({
      id: places.id,
      code: places.code,
      name: places.name,
      kind: places.kind,
      path: places.path,
      isRural: places.isRural,
      parentCode: parent.code,
    })
    .from(places)
    .leftJoin(parent, eq(parent.id, places.parentId))
    .where(where)
    .orderBy(places.depth, places.code);
}

/** Places by code, with their parent's code: one query for a whole file. */
export async function findPlaces(db: DbOrTx, codes: readonly string[]): Promise<Map<string, StoredPlace>> {
  if (codes.length === 0) return new Map();
  return new Map((await selectPlaces(db, anyOf(places.code, codes))).map((p) => [p.code, p]));
}

export async function findDwellings(db: DbOrTx, codes: readonly string[]): Promise<Map<string, StoredDwelling>> {
  if (codes.length === 0) return new Map();
  const rows = await db
    .select({
      id: dwellings.id,
      code: dwellings.code,
      placeId: dwellings.placeId,
      placeCode: places.code,
      placePath: dwellings.placePath,
      room: dwellings.room,
    })
    .from(dwellings)
    .innerJoin(places, eq(places.id, dwellings.placeId))
    .where(anyOf(dwellings.code, codes));
  return new Map(rows.map((d) => [d.code, d]));
}

export async function findHouseholds(db: DbOrTx, codes: readonly string[]): Promise<Map<string, StoredRef>> {
  if (codes.length === 0) return new Map();
  const rows = await db
    .select({ id: households.id, code: households.code, placePath: households.placePath })
    .from(households)
    .where(anyOf(households.code, codes));
  return new Map(rows.map((h) => [h.code, h]));
}

/** Residents by code with the dwellings they own (codes and places), for scope and ownership rules. */
export async function findResidents(db: DbOrTx, codes: readonly string[]): Promise<Map<string, StoredResident>> {
  if (codes.length === 0) return new Map();
  const rows = await db
    .select({ id: residents.id, code: residents.code, placePath: residents.placePath })
    .from(residents)
    .where(anyOf(residents.code, codes));
  const owned = await ownedDwellings(
    db,
    rows.map((r) => r.id),
  );
  return new Map(rows.map((r) => [r.code, { ...r, owned: owned.get(r.id) ?? [] }]));
}

/** Owned dwellings per resident id, in one query whatever the number of residents. */
async function ownedDwellings(db: DbOrTx, residentIds: readonly number[]) {
  const byResident = new Map<number, { code: string; placePath: PlacePath }[]>();
  if (residentIds.length === 0) return byResident;
  const rows = await db
    .select({ residentId: ownerships.residentId, code: dwellings.code, placePath: dwellings.placePath })
    .from(ownerships)
    .innerJoin(dwellings, eq(dwellings.id, ownerships.dwellingId))
    .where(sql`${ownerships.residentId} = any(${sql.param(residentIds)}::int[])`);
  for (const { residentId, ...dwelling } of rows) {
    const list = byResident.get(residentId);
    if (list) list.push(dwelling);
    else byResident.set(residentId, [dwelling]);
  }
  return byResident;
}

/** Stored dwelling codes by (place code, room) for the given places: the one-room-per-place rule. */
export async function findDwellingRooms(db: DbOrTx, placeCodes: readonly string[]): Promise<Map<string, string>> {
  if (placeCodes.length === 0) return new Map();
  const rows = await db
    .select({ code: dwellings.code, placeCode: places.code, room: dwellings.room })
    .from(dwellings)
    .innerJoin(places, eq(places.id, dwellings.placeId))
    .where(anyOf(places.code, placeCodes));
  return new Map(rows.map((d) => [roomKey(d.placeCode, d.room), d.code]));
}

/** By codes; a whole subtree; or one page of a subtree in id order (`afterId` excluded), for streaming. */
export type RecordFilter =
  { codes: readonly string[] } | { within: PlacePath } | { within: PlacePath; afterId: number; limit: number };

const household = alias(households, 'household');
const home = alias(dwellings, 'home');

type Loaded<R> = { id: number; record: R };

/**
 * Stored rows as normalised records, by code or for a subtree. Import compares against these and export
 * writes them, so both sides of a round trip share one definition.
 */
export async function loadRecords<K extends RosterKind>(
  db: DbOrTx,
  kind: K,
  filter: RecordFilter,
): Promise<Map<string, RosterRecordOf[K]>> {
  if ('codes' in filter && filter.codes.length === 0) return new Map();
  const loaded = await loaders[kind](db, filter);
  return new Map(loaded.map(({ record }) => [record.code, record as RosterRecordOf[K]]));
}

/**
 * A subtree's records in pages of `pageSize`, by id (keyset, so each page is one indexed query and
 * memory holds one page at a time). Places, a few thousand at most, come as one page in tree order.
 */
export async function* streamRecords<K extends RosterKind>(
  db: DbOrTx,
  kind: K,
  within: PlacePath,
  pageSize = 5000,
): AsyncGenerator<RosterRecordOf[K][]> {
  if (kind === 'places') {
    yield (await loaders.places(db, { within })).map(({ record }) => record as RosterRecordOf[K]);
    return;
  }
  for (let afterId = 0; ;) {
    const page = await loaders[kind](db, { within, afterId, limit: pageSize });
    if (page.length > 0) yield page.map(({ record }) => record as RosterRecordOf[K]);
    if (page.length < pageSize) return;
    afterId = page.at(-1)!.id;
  }
}

/** The filter as a WHERE clause on a table's code, place path and id columns. */
function whereOf(filter: RecordFilter, columns: { code: PgColumn; path: PgColumn; id: PgColumn }): SQL {
  if ('codes' in filter) return anyOf(columns.code, filter.codes);
  const subtree = inSubtree(columns.path, filter.within);
  return 'afterId' in filter ? sql`${subtree} and ${columns.id} > ${filter.afterId}` : subtree;
}

/** Paged reads go by id; whole reads keep the order the export has always had. */
const pageOf = (filter: RecordFilter) => ('afterId' in filter ? filter.limit : undefined);

const loaders: {
  [K in RosterKind]: (db: DbOrTx, filter: RecordFilter) => Promise<Loaded<RosterRecordOf[K]>[]>;
} = {
  places: async (db, filter) => {
    const rows = await selectPlaces(
      db,
      'codes' in filter ? anyOf(places.code, filter.codes) : inSubtree(places.path, filter.within),
    );
    return rows.map((p) => ({
      id: p.id,
      record: {
        code: p.code,
        name: p.name,
        kind: p.kind,
        parentCode: p.parentCode,
        isRural: p.isRural,
      } satisfies PlaceRecord,
    }));
  },
  dwellings: async (db, filter) => {
    const query = db
      .select({
        id: dwellings.id,
        code: dwellings.code,
        placeCode: places.code,
        room: dwellings.room,
        floor: dwellings.floor,
        areaCenti: dwellings.areaCenti,
        areaSource: dwellings.areaSource,
        use: dwellings.use,
        isDeveloperHeld: dwellings.isDeveloperHeld,
      })
      .from(dwellings)
      .innerJoin(places, eq(places.id, dwellings.placeId))
      .where(whereOf(filter, { code: dwellings.code, path: dwellings.placePath, id: dwellings.id }));
    const limit = pageOf(filter);
    const rows = await (limit !== undefined
      ? query.orderBy(dwellings.id).limit(limit)
      : query.orderBy(places.code, dwellings.code));
    return rows.map(({ id, ...record }) => ({ id, record: record satisfies DwellingRecord }));
  },
  households: async (db, filter) => {
    const query = db
      .select({ id: households.id, code: households.code, placeCode: places.code, dwellingCode: home.code })
      .from(households)
      .innerJoin(places, eq(places.id, households.placeId))
      .leftJoin(home, eq(home.id, households.dwellingId))
      .where(whereOf(filter, { code: households.code, path: households.placePath, id: households.id }));
    const limit = pageOf(filter);
    const rows = await (limit !== undefined
      ? query.orderBy(households.id).limit(limit)
      : query.orderBy(households.code));
    return rows.map(({ id, ...record }) => ({ id, record: record satisfies HouseholdRecord }));
  },
  residents: async (db, filter) => {
    const query = db
      .select({
        id: residents.id,
        code: residents.code,
        name: residents.name,
        gender: residents.gender,
        birthDate: residents.birthDate,
        phone: residents.phone,
        householdCode: household.code,
        dwellingCode: home.code,
        placeCode: places.code,
        tenure: residents.tenure,
      })
      .from(residents)
      .innerJoin(places, eq(places.id, residents.placeId))
      .leftJoin(household, eq(household.id, residents.householdId))
      .leftJoin(home, eq(home.id, residents.dwellingId))
      .where(whereOf(filter, { code: residents.code, path: residents.placePath, id: residents.id }));
    const limit = pageOf(filter);
    const rows = await (limit !== undefined ? query.orderBy(residents.id).limit(limit) : query.orderBy(residents.code));
    // A second set-based query rather than a per-row subquery: right after a large import the planner's
    // statistics are stale and a correlated subquery can turn into a scan per resident.
    const owned = await ownedDwellings(
      db,
      rows.map((r) => r.id),
    );
    // Sorted here, not in SQL: the database collation would order codes differently from the domain.
    return rows.map(({ id, ...r }) => ({
      id,
      record: { ...r, ownedDwellingCodes: (owned.get(id) ?? []).map((o) => o.code).sort() } satisfies ResidentRecord,
    }));
  },
};

export type ImportLog = {
  accountId: number;
  placeId: number;
  kind: RosterKind;
  fileName: string;
  rowCount: number;
  inserted: number;
  updated: number;
  unchanged: number;
  skipped: number;
  /** Warnings on the written rows that the worker acknowledged before the commit. */
  warningsAcknowledged: number;
};

/** The import's own trace: counts only, no personal data. */
export async function recordImport(db: DbOrTx, log: ImportLog): Promise<void> {
  await db.insert(rosterImports).values({ ...log, fileName: log.fileName.slice(0, 200) });
}

/** PIPL: who exported a subtree's personal records, when. */
export async function recordExportRead(db: DbOrTx, accountId: number, placeId: number): Promise<void> {
  await logPersonalDataRead(db, accountId, 'roster_export', placeId);
}
