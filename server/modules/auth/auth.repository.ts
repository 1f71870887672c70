import { and, desc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { accounts, loginCodes, loginFailures, loginRequests, places, roleGrants, residents } from '../../db/schema';
import { signalSession } from '../../plugins/live';

/** `now` as a timestamptz parameter: the login ledgers are stamped and read on the app's clock. */
const timestamp = (now: Date) => sql`${now.toISOString()}::timestamptz`;

/** Queues code requests for one phone (hashed) until the transaction ends. */
export async function lockCodeRequestsOf(tx: DbOrTx, phoneHash: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(727003, hashtext(${phoneHash}))`);
}

/**
 * The code requests of the hour before `now`: service-wide in the last minute, from the client
 * address, for the phone (hashed), and the phone's latest.
 */
export async function codeRequestCounts(tx: DbOrTx, now: Date, by: { clientAddress: string; phoneHash: string }) {
  const at = timestamp(now);
  const [counts] = await tx
    .select({
      global: sql<number>`count(*) filter (where ${loginRequests.at} > ${at} - interval '1 minute')::int`,
      address: sql<number>`count(*) filter (where ${loginRequests.clientAddress} = ${by.clientAddress})::int`,
      phone: sql<number>`count(*) filter (where ${loginRequests.phoneHash} = ${by.phoneHash})::int`,
      lastForPhone: sql<
        string | null
      >`max(${loginRequests.at}) filter (where ${loginRequests.phoneHash} = ${by.phoneHash})`,
    })
    .from(loginRequests)
    .where(gt(loginRequests.at, sql`${at} - interval '1 hour'`));
  return counts;
}

export async function insertCodeRequest(tx: DbOrTx, request: { phoneHash: string; clientAddress: string; at: Date }) {
  await tx.insert(loginRequests).values(request);
}

/** Deletes up to 100 ledger rows older than a day before `now`. */
export async function pruneCodeRequests(tx: DbOrTx, now: Date): Promise<void> {
  await tx.execute(
    sql`delete from ${loginRequests} where ${loginRequests.id} in (
          select id from ${loginRequests} where ${loginRequests.at} < ${timestamp(now)} - interval '1 day' limit 100)`,
  );
}

export async function insertLoginCode(db: DbOrTx, code: { phone: string; codeHash: string; expiresAt: Date }) {
  const [live] = await db.insert(loginCodes).values(code).returning({ id: loginCodes.id });
  return live!.id;
}

export async function deleteLoginCode(db: DbOrTx, id: number): Promise<void> {
  await db.delete(loginCodes).where(eq(loginCodes.id, id));
}

/** The phone's newest unconsumed code still live at `now`, locked. */
export async function findLiveCodeForUpdate(tx: DbOrTx, phone: string, now: Date) {
  const [live] = await tx
    .select()
    .from(loginCodes)
    .where(and(eq(loginCodes.phone, phone), isNull(loginCodes.consumedAt), gt(loginCodes.expiresAt, now)))
    .orderBy(desc(loginCodes.createdAt))
    .limit(1)
    .for('update');
  return live;
}

export async function setCodeAttempts(tx: DbOrTx, id: number, attempts: number): Promise<void> {
  await tx.update(loginCodes).set({ attempts }).where(eq(loginCodes.id, id));
}

export async function consumeLoginCode(tx: DbOrTx, id: number, at: Date): Promise<void> {
  await tx.update(loginCodes).set({ consumedAt: at }).where(eq(loginCodes.id, id));
}

/** Failed password logins for the phone in the `minutes` before `now`. */
export async function recentLoginFailures(db: DbOrTx, phone: string, now: Date, minutes: number): Promise<number> {
  const [failures] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(loginFailures)
    .where(
      and(
        eq(loginFailures.phone, phone),
        gt(loginFailures.at, sql`${timestamp(now)} - make_interval(mins => ${minutes})`),
      ),
    );
  return failures?.n ?? 0;
}

export async function insertLoginFailure(db: DbOrTx, phone: string, at: Date): Promise<void> {
  await db.insert(loginFailures).values({ phone, at });
}

/** The account using this phone (every column), if any. */
export async function findAccountByPhone(db: DbOrTx, phone: string) {
  const [account] = await db.select().from(accounts).where(eq(accounts.phone, phone));
  return account;
}

/** The id of the account using this phone, if any, and whether it is enabled and a demo one. */
export async function accountForLogin(db: DbOrTx, phone: string) {
  const [account] = await db
    .select({ id: accounts.id, isActive: accounts.isActive, isDemo: accounts.isDemo })
    .from(accounts)
    .where(eq(accounts.phone, phone));
  return account;
}

/** Whether a roster resident using this phone (any one) is a demo one; undefined when none does. */
export async function rosterResidentDemoFlag(db: DbOrTx, phone: string) {
  const [resident] = await db
    .select({ isDemo: residents.isDemo })
    .from(residents)
    .where(eq(residents.phone, phone))
    .limit(1);
  return resident;
}

/** The eldest roster resident using this phone. */
export async function eldestResidentByPhone(db: DbOrTx, phone: string) {
  const [resident] = await db
    .select()
    .from(residents)
    .where(eq(residents.phone, phone))
    .orderBy(residents.birthDate)
    .limit(1);
  return resident;
}

/** Inserts a resident's account; undefined when the phone already has one. */
export async function insertResidentAccount(
  db: DbOrTx,
  account: { phone: string; displayName: string; residentId: number; isDemo: boolean },
) {
  const [created] = await db.insert(accounts).values(account).onConflictDoNothing().returning({ id: accounts.id });
  return created?.id;
}

/** The id of the account using this phone; it must exist. */
export async function accountIdByPhone(db: DbOrTx, phone: string): Promise<number> {
  return (await db.select({ id: accounts.id }).from(accounts).where(eq(accounts.phone, phone)))[0]!.id;
}

/** Grants `resident` on the place (the home) unless the account holds it already. */
export async function grantResidentRole(db: DbOrTx, accountId: number, placeId: number): Promise<void> {
  const [granted] = await db
    .insert(roleGrants)
    .values({ accountId, role: 'resident', placeId })
    .onConflictDoNothing()
    .returning({ id: roleGrants.id });
  if (granted) await signalSession(db, { accountId });
}

/** The account (every column), read through the relational API, for the session view. */
export async function findSessionAccount(db: DbOrTx, accountId: number) {
  return db.query.accounts.findFirst({ where: (a, { eq: e }) => e(a.id, accountId) });
}

/** The account's grants (every column), read through the relational API, for the session view. */
export async function grantRowsOf(db: DbOrTx, accountId: number) {
  return db.query.roleGrants.findMany({
    where: (g, { eq: e }) => e(g.accountId, accountId),
    // The order the session lookup lists them in (sessions.repository.ts), so both views agree.
    orderBy: (g, { asc }) => [asc(g.id)],
  });
}

/** The places with these ids (every column); none for none. */
export async function placesWithIds(db: DbOrTx, ids: readonly number[]) {
  return ids.length
    ? db
        .select()
        .from(places)
        .where(inArray(places.id, [...ids]))
    : [];
}
