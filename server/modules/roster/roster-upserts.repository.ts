import { sql } from 'drizzle-orm';
import type { DwellingRecord, HouseholdRecord, PlaceRecord, ResidentRecord } from '../../../domain/roster';
import { childPath, placeKinds, type PlacePath } from '../../../domain/territory/places';
import type { DbOrTx } from '../../db/client';
import { dwellings, households, ownerships, places, residents } from '../../db/schema';
import { lockParents, rowChecksOn, type ParentIds } from './roster-parents.repository';
import type { StoredDwelling, StoredPlace, StoredRef } from './roster.repository';

/*
 * Set-based writes: each statement takes one array per column and `unnest`s it, so a file of any size
 * is a handful of statements (no per-row round trips, no 65,535-parameter limit).
 */

const array = (values: readonly unknown[], type: string) => sql`${sql.param(values)}::${sql.raw(type)}[]`;
const depthOf = (kind: PlaceRecord['kind']) => placeKinds.indexOf(kind) + 1;

/**
 * New places with their materialised paths. Ids are drawn from the identity sequence first so each path
 * (which contains the id) is written once; parents come before children because rows go in depth order.
 */
export async function insertPlaces(
  db: DbOrTx,
  records: readonly PlaceRecord[],
  stored: ReadonlyMap<string, StoredPlace>,
): Promise<void> {
  if (records.length === 0) return;
  const ordered = [...records].sort((a, b) => depthOf(a.kind) - depthOf(b.kind));
  const ids = await db.execute<{ id: number }>(
    sql`select nextval(pg_get_serial_sequence('places', 'id'))::int as id from generate_series(1, ${ordered.length})`,
  );
  const placed = new Map<string, { id: number; path: PlacePath }>(
    [...stored].map(([code, p]) => [code, { id: p.id, path: p.path }]),
  );
  const rows = ordered.map((record, i) => {
    const id = ids.rows[i]!.id;
    const parent = record.parentCode !== null ? placed.get(record.parentCode) : undefined;
    if (!parent) throw new Error('roster: a new place reached the database without a known parent');
    const path = childPath(parent.path, id);
    placed.set(record.code, { id, path });
    return {
      id,
      parentId: parent.id,
      kind: record.kind,
      code: record.code,
      name: record.name,
      isRural: record.isRural,
      path,
      depth: depthOf(record.kind),
    };
  });
  for (let i = 0; i < rows.length; i += 2000) {
    await db
      .insert(places)
      .overridingSystemValue()
      .values(rows.slice(i, i + 2000));
  }
}

/** Name and 城乡 are all an import may change on a stored place (kind and parent are checked unchanged). */
export async function updatePlaces(db: DbOrTx, records: readonly PlaceRecord[]): Promise<void> {
  if (records.length === 0) return;
  await db.execute(sql`
    update ${places} set name = v.name, is_rural = v.is_rural
    from unnest(${array(
      records.map((r) => r.code),
      'text',
    )}, ${array(
      records.map((r) => r.name),
      'text',
    )},
                ${array(
                  records.map((r) => r.isRural),
                  'bool',
                )}) as v(code, name, is_rural)
    where places.code = v.code`);
}

export async function upsertDwellings(
  db: DbOrTx,
  records: readonly DwellingRecord[],
  placesByCode: ReadonlyMap<string, StoredPlace>,
): Promise<void> {
  if (records.length === 0) return;
  const place = (r: DwellingRecord) => placesByCode.get(r.placeCode)!;
  await db.execute(sql`
    insert into ${dwellings} (code, place_id, place_path, room, floor, area_centi, area_source, use, is_developer_held)
    select * from unnest(${array(
      records.map((r) => r.code),
      'text',
    )}, ${array(
      records.map((r) => place(r).id),
      'int',
    )},
      ${array(
        records.map((r) => place(r).path),
        'text',
      )}, ${array(
        records.map((r) => r.room),
        'text',
      )},
      ${array(
        records.map((r) => r.floor),
        'int',
      )}, ${array(
        records.map((r) => r.areaCenti),
        'bigint',
      )},
      ${array(
        records.map((r) => r.areaSource),
        'text',
      )}, ${array(
        records.map((r) => r.use),
        'text',
      )},
      ${array(
        records.map((r) => r.isDeveloperHeld),
        'bool',
      )})
    on conflict (code) do update set place_id = excluded.place_id, place_path = excluded.place_path, room = excluded.room,
      floor = excluded.floor, area_centi = excluded.area_centi, area_source = excluded.area_source, use = excluded.use,
      is_developer_held = excluded.is_developer_held`);
}

export async function upsertHouseholds(
  db: DbOrTx,
  records: readonly HouseholdRecord[],
  placesByCode: ReadonlyMap<string, StoredPlace>,
  dwellingsByCode: ReadonlyMap<string, StoredDwelling>,
): Promise<void> {
  if (records.length === 0) return;
  const place = (r: HouseholdRecord) => placesByCode.get(r.placeCode)!;
  await db.execute(sql`
    insert into ${households} (code, place_id, place_path, dwelling_id)
    select * from unnest(${array(
      records.map((r) => r.code),
      'text',
    )}, ${array(
      records.map((r) => place(r).id),
      'int',
    )},
      ${array(
        records.map((r) => place(r).path),
        'text',
      )},
      ${array(
        records.map((r) => (r.dwellingCode !== null ? dwellingsByCode.get(r.dwellingCode)!.id : null)),
        'int',
      )})
    on conflict (code) do update set place_id = excluded.place_id, place_path = excluded.place_path,
      dwelling_id = excluded.dwelling_id`);
}

export type ResidentRefs = {
  places: ReadonlyMap<string, StoredPlace>;
  dwellings: ReadonlyMap<string, StoredDwelling>;
  households: ReadonlyMap<string, StoredRef>;
};

/**
 * Writes residents: new codes with a plain insert (no conflict arbitration per row; a code another
 * import wrote meanwhile fails the insert, a 409), changed ones with an upsert. Then the ownerships of
 * the changed residents are replaced with the file's; new residents have none to replace.
 * With `skipRowChecks` (the role may; roster-parents.repository.ts) one statement first locks the
 * chunk's places, dwellings and households and turns the per-row foreign-key checks off; they are on
 * again once the chunk is written. A fresh chunk is four round trips.
 */
export async function writeResidents(
  db: DbOrTx,
  changes: { inserts: readonly ResidentRecord[]; updates: readonly ResidentRecord[] },
  refs: ResidentRefs,
  skipRowChecks = false,
): Promise<void> {
  const all = [...changes.inserts, ...changes.updates];
  if (all.length === 0) return;
  if (skipRowChecks) await lockParents(db, parentsOf(all, refs), true);
  const inserted = await insertResidents(db, changes.inserts, refs, false);
  const updated = await insertResidents(db, changes.updates, refs, true);
  if (updated.size > 0) {
    // A delete on the referencing side: nothing to check, whether the checks are on or off.
    await db.execute(sql`delete from ${ownerships} where resident_id = any(${array([...updated.values()], 'int')})`);
  }
  await insertOwnerships(db, all, new Map([...inserted, ...updated]));
  if (skipRowChecks) await rowChecksOn(db);
}

/** Every place, dwelling and household these residents refer to, by id. */
function parentsOf(records: readonly ResidentRecord[], refs: ResidentRefs): ParentIds {
  const idsOf = <T extends { id: number }>(map: ReadonlyMap<string, T>, code: (r: ResidentRecord) => string | null) => {
    const ids = new Set<number>();
    for (const record of records) {
      const value = code(record);
      if (value !== null) ids.add(map.get(value)!.id);
    }
    return ids;
  };
  return {
    places: idsOf(refs.places, (r) => r.placeCode),
    dwellings: idsOf(refs.dwellings, (r) => r.dwellingCode),
    households: idsOf(refs.households, (r) => r.householdCode),
  };
}

/** One `insert … select from unnest` of residents (an upsert on code when `isUpsert`); their ids by code. */
async function insertResidents(
  db: DbOrTx,
  records: readonly ResidentRecord[],
  refs: ResidentRefs,
  isUpsert: boolean,
): Promise<Map<string, number>> {
  if (records.length === 0) return new Map();
  const place = (r: ResidentRecord) => refs.places.get(r.placeCode)!;
  const idOf = <T extends { id: number }>(map: ReadonlyMap<string, T>, code: string | null) =>
    code !== null ? map.get(code)!.id : null;
  const onConflict = isUpsert
    ? sql`on conflict (code) do update set name = excluded.name, gender = excluded.gender, birth_date = excluded.birth_date,
      phone = excluded.phone, household_id = excluded.household_id, place_id = excluded.place_id,
      place_path = excluded.place_path, dwelling_id = excluded.dwelling_id, tenure = excluded.tenure`
    : sql``;
  const saved = await db.execute<{ id: number; code: string }>(sql`
    insert into ${residents} (code, name, gender, birth_date, phone, household_id, place_id, place_path, dwelling_id, tenure)
    select * from unnest(${array(
      records.map((r) => r.code),
      'text',
    )}, ${array(
      records.map((r) => r.name),
      'text',
    )},
      ${array(
        records.map((r) => r.gender),
        'text',
      )}, ${array(
        records.map((r) => r.birthDate),
        'date',
      )},
      ${array(
        records.map((r) => r.phone),
        'text',
      )}, ${array(
        records.map((r) => idOf(refs.households, r.householdCode)),
        'int',
      )},
      ${array(
        records.map((r) => place(r).id),
        'int',
      )}, ${array(
        records.map((r) => place(r).path),
        'text',
      )},
      ${array(
        records.map((r) => idOf(refs.dwellings, r.dwellingCode)),
        'int',
      )}, ${array(
        records.map((r) => r.tenure),
        'text',
      )})
    ${onConflict}
    returning id, code`);
  return new Map(saved.rows.map((r) => [r.code, r.id]));
}

/** The file's ownerships of these residents: only residents that own something make rows. */
async function insertOwnerships(
  db: DbOrTx,
  records: readonly ResidentRecord[],
  idByCode: ReadonlyMap<string, number>,
): Promise<void> {
  const pairs = records.flatMap((r) => r.ownedDwellingCodes.map((code) => [code, idByCode.get(r.code)!] as const));
  if (pairs.length === 0) return;
  // Dwellings by code in SQL: ownerships kept outside the import's scope were never looked up here.
  // Each is locked as it is read, as a foreign-key check would (the check may be off; writeResidents).
  await db.execute(sql`
    insert into ${ownerships} (dwelling_id, resident_id)
    select d.id, o.resident_id
    from unnest(${array(
      pairs.map((p) => p[0]),
      'text',
    )}, ${array(
      pairs.map((p) => p[1]),
      'int',
    )}) as o(code, resident_id)
    join ${dwellings} d on d.code = o.code
    for key share of d`);
}
