import { and, asc, count, desc, eq, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { ListScope } from '../../../domain/access';
import { applicationLifecycle, type ApplicationCommand } from '../../../domain/demonstration';
import type { DbOrTx } from '../../db/client';
import { inStates, notInStates } from '../../db/lifecycle-sql';
import { demonstrationApplications as apps, demonstrationSchemes as schemes, places } from '../../db/schema';
import { inScope } from '../../db/subtree';

const towns = alias(places, 'towns');
/** The town above an application's community: the second id of its path (`/city/town/community/`). */
const townJoin = sql`${towns.id} = split_part(${apps.placePath}, '/', 3)::int`;

export type SchemeRow = typeof schemes.$inferSelect & { applicationCount: number };

/** Schemes matching `where`, newest year first, with how many applications each has. */
async function schemeRows(db: DbOrTx, where?: SQL): Promise<SchemeRow[]> {
  const rows = await db
    .select({
      scheme: schemes,
      applicationCount: sql<number>`(select count(*)::int from ${apps} a where a.scheme_id = ${schemes.id})`,
    })
    .from(schemes)
    .where(where)
    .orderBy(desc(schemes.year), desc(schemes.id));
  return rows.map((r) => ({ ...r.scheme, applicationCount: r.applicationCount }));
}

export const listSchemeRows = (db: DbOrTx) => schemeRows(db);
export const schemeById = async (db: DbOrTx, id: number) => (await schemeRows(db, eq(schemes.id, id)))[0];

/** Inserts a scheme; undefined when the city already has one for that year. */
export async function insertScheme(db: DbOrTx, values: typeof schemes.$inferInsert) {
  const [row] = await db.insert(schemes).values(values).onConflictDoNothing().returning({ id: schemes.id });
  return row?.id;
}

/** Replaces a scheme's terms while no application has left its draft (checked under the row lock). */
export async function updateSchemeIfUnused(
  db: DbOrTx,
  id: number,
  values: Omit<typeof schemes.$inferInsert, 'placeId' | 'placePath'>,
) {
  const [row] = await db
    .update(schemes)
    .set({ ...values, updatedAt: sql`now()` })
    .where(
      and(
        eq(schemes.id, id),
        sql`not exists (select 1 from ${apps} a where a.scheme_id = ${schemes.id} and ${notInStates(sql`a.status`, [applicationLifecycle.initial])})`,
      ),
    )
    .returning({ id: schemes.id });
  return row?.id;
}

/** Inserts a draft application; undefined when the community already applied under the scheme. */
export async function insertApplication(db: DbOrTx, values: typeof apps.$inferInsert) {
  const [row] = await db.insert(apps).values(values).onConflictDoNothing().returning({ id: apps.id });
  return row?.id;
}

/** Applications matching `where`, with their scheme's year and terms and the community's and town's names. */
async function applicationRows(db: DbOrTx, where: SQL | undefined) {
  return db
    .select({
      application: apps,
      year: schemes.year,
      schemeTitle: schemes.title,
      passMark: schemes.passMark,
      noticeDays: schemes.noticeDays,
      periodFrom: schemes.periodFrom,
      periodTo: schemes.periodTo,
      criteria: schemes.criteria,
      placeName: places.name,
      townName: towns.name,
    })
    .from(apps)
    .innerJoin(schemes, eq(schemes.id, apps.schemeId))
    .innerJoin(places, eq(places.id, apps.placeId))
    .innerJoin(towns, townJoin)
    .where(where)
    .orderBy(desc(schemes.year), asc(towns.name), asc(places.name), asc(apps.id));
}
export type ApplicationRow = Awaited<ReturnType<typeof applicationRows>>[number];

export const applicationById = async (db: DbOrTx, id: number) => (await applicationRows(db, eq(apps.id, id)))[0];

/** Locks an application row for a command (lock order: application, then its reviews/objections). */
export async function lockApplication(db: DbOrTx, id: number) {
  const [row] = await db.select({ status: apps.status }).from(apps).where(eq(apps.id, id)).for('update');
  return row;
}

/** Applications inside the list scope, optionally of one scheme or one community. */
export async function applicationsInScope(
  db: DbOrTx,
  scope: ListScope,
  filter: { schemeId?: number | undefined; placeId?: number | undefined },
) {
  return applicationRows(
    db,
    and(
      inScope(apps.placePath, scope),
      filter.schemeId ? eq(apps.schemeId, filter.schemeId) : undefined,
      filter.placeId ? eq(apps.placeId, filter.placeId) : undefined,
    ),
  );
}

/**
 * Moves an application by a lifecycle command, only from a state the command allows, and writes
 * `set` with it; undefined when it was not in such a state (someone else moved it first).
 */
export async function moveApplication(
  db: DbOrTx,
  id: number,
  command: ApplicationCommand,
  set: Partial<typeof apps.$inferInsert> = {},
) {
  const { from, to } = applicationLifecycle.transitions[command];
  const [row] = await db
    .update(apps)
    .set({ ...set, status: to })
    .where(and(eq(apps.id, id), inStates(apps.status, from)))
    .returning({ id: apps.id });
  return row?.id;
}

/** Writes fields of an application that is in one of `states`; undefined when it is not. */
export async function updateApplicationIn(
  db: DbOrTx,
  id: number,
  states: readonly string[],
  set: Partial<typeof apps.$inferInsert>,
) {
  const [row] = await db
    .update(apps)
    .set(set)
    .where(and(eq(apps.id, id), inStates(apps.status, states)))
    .returning({ id: apps.id });
  return row?.id;
}

/** Applications of a scheme inside the scope, counted per town and status. */
export async function countsByTown(db: DbOrTx, schemeId: number, scope: ListScope) {
  return db
    .select({ townId: towns.id, townName: towns.name, status: apps.status, n: count() })
    .from(apps)
    .innerJoin(towns, townJoin)
    .where(and(eq(apps.schemeId, schemeId), inScope(apps.placePath, scope)))
    .groupBy(towns.id, towns.name, apps.status)
    .orderBy(asc(towns.name));
}

/** Towns inside the scope (the overview lists each, even with no application). */
export async function townsInScope(db: DbOrTx, scope: ListScope) {
  return db
    .select({ id: places.id, name: places.name })
    .from(places)
    .where(and(eq(places.depth, 2), sql`(${inScope(places.path, scope)} or ${scopeInside(scope)})`))
    .orderBy(asc(places.name));
}

/** A town whose subtree holds a scope root (a community officer's town), so its row still shows. */
function scopeInside(scope: ListScope): SQL {
  if (scope.subtrees.length === 0) return sql`false`;
  return sql`(${sql.join(
    scope.subtrees.map((root) => sql`${root} like ${places.path} || '%'`),
    sql` or `,
  )})`;
}

/** Every application in one of `states`, for the public page (names of places only, no people). */
export async function applicationsInStates(db: DbOrTx, states: readonly string[]) {
  return applicationRows(db, inStates(apps.status, states));
}
