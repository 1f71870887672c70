/** The SQL of the demo matters' cast (matters-cast.ts): staff and resident accounts, their grants, the places and residents drawn on. */
import { and, asc, eq, isNotNull, like, lte, not, notInArray } from 'drizzle-orm';
import type { Role } from '../../domain/access/roles';
import type { DbOrTx } from '../db/client';
import { accounts, places, residents, roleGrants } from '../db/schema';
import { inSubtree } from '../db/subtree';

/** Inserts a demo account; its id, or undefined when the phone has one already. */
export async function insertDemoAccount(
  db: DbOrTx,
  values: { phone: string; displayName: string; residentId: number | null; passwordHash: string | null },
) {
  const [row] = await db
    .insert(accounts)
    .values({ ...values, isDemo: true })
    .onConflictDoNothing()
    .returning({ id: accounts.id });
  return row?.id;
}

export async function accountIdByPhone(db: DbOrTx, phone: string) {
  return (await db.select({ id: accounts.id }).from(accounts).where(eq(accounts.phone, phone)))[0]!.id;
}

/** Grants a role on a place unless the account holds it there already. */
export async function grantRoleIfMissing(db: DbOrTx, grant: { accountId: number; role: Role; placeId: number }) {
  await db.insert(roleGrants).values(grant).onConflictDoNothing();
}

/** Every place in the subtree at `path` (itself included), by code. */
export async function placesUnder(db: DbOrTx, path: string) {
  return db.select().from(places).where(inSubtree(places.path, path)).orderBy(asc(places.code));
}

/**
 * Adults (born on or before `adultBorn`) with a phone outside the subtree at `keptClean`, none of them
 * a demo login's resident (phones 139000000…), by id.
 */
export async function candidateResidents(db: DbOrTx, keptClean: string, adultBorn: string) {
  const demoResidents = db
    .select({ id: accounts.residentId })
    .from(accounts)
    .where(and(isNotNull(accounts.residentId), like(accounts.phone, '139000000%')));
  return db
    .select({
      id: residents.id,
      name: residents.name,
      phone: residents.phone,
      placeId: residents.placeId,
      placePath: residents.placePath,
    })
    .from(residents)
    .where(
      and(
        not(inSubtree(residents.placePath, keptClean)),
        isNotNull(residents.phone),
        lte(residents.birthDate, adultBorn),
        notInArray(residents.id, demoResidents),
      ),
    )
    .orderBy(asc(residents.id));
}

/** Inserts demo residents' accounts in one statement; the rows written (a phone already taken writes none). */
export async function insertResidentAccounts(
  db: DbOrTx,
  rows: readonly { phone: string; displayName: string; residentId: number }[],
) {
  return db
    .insert(accounts)
    .values(rows.map((r) => ({ ...r, isDemo: true })))
    .onConflictDoNothing()
    .returning({ id: accounts.id, residentId: accounts.residentId });
}

/** Inserts role grants in one statement. */
export async function insertRoleGrants(
  db: DbOrTx,
  rows: readonly { accountId: number; role: Role; placeId: number }[],
) {
  await db.insert(roleGrants).values([...rows]);
}
