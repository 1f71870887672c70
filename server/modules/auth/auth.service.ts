import { createHash, randomInt } from 'node:crypto';
import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { accounts, loginCodes, loginFailures, roleGrants, residents } from '../../db/schema';
import { AppError } from '../../errors';
import type { SmsProvider } from '../../deps';
import { verifyPassword } from './password';

const CODE_TTL_MS = 5 * 60_000;
const CODE_MAX_ATTEMPTS = 5;
const CODE_MIN_INTERVAL_S = 60;
const CODES_PER_HOUR = 5;
const PASSWORD_FAILURES_ALLOWED = 5;
const PASSWORD_WINDOW_MIN = 15;

const hashCode = (phone: string, code: string) => createHash('sha256').update(`${phone}:${code}`).digest('hex');

/** Sends a code unless the phone asked too recently; the ledger lives in PostgreSQL so every app process agrees. */
export async function requestLoginCode(db: Db, sms: SmsProvider, phone: string): Promise<{ code: string }> {
  const known = await findAccountOrResident(db, phone);
  if (!known) throw new AppError(404, 'auth.no_account', { field: 'phone' });
  const recent = await db
    .select({ createdAt: loginCodes.createdAt })
    .from(loginCodes)
    .where(and(eq(loginCodes.phone, phone), gt(loginCodes.createdAt, sql`now() - interval '1 hour'`)))
    .orderBy(desc(loginCodes.createdAt));
  const last = recent[0];
  if (last) {
    const waited = (Date.now() - last.createdAt.getTime()) / 1000;
    if (waited < CODE_MIN_INTERVAL_S) {
      throw new AppError(429, 'auth.code_rate_limited', {
        field: 'phone',
        params: { seconds: Math.ceil(CODE_MIN_INTERVAL_S - waited) },
      });
    }
  }
  if (recent.length >= CODES_PER_HOUR)
    throw new AppError(429, 'auth.code_rate_limited', { field: 'phone', params: { seconds: 3600 } });
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  await db
    .insert(loginCodes)
    .values({ phone, codeHash: hashCode(phone, code), expiresAt: new Date(Date.now() + CODE_TTL_MS) });
  await sms.sendLoginCode(phone, code);
  return { code };
}

/** Checks the newest live code; a wrong guess spends an attempt, a right one is consumed. */
export async function loginWithCode(db: Db, phone: string, code: string): Promise<number> {
  return db
    .transaction(async (tx) => {
      const [live] = await tx
        .select()
        .from(loginCodes)
        .where(and(eq(loginCodes.phone, phone), isNull(loginCodes.consumedAt), gt(loginCodes.expiresAt, sql`now()`)))
        .orderBy(desc(loginCodes.createdAt))
        .limit(1)
        .for('update');
      if (!live) throw new AppError(400, 'auth.code_invalid', { field: 'code' });
      if (live.attempts >= CODE_MAX_ATTEMPTS) throw new AppError(429, 'auth.code_too_many_attempts', { field: 'code' });
      if (live.codeHash !== hashCode(phone, code)) {
        await tx
          .update(loginCodes)
          .set({ attempts: live.attempts + 1 })
          .where(eq(loginCodes.id, live.id));
        return null;
      }
      await tx.update(loginCodes).set({ consumedAt: new Date() }).where(eq(loginCodes.id, live.id));
      return ensureAccount(tx as unknown as Db, phone);
    })
    .then((accountId) => {
      // The failed attempt is committed before refusing.
      if (accountId === null) throw new AppError(400, 'auth.code_invalid', { field: 'code' });
      return accountId;
    });
}

export async function loginWithPassword(db: Db, phone: string, password: string): Promise<number> {
  const [failures] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(loginFailures)
    .where(
      and(
        eq(loginFailures.phone, phone),
        gt(loginFailures.at, sql`now() - make_interval(mins => ${PASSWORD_WINDOW_MIN})`),
      ),
    );
  if ((failures?.n ?? 0) >= PASSWORD_FAILURES_ALLOWED) {
    throw new AppError(429, 'auth.login_rate_limited', { params: { minutes: PASSWORD_WINDOW_MIN } });
  }
  const [account] = await db.select().from(accounts).where(eq(accounts.phone, phone));
  const isValid = account?.passwordHash ? await verifyPassword(password, account.passwordHash) : false;
  if (!account || !isValid) {
    await db.insert(loginFailures).values({ phone });
    throw new AppError(401, 'auth.password_invalid', { field: 'password' });
  }
  if (!account.isActive) throw new AppError(403, 'auth.account_disabled');
  return account.id;
}

async function findAccountOrResident(db: Db, phone: string) {
  const [account] = await db
    .select({ id: accounts.id, isActive: accounts.isActive })
    .from(accounts)
    .where(eq(accounts.phone, phone));
  if (account) {
    if (!account.isActive) throw new AppError(403, 'auth.account_disabled');
    return account;
  }
  const [resident] = await db.select({ id: residents.id }).from(residents).where(eq(residents.phone, phone)).limit(1);
  return resident;
}

/**
 * A resident registered in the roster with this phone gets an account (role resident on the place
 * they live in) at first login.
 */
async function ensureAccount(db: Db, phone: string): Promise<number> {
  const [account] = await db.select({ id: accounts.id }).from(accounts).where(eq(accounts.phone, phone));
  if (account) return account.id;
  const [resident] = await db
    .select()
    .from(residents)
    .where(eq(residents.phone, phone))
    .orderBy(residents.birthDate)
    .limit(1);
  if (!resident) throw new AppError(404, 'auth.no_account', { field: 'phone' });
  const [created] = await db
    .insert(accounts)
    .values({ phone, displayName: resident.name, residentId: resident.id })
    .onConflictDoNothing()
    .returning({ id: accounts.id });
  const accountId =
    created?.id ?? (await db.select({ id: accounts.id }).from(accounts).where(eq(accounts.phone, phone)))[0]!.id;
  await db.insert(roleGrants).values({ accountId, role: 'resident', placeId: resident.placeId }).onConflictDoNothing();
  return accountId;
}
