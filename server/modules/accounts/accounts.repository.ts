import { and, eq, sql } from 'drizzle-orm';
import type { Role } from '../../../domain/access';
import type { DbOrTx } from '../../db/client';
import { accountEvents, accounts, places, roleGrants } from '../../db/schema';
import { signalSession } from '../../plugins/live';

export type StaffAccountRow = {
  id: number;
  phone: string;
  displayName: string;
  grants: { role: Role; placeCode: string; placeName: string }[];
  isActive: boolean;
  isDemo: boolean;
  mustChangePassword: boolean;
};

/** The id of the place coded `code`, if any. */
export async function placeIdByCode(db: DbOrTx, code: string) {
  const [place] = await db.select({ id: places.id }).from(places).where(eq(places.code, code));
  return place?.id;
}

/** The place coded `code` (every column), if any. */
export async function findPlaceByCode(db: DbOrTx, code: string) {
  const [place] = await db.select().from(places).where(eq(places.code, code));
  return place;
}

/** Draws the next place id from the places' identity sequence (a city's path is built from it). */
export async function nextPlaceId(tx: DbOrTx): Promise<number> {
  const [{ id }] = (
    await tx.execute<{ id: number }>(sql`select nextval(pg_get_serial_sequence('places', 'id'))::int as id`)
  ).rows as [{ id: number }];
  return id;
}

/** Inserts a place with the id drawn by nextPlaceId. */
export async function insertPlaceWithId(tx: DbOrTx, place: typeof places.$inferInsert & { id: number }) {
  const [created] = await tx.insert(places).overridingSystemValue().values(place).returning();
  return created!;
}

/** Inserts an account; undefined when the phone already has one. */
export async function insertAccount(tx: DbOrTx, account: typeof accounts.$inferInsert) {
  const [created] = await tx.insert(accounts).values(account).onConflictDoNothing().returning({ id: accounts.id });
  return created?.id;
}

/** The first grant of an account created in the same transaction (no conflict possible). */
export async function insertFirstGrant(tx: DbOrTx, grant: { accountId: number; role: Role; placeId: number }) {
  await tx.insert(roleGrants).values(grant);
}

/** Appends to the account's own record (account_events). */
export async function recordAccountEvents(tx: DbOrTx, ...events: (typeof accountEvents.$inferInsert)[]): Promise<void> {
  await tx.insert(accountEvents).values(events);
}

/** Accounts with any grant besides `resident` or with a password, their staff grants aggregated. */
export async function staffAccountRows(db: DbOrTx): Promise<StaffAccountRow[]> {
  return db
    .select({
      id: accounts.id,
      phone: accounts.phone,
      displayName: accounts.displayName,
      isActive: accounts.isActive,
      isDemo: accounts.isDemo,
      mustChangePassword: accounts.mustChangePassword,
      grants: sql<StaffAccountRow['grants']>`coalesce((
          select json_agg(json_build_object('role', g.role, 'placeCode', p.code, 'placeName', p.name) order by g.id)
          from ${roleGrants} g join ${places} p on p.id = g.place_id
          where g.account_id = accounts.id and g.role <> 'resident'), '[]'::json)`,
    })
    .from(accounts)
    .where(
      sql`${accounts.passwordHash} is not null or exists (
            select 1 from ${roleGrants} g where g.account_id = accounts.id and g.role <> 'resident')`,
    )
    .orderBy(accounts.id);
}

/** The account (every column), if any. */
export async function findAccount(db: DbOrTx, id: number) {
  const [account] = await db.select().from(accounts).where(eq(accounts.id, id));
  return account;
}

export async function setAccountActiveFlag(tx: DbOrTx, id: number, isActive: boolean): Promise<void> {
  await tx.update(accounts).set({ isActive }).where(eq(accounts.id, id));
  await signalSession(tx, { accountId: id });
}

export async function setAccountPassword(
  tx: DbOrTx,
  id: number,
  password: { passwordHash: string; mustChangePassword: boolean },
): Promise<void> {
  await tx.update(accounts).set(password).where(eq(accounts.id, id));
  await signalSession(tx, { accountId: id });
}

/** Whether some enabled, non-demo account holds the admin role. */
export async function enabledAdminExists(db: DbOrTx): Promise<boolean> {
  const [row] = await db
    .select({ id: accounts.id })
    .from(accounts)
    .innerJoin(roleGrants, eq(roleGrants.accountId, accounts.id))
    .where(and(eq(roleGrants.role, 'admin'), eq(accounts.isActive, true), eq(accounts.isDemo, false)))
    .limit(1);
  return row !== undefined;
}
