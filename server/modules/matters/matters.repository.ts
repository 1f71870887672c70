import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { CLOSED_STATUSES } from '../../../domain/matters/stages';
import { pathIds, type PlacePath } from '../../../domain/territory/places';
import type { DbOrTx } from '../../db/client';
import { standingOf } from '../../db/people-sql';
import { notInStates } from '../../db/lifecycle-sql';
import {
  accounts,
  matterFiles,
  matterFollows,
  matterSupports,
  matters,
  places,
  residents,
  roleGrants,
} from '../../db/schema';
import { inSubtree } from '../../db/subtree';

export type MatterRow = typeof matters.$inferSelect;
export type MatterPatch = Partial<typeof matters.$inferInsert>;

/** The matter, locked `for update` when `forUpdate` (the caller is inside a transaction). */
export async function findMatter(db: DbOrTx, matterId: number, forUpdate = false): Promise<MatterRow | undefined> {
  const query = db.select().from(matters).where(eq(matters.id, matterId));
  const [matter] = forUpdate ? await query.for('update') : await query;
  return matter;
}

export async function updateMatter(tx: DbOrTx, matterId: number, set: MatterPatch): Promise<void> {
  await tx.update(matters).set(set).where(eq(matters.id, matterId));
}

export async function insertMatter(tx: DbOrTx, values: typeof matters.$inferInsert): Promise<MatterRow> {
  const [matter] = await tx.insert(matters).values(values).returning();
  return matter!;
}

/** Open matters under the path that more than their participants may see, newest first (at most 300). */
export async function openMattersUnder(db: DbOrTx, path: PlacePath) {
  return db
    .select({ id: matters.id, title: matters.title, status: matters.status, supportCount: matters.supportCount })
    .from(matters)
    .where(
      and(
        inSubtree(matters.placePath, path),
        notInStates(matters.status, CLOSED_STATUSES),
        sql`${matters.visibility} <> 'participants'`,
      ),
    )
    .orderBy(sql`${matters.createdAt} desc`)
    .limit(300);
}

/** The places on a path (the place and its ancestors), in no particular order. */
export async function placesOnPath(db: DbOrTx, path: PlacePath) {
  return db
    .select()
    .from(places)
    .where(inArray(places.id, pathIds(path)));
}

/** Id, name and kind of the places on a path, in no particular order: a page's trail. */
export async function trailPlaces(db: DbOrTx, path: PlacePath) {
  return db
    .select({ id: places.id, name: places.name, kind: places.kind })
    .from(places)
    .where(inArray(places.id, pathIds(path)));
}

/** Paths of the places where the account holds the convenor role. */
export async function convenorGrantPaths(db: DbOrTx, accountId: number) {
  return db
    .select({ path: places.path })
    .from(roleGrants)
    .innerJoin(places, eq(places.id, roleGrants.placeId))
    .where(and(eq(roleGrants.accountId, accountId), eq(roleGrants.role, 'convenor')));
}

/** Records the account's support; false when it already supports the matter. */
export async function insertSupport(tx: DbOrTx, matterId: number, accountId: number): Promise<boolean> {
  const inserted = await tx.insert(matterSupports).values({ matterId, accountId }).onConflictDoNothing().returning();
  return inserted.length > 0;
}

/** Whether the account follows (关注) the matter. */
export async function isFollowing(db: DbOrTx, matterId: number, accountId: number): Promise<boolean> {
  const rows = await db
    .select({ matterId: matterFollows.matterId })
    .from(matterFollows)
    .where(and(eq(matterFollows.matterId, matterId), eq(matterFollows.accountId, accountId)));
  return rows.length > 0;
}

export async function hasSupport(db: DbOrTx, matterId: number, accountId: number): Promise<boolean> {
  const rows = await db
    .select()
    .from(matterSupports)
    .where(and(eq(matterSupports.matterId, matterId), eq(matterSupports.accountId, accountId)));
  return rows.length > 0;
}

export async function findResident(db: DbOrTx, residentId: number) {
  const [resident] = await db.select().from(residents).where(eq(residents.id, residentId));
  return resident;
}

/** The id of the resident's own account, if they have one. */
export async function accountIdOfResident(db: DbOrTx, residentId: number): Promise<number | undefined> {
  const [account] = await db.select({ id: accounts.id }).from(accounts).where(eq(accounts.residentId, residentId));
  return account?.id;
}

export async function residentName(db: DbOrTx, residentId: number): Promise<string | undefined> {
  const [row] = await db.select({ name: residents.name }).from(residents).where(eq(residents.id, residentId));
  return row?.name;
}

/** An account's display name and what it acts as (staff, supervisor or resident). */
export async function accountPerson(db: DbOrTx, accountId: number) {
  const [row] = await db
    .select({ name: accounts.displayName, standing: standingOf(accounts.id) })
    .from(accounts)
    .where(eq(accounts.id, accountId));
  return row;
}

/** Lists a stored file in matter_files; returns its id. */
export async function insertMatterFile(tx: DbOrTx, values: typeof matterFiles.$inferInsert): Promise<number> {
  const [file] = await tx.insert(matterFiles).values(values).returning({ id: matterFiles.id });
  return file!.id;
}

/** Ids of the photos sent with the matter when it was raised, in upload order. */
export async function raisedPhotoIds(db: DbOrTx, matterId: number) {
  return db
    .select({ id: matterFiles.id })
    .from(matterFiles)
    .where(and(eq(matterFiles.matterId, matterId), eq(matterFiles.purpose, 'raised')))
    .orderBy(asc(matterFiles.id));
}
