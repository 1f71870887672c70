import { and, asc, count, eq, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { PlacePath } from '../../../domain/territory/places';
import type { Gender, Tenure } from '../../../domain/people/residents';
import type { DwellingUse } from '../../../domain/territory/dwellings';
import type { Db, DbOrTx } from '../../db/client';
import { preparedRead } from '../../db/prepared';
import { dwellings, households, ownerships, personalDataReads, placeCounts, places, residents } from '../../db/schema';
import { escapeLike, inSubtree } from '../../db/subtree';
import { readTogether } from '../../db/together';
import type { DwellingKey, ResidentKey } from './subtree-cursor';

/**
 * A subtree's total of one counter, as a scalar subquery: the per-place counts (place_counts, kept by
 * triggers) summed over the places whose path lies in `root`'s subtree. It reads the places of the
 * subtree (a few thousand for a city), never its million rows.
 */
export function subtreeTotal(counter: 'dwellings' | 'households' | 'residents', root: PlacePath | SQL): SQL<number> {
  return sql<number>`(select coalesce(sum(${sql.identifier(counter)}), 0)::int
    from ${placeCounts} pc join ${places} sp on sp.id = pc.place_id
    where ${inSubtree(sql`sp.path`, root)})`;
}

/** Rows `after` the cursor's key, else counted off by `offset`; one more than `limit` shows a next page. */
export type PageWindow<Key> = { limit: number; offset: number; after: Key | undefined };

/**
 * Byte-wise ascending, the order of the text_pattern_ops indexes: with `USING ~<~` a subtree page is
 * read in order from the index instead of sorting the whole subtree, whatever the database collation.
 */
const patternOrder = (column: AnyPgColumn) => sql`${column} using ~<~`;
const dwellingOrder = [
  patternOrder(dwellings.placePath),
  asc(dwellings.floor),
  patternOrder(dwellings.room),
  asc(dwellings.id),
];
const residentOrder = [patternOrder(residents.placePath), asc(residents.id)];

/** A key's fields as SQL values: bound values, or placeholders of a prepared statement. */
type KeyValues<Key> = { [K in keyof Key]: unknown };

/**
 * Past a dwelling key in the index order. `place_path ~>=~ key` bounds the index scan; the rest only
 * skips the rows of the key's own place that come before it (one staircase at most).
 */
const afterDwelling = (
  k: KeyValues<DwellingKey>,
) => sql`(${dwellings.placePath} ~>=~ ${k.path} and (${dwellings.placePath} ~>~ ${k.path}
  or ${dwellings.floor} > ${k.floor} or (${dwellings.floor} = ${k.floor} and (${dwellings.room} ~>~ ${k.room}
  or (${dwellings.room} = ${k.room} and ${dwellings.id} > ${k.id})))))`;
const afterResident = (k: KeyValues<ResidentKey>) =>
  sql`(${residents.placePath} ~>=~ ${k.path} and (${residents.placePath} ~>~ ${k.path} or ${residents.id} > ${k.id}))`;

/*
 * The unsearched pages are prepared statements (server/db/prepared.ts), one round trip each: the
 * subtree total and the page in one statement (the total left-joined to the page, so an empty page
 * still has its total), and for residents the PIPL read log inserted by the same statement. The
 * LIMIT is written into the statement (one statement per page size) and page 1 and cursor pages
 * have no OFFSET: with a bound LIMIT or OFFSET, PostgreSQL costs the generic plan for a tenth of
 * the subtree and keeps planning each execution anew (~1 ms); with neither it reuses the plan.
 * A jump to a page by number binds its OFFSET and is planned each time.
 */
const root = sql`${sql.placeholder('root')}`;
type PageVariant = 'first' | 'after' | 'jump';
const variantOf = (window: PageWindow<unknown>): PageVariant =>
  window.after ? 'after' : window.offset > 0 ? 'jump' : 'first';
const pageLimit = (limit: number, variant: PageVariant) =>
  sql`limit ${sql.raw(String(Math.trunc(limit)))}${variant === 'jump' ? sql` offset ${sql.placeholder('offset')}` : sql``}`;
type PageValues<Key> = { root: PlacePath; offset: number } & Partial<{
  [K in keyof Key as `after${Capitalize<K & string>}`]: Key[K];
}>;
const afterValues = <Key extends Record<string, unknown>>(after: Key | undefined) =>
  Object.fromEntries(
    Object.entries(after ?? {}).map(([k, v]) => [`after${k[0]!.toUpperCase()}${k.slice(1)}`, v]),
  ) as Partial<Record<string, unknown>>;

/** The prepared read of each page variant and size, built on first use. */
function readsBySize<Read>(build: (name: string, variant: PageVariant, limit: number) => Read) {
  const reads = new Map<string, Read>();
  return (prefix: string, variant: PageVariant, limit: number): Read => {
    const name = `${prefix}_${variant}_${limit}`;
    let read = reads.get(name);
    if (!read) reads.set(name, (read = build(name, variant, limit)));
    return read;
  };
}

export type DwellingPageRow = {
  id: number;
  code: string;
  room: string;
  floor: number;
  areaCenti: number;
  use: DwellingUse;
  placeId: number;
  placePath: string;
  placeName: string;
  owners: { residentId: number; name: string }[];
};

const dwellingKeyPlaceholders = {
  path: sql.placeholder('afterPath'),
  floor: sql.placeholder('afterFloor'),
  room: sql.placeholder('afterRoom'),
  id: sql.placeholder('afterId'),
};

const dwellingsPageRead = readsBySize((name, variant, limit) => {
  // Pick the page's ids from the index first; only those 20-odd rows are joined.
  const pageIds = sql`select ${dwellings.id} as page_id from ${dwellings}
    where ${and(inSubtree(dwellings.placePath, root), variant === 'after' ? afterDwelling(dwellingKeyPlaceholders) : undefined)}
    order by ${sql.join(dwellingOrder, sql`, `)} ${pageLimit(limit, variant)}`;
  return preparedRead<({ total: number } & DwellingPageRow) | { total: number; id: null }, PageValues<DwellingKey>>(
    name,
    sql`select t.total, ${dwellings.id}, ${dwellings.code}, ${dwellings.room}, ${dwellings.floor},
      ${dwellings.areaCenti} as "areaCenti", ${dwellings.use}, ${dwellings.placeId} as "placeId",
      ${dwellings.placePath} as "placePath", ${places.name} as "placeName",
      coalesce((select json_agg(json_build_object('residentId', o_r.id, 'name', o_r.name) order by o_r.id)
                from ${ownerships} o join ${residents} o_r on o_r.id = o.resident_id
                where o.dwelling_id = ${dwellings.id}), '[]'::json) as owners
    from (select ${subtreeTotal('dwellings', root)} as total) t
    left join ((${pageIds}) page_ids
      join ${dwellings} on ${dwellings.id} = page_ids.page_id
      join ${places} on ${places.id} = ${dwellings.placeId}) on true
    order by ${sql.join(dwellingOrder, sql`, `)}`,
  );
});

/** The rows of a page read with its total: an empty page is one row holding the total alone. */
function splitPage<Row extends { id: number }>(rows: (({ total: number } & Row) | { total: number; id: null })[]) {
  const total = rows[0]?.total ?? 0;
  return { total, rows: rows.filter((r): r is { total: number } & Row => r.id !== null) };
}

/** One page of the dwellings in a subtree, in path, floor and room order, with their owners and the total. */
export async function dwellingsPage(db: Db, path: PlacePath, window: PageWindow<DwellingKey>) {
  const read = dwellingsPageRead('subtree_dwellings', variantOf(window), window.limit + 1);
  const values = { root: path, offset: window.offset, ...afterValues(window.after) };
  const { total, rows } = splitPage<DwellingPageRow>(await read(db, values));
  return { rows: rows.slice(0, window.limit), hasNext: rows.length > window.limit, total };
}

export type ResidentPageRow = {
  id: number;
  code: string;
  name: string;
  gender: Gender | null;
  birthDate: string;
  phone: string | null;
  tenure: Tenure;
  placeId: number;
  placePath: string;
  placeName: string;
  householdCode: string | null;
  dwellingRoom: string | null;
};

const residentColumns = sql`${residents.id}, ${residents.code}, ${residents.name}, ${residents.gender},
  ${residents.birthDate}::text as "birthDate", ${residents.phone}, ${residents.tenure},
  ${residents.placeId} as "placeId", ${residents.placePath} as "placePath", ${places.name} as "placeName",
  ${households.code} as "householdCode", ${dwellings.room} as "dwellingRoom"`;

const residentsPageRead = readsBySize((name, variant, limit) => {
  const reader = sql`${sql.placeholder('reader')}::int`;
  const after = afterResident({ path: sql.placeholder('afterPath'), id: sql.placeholder('afterId') });
  const pageIds = sql`select ${residents.id} as page_id from ${residents}
    where ${and(inSubtree(residents.placePath, root), variant === 'after' ? after : undefined)}
    order by ${sql.join(residentOrder, sql`, `)} ${pageLimit(limit, variant)}`;
  type Values = PageValues<ResidentKey> & { reader: number | null; placeId: number };
  return preparedRead<({ total: number } & ResidentPageRow) | { total: number; id: null }, Values>(
    name,
    // The read log row (PIPL) is written by the statement that reads the page: committed with it,
    // or the page fails. No row when `reader` is null (a page of masked records).
    sql`with logged as (
      insert into ${personalDataReads} (account_id, subject, subject_id)
      select ${reader}, 'place_residents', ${sql.placeholder('placeId')}::int where ${reader} is not null)
    select t.total, ${residentColumns}
    from (select ${subtreeTotal('residents', root)} as total) t
    left join ((${pageIds}) page_ids
      join ${residents} on ${residents.id} = page_ids.page_id
      join ${places} on ${places.id} = ${residents.placeId}
      left join ${households} on ${households.id} = ${residents.householdId}
      left join ${dwellings} on ${dwellings.id} = ${residents.dwellingId}) on true
    order by ${sql.join(residentOrder, sql`, `)}`,
  );
});

/**
 * One page of the residents in a subtree, in path order, with the total (the counters' sum). When
 * `reader` is given (a staff account shown full records), the read is logged in the same statement.
 */
export async function residentsPage(
  db: Db,
  place: { id: number; path: PlacePath },
  window: PageWindow<ResidentKey>,
  reader: number | null,
) {
  const read = residentsPageRead('subtree_residents', variantOf(window), window.limit + 1);
  const values = { root: place.path, offset: window.offset, ...afterValues(window.after) };
  const { total, rows } = splitPage<ResidentPageRow>(await read(db, { ...values, reader, placeId: place.id }));
  return { rows: rows.slice(0, window.limit), hasNext: rows.length > window.limit, total };
}

/** One page of the residents in a subtree matching `q` on name, code or phone, with the count of matches. */
export async function searchedResidentsPage(db: DbOrTx, path: PlacePath, q: string, window: PageWindow<ResidentKey>) {
  const pattern = `%${escapeLike(q.toLowerCase())}%`;
  const where = and(
    inSubtree(residents.placePath, path),
    sql`(lower(${residents.name}) like ${pattern} or lower(${residents.code}) like ${pattern} or ${residents.phone} like ${pattern})`,
  );
  const pageIds = db
    .select({ pageId: residents.id })
    .from(residents)
    .where(and(where, window.after && afterResident(window.after)))
    .orderBy(...residentOrder)
    .limit(window.limit + 1)
    .offset(window.after ? 0 : window.offset)
    .as('page_ids');
  const [rows, [total]] = await readTogether(db, [
    () =>
      db
        .select({
          id: residents.id,
          code: residents.code,
          name: residents.name,
          gender: residents.gender,
          birthDate: residents.birthDate,
          phone: residents.phone,
          tenure: residents.tenure,
          placeId: residents.placeId,
          placePath: residents.placePath,
          placeName: places.name,
          householdCode: households.code,
          dwellingRoom: dwellings.room,
        })
        .from(pageIds)
        .innerJoin(residents, eq(residents.id, pageIds.pageId))
        .innerJoin(places, eq(places.id, residents.placeId))
        .leftJoin(households, eq(households.id, residents.householdId))
        .leftJoin(dwellings, eq(dwellings.id, residents.dwellingId))
        .orderBy(...residentOrder),
    () => db.select({ n: count() }).from(residents).where(where),
  ]);
  return { rows: rows.slice(0, window.limit), hasNext: rows.length > window.limit, total: total?.n ?? 0 };
}
