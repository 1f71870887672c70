import { and, asc, count, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { councilMembers, councils, organisations, places, poolMembers, residents } from '../../db/schema';
import { escapeLike, inSubtree } from '../../db/subtree';

export type PoolMemberRow = Awaited<ReturnType<typeof poolMemberRows>>[number];

/** A pool entry's display name: its resident's or its organisation's (needs both left-joined). */
export const poolMemberName = sql<string>`coalesce(${residents.name}, ${organisations.name})`;

/** Pool entries matching `where`, each with the name and phone of its resident or organisation. */
async function poolMemberRows(db: DbOrTx, where: SQL | undefined) {
  return db
    .select({
      id: poolMembers.id,
      placePath: poolMembers.placePath,
      residentId: poolMembers.residentId,
      organisationId: poolMembers.organisationId,
      tags: poolMembers.tags,
      note: poolMembers.note,
      isActive: poolMembers.isActive,
      placeName: places.name,
      name: poolMemberName,
      phone: sql<string | null>`coalesce(${residents.phone}, ${organisations.contactPhone})`,
      organisationKind: organisations.kind,
    })
    .from(poolMembers)
    .innerJoin(places, eq(places.id, poolMembers.placeId))
    .leftJoin(residents, eq(residents.id, poolMembers.residentId))
    .leftJoin(organisations, eq(organisations.id, poolMembers.organisationId))
    .where(where)
    .orderBy(desc(poolMembers.isActive), asc(poolMembers.id));
}

/** The pool of a subtree, optionally only entries with `tag` or whose name contains `q`. */
export async function poolOfSubtree(
  db: DbOrTx,
  path: string,
  filter: { tag?: string | undefined; q?: string | undefined },
) {
  return poolMemberRows(db, poolFilter(path, filter));
}

/** One pool entry (in a list of at most one row, as the list shows it). */
export async function poolMemberById(db: DbOrTx, id: number) {
  return poolMemberRows(db, eq(poolMembers.id, id));
}

function poolFilter(path: string, filter: { tag?: string | undefined; q?: string | undefined }) {
  const pattern = filter.q ? `%${escapeLike(filter.q.toLowerCase())}%` : undefined;
  return and(
    inSubtree(poolMembers.placePath, path),
    filter.tag ? sql`${filter.tag} = any(${poolMembers.tags})` : undefined,
    pattern ? sql`lower(${poolMemberName}) like ${pattern}` : undefined,
  );
}

/** Councils each pool member sits on, for a page of members in one query. */
export async function councilsOfMembers(db: DbOrTx, memberIds: readonly number[]) {
  if (memberIds.length === 0) return [];
  return db
    .select({ poolMemberId: councilMembers.poolMemberId, id: councils.id, name: councils.name })
    .from(councilMembers)
    .innerJoin(councils, eq(councils.id, councilMembers.councilId))
    .where(inArray(councilMembers.poolMemberId, [...memberIds]))
    .orderBy(asc(councils.id));
}

/** How many entries of the subtree's pool carry each tag, most used first. */
export async function tagCounts(db: DbOrTx, path: string) {
  const tag = sql<string>`unnest(${poolMembers.tags})`;
  const rows = await db
    .select({ tag, count: count() })
    .from(poolMembers)
    .where(inSubtree(poolMembers.placePath, path))
    .groupBy(sql`1`)
    .orderBy(desc(count()), asc(sql`1`));
  return rows;
}

export async function findPoolMemberRef(db: DbOrTx, id: number) {
  const [row] = await db
    .select({ id: poolMembers.id, placeId: poolMembers.placeId, placePath: poolMembers.placePath })
    .from(poolMembers)
    .where(eq(poolMembers.id, id));
  return row;
}

export async function findResidentPath(db: DbOrTx, residentId: number) {
  const [row] = await db.select({ placePath: residents.placePath }).from(residents).where(eq(residents.id, residentId));
  return row?.placePath;
}

/** The organisation of that name in the place, created when new. */
export async function ensureOrganisation(
  db: DbOrTx,
  place: { id: number; path: string },
  org: { name: string; kind: (typeof organisations.$inferInsert)['kind']; contactPhone?: string | undefined },
): Promise<number> {
  const [created] = await db
    .insert(organisations)
    .values({
      placeId: place.id,
      placePath: place.path,
      name: org.name,
      kind: org.kind,
      contactPhone: org.contactPhone,
    })
    .onConflictDoNothing()
    .returning({ id: organisations.id });
  if (created) return created.id;
  const [existing] = await db
    .select({ id: organisations.id })
    .from(organisations)
    .where(and(eq(organisations.placeId, place.id), eq(organisations.name, org.name)));
  return existing!.id;
}

/** Inserts a pool entry; undefined when the party is already in that place's pool. */
export async function insertPoolMember(db: DbOrTx, values: typeof poolMembers.$inferInsert) {
  const [row] = await db.insert(poolMembers).values(values).onConflictDoNothing().returning({ id: poolMembers.id });
  return row?.id;
}

export async function updatePoolMemberRow(
  db: DbOrTx,
  id: number,
  patch: { tags?: string[] | undefined; note?: string | null | undefined; isActive?: boolean | undefined },
) {
  const values = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  if (Object.keys(values).length > 0) await db.update(poolMembers).set(values).where(eq(poolMembers.id, id));
}

/** Active entries of the pools in a subtree: the member-pool size 示范社区 assessment reads. */
export async function activePoolSize(db: DbOrTx, path: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(poolMembers)
    .where(and(inSubtree(poolMembers.placePath, path), eq(poolMembers.isActive, true)));
  return row?.n ?? 0;
}
