import { and, asc, count, desc, eq, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { ListScope } from '../../../domain/access';
import {
  nominationLifecycle,
  selectionLifecycle,
  type NominationCommand,
  type NominationStatus,
  type SelectionCommand,
} from '../../../domain/talents';
import type { DbOrTx } from '../../db/client';
import { inStates } from '../../db/lifecycle-sql';
import { accounts, places, talentNominations as noms, talentSelections as selections } from '../../db/schema';
import { inScope, inSubtree } from '../../db/subtree';

const towns = alias(places, 'towns');
const communities = alias(places, 'communities');
/** The town above a nomination's community: the second id of its path (`/city/town/community/`). */
const townJoin = sql`${towns.id} = split_part(${noms.placePath}, '/', 3)::int`;

export type SelectionRow = typeof selections.$inferSelect;

/** Inserts a selection; undefined when the city already has one for that year. */
export async function insertSelection(db: DbOrTx, values: typeof selections.$inferInsert) {
  const [row] = await db.insert(selections).values(values).onConflictDoNothing().returning({ id: selections.id });
  return row?.id;
}

export async function selectionById(db: DbOrTx, id: number): Promise<SelectionRow | undefined> {
  const [row] = await db.select().from(selections).where(eq(selections.id, id));
  return row;
}

/** Every selection, newest year first. */
export async function listSelectionRows(db: DbOrTx): Promise<SelectionRow[]> {
  return db.select().from(selections).orderBy(desc(selections.year), desc(selections.id));
}

/** Locks a selection row: quota and certificate numbers are decided under it. */
export async function lockSelection(db: DbOrTx, id: number) {
  const [row] = await db.select().from(selections).where(eq(selections.id, id)).for('update');
  return row;
}

/** Moves a selection by a lifecycle command; undefined when it was not in a state the command starts from. */
export async function moveSelection(db: DbOrTx, id: number, command: SelectionCommand) {
  const { from, to } = selectionLifecycle.transitions[command];
  const [row] = await db
    .update(selections)
    .set({ status: to })
    .where(and(eq(selections.id, id), inStates(selections.status, from)))
    .returning({ id: selections.id });
  return row?.id;
}

/** Nominations per selection and stage. */
export async function nominationCounts(db: DbOrTx, selectionIds: readonly number[]) {
  if (selectionIds.length === 0) return [];
  return db
    .select({ selectionId: noms.selectionId, status: noms.status, n: count() })
    .from(noms)
    .where(sql`${noms.selectionId} in ${selectionIds}`)
    .groupBy(noms.selectionId, noms.status);
}

/** Inserts a nomination; undefined when the person is already nominated that year. */
export async function insertNomination(db: DbOrTx, values: typeof noms.$inferInsert) {
  const [row] = await db.insert(noms).values(values).onConflictDoNothing().returning({ id: noms.id });
  return row?.id;
}

/** Nominations matching `where`, with the person's name, their community and town, and the selection's terms. */
async function nominationRows(db: DbOrTx, where: SQL | undefined, paging?: { limit: number; offset: number }) {
  const query = db
    .select({
      nomination: noms,
      name: accounts.displayName,
      placeName: communities.name,
      townName: sql<string>`coalesce(${towns.name}, '')`,
      selection: selections,
    })
    .from(noms)
    .innerJoin(selections, eq(selections.id, noms.selectionId))
    .innerJoin(accounts, eq(accounts.id, noms.accountId))
    .innerJoin(communities, eq(communities.path, noms.placePath))
    .leftJoin(towns, townJoin)
    .where(where)
    .orderBy(desc(selections.year), asc(towns.name), asc(communities.name), asc(noms.id));
  return paging ? query.limit(paging.limit).offset(paging.offset) : query;
}
export type NominationRow = Awaited<ReturnType<typeof nominationRows>>[number];

export const nominationById = async (db: DbOrTx, id: number) => (await nominationRows(db, eq(noms.id, id)))[0];
export const nominationsOfSelection = (db: DbOrTx, selectionId: number) =>
  nominationRows(db, eq(noms.selectionId, selectionId));
export const nominationsOfAccount = (db: DbOrTx, accountId: number) =>
  nominationRows(db, eq(noms.accountId, accountId));

/** The list filter: inside the actor's scope and the asked place's subtree, of a year and a stage. */
function listWhere(scope: ListScope, filter: { placePath?: string; year?: number; status?: NominationStatus }) {
  return and(
    inScope(noms.placePath, scope),
    filter.placePath ? inSubtree(noms.placePath, filter.placePath) : undefined,
    filter.year ? eq(selections.year, filter.year) : undefined,
    filter.status ? eq(noms.status, filter.status) : undefined,
  );
}

/** One page of the nominations in scope, and how many match in all. */
export async function nominationsInScope(
  db: DbOrTx,
  scope: ListScope,
  filter: { placePath?: string; year?: number; status?: NominationStatus },
) {
  const where = listWhere(scope, filter);
  const [items, [total]] = await Promise.all([
    nominationRows(db, where, { limit: 200, offset: 0 }),
    db.select({ n: count() }).from(noms).innerJoin(selections, eq(selections.id, noms.selectionId)).where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}

/** Locks a nomination row for a command (lock order: selection, then nomination, then its objections). */
export async function lockNomination(db: DbOrTx, id: number) {
  const [row] = await db.select().from(noms).where(eq(noms.id, id)).for('update');
  return row;
}

/**
 * Moves a nomination by a lifecycle command, only from a state the command allows, writing `set` with
 * it; undefined when it was not in such a state (someone else moved it first).
 */
export async function moveNomination(
  db: DbOrTx,
  id: number,
  command: NominationCommand,
  set: Partial<typeof noms.$inferInsert> = {},
) {
  const { from, to } = nominationLifecycle.transitions[command];
  const [row] = await db
    .update(noms)
    .set({ ...set, status: to })
    .where(and(eq(noms.id, id), inStates(noms.status, from)))
    .returning({ id: noms.id });
  return row?.id;
}

/** Writes fields of a nomination in one of `states`; undefined when it is not. */
export async function updateNominationIn(
  db: DbOrTx,
  id: number,
  states: readonly string[],
  set: Partial<typeof noms.$inferInsert>,
) {
  const [row] = await db
    .update(noms)
    .set(set)
    .where(and(eq(noms.id, id), inStates(noms.status, states)))
    .returning({ id: noms.id });
  return row?.id;
}

/** How many of a selection's nominations are in one of `states`. */
export async function countInStates(db: DbOrTx, selectionId: number, states: readonly string[]) {
  const [row] = await db
    .select({ n: count() })
    .from(noms)
    .where(and(eq(noms.selectionId, selectionId), inStates(noms.status, states)));
  return row?.n ?? 0;
}

/** How many certificates a selection has issued (the next one's sequence is this plus one). */
export async function certificatesIssued(db: DbOrTx, selectionId: number) {
  const [row] = await db
    .select({ n: count() })
    .from(noms)
    .where(and(eq(noms.selectionId, selectionId), sql`${noms.certificateNo} is not null`));
  return row?.n ?? 0;
}

/** The public notice of a year: nominations noticed or named, in `states`. */
export async function publicNominations(db: DbOrTx, year: number, states: readonly string[]) {
  return nominationRows(db, and(eq(selections.year, year), inStates(noms.status, states)));
}

/** Years with a nomination in one of `states`, newest first. */
export async function publicYears(db: DbOrTx, states: readonly string[]) {
  const rows = await db
    .selectDistinct({ year: selections.year })
    .from(noms)
    .innerJoin(selections, eq(selections.id, noms.selectionId))
    .where(inStates(noms.status, states))
    .orderBy(desc(selections.year));
  return rows.map((r) => r.year);
}
