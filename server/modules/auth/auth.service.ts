import { randomInt } from 'node:crypto';
import type { Db, DbOrTx } from '../../db/client';
import { AppError } from '../../errors';
import type { SmsProvider } from '../../deps';
import { attemptDelivery, recordDelivery, SmsNotSentError, wasSent } from '../sms';
import { verifyPassword } from './password';
import {
  accountForLogin,
  accountIdByPhone,
  codeRequestCounts,
  consumeLoginCode,
  deleteLoginCode,
  eldestResidentByPhone,
  findAccountByPhone,
  findLiveCodeForUpdate,
  grantResidentRole,
  insertCodeRequest,
  insertLoginCode,
  insertLoginFailure,
  insertResidentAccount,
  lockCodeRequestsOf,
  pruneCodeRequests,
  recentLoginFailures,
  rosterResidentDemoFlag,
  setCodeAttempts,
} from './auth.repository';
import { clockNow } from '../../clock';
import { sha256 } from '../../hash';

const CODE_TTL_MS = 5 * 60_000;
const CODE_MAX_ATTEMPTS = 5;
const CODE_MIN_INTERVAL_S = 60;
const CODES_PER_HOUR = 5;
const PASSWORD_FAILURES_ALLOWED = 5;
const PASSWORD_WINDOW_MIN = 15;

const hashCode = (phone: string, code: string) => sha256(`${phone}:${code}`);

/** What a code request may do: the demo switch and the limits from the settings. */
export type CodePolicy = { isDemo: boolean; limitPerAddress: number; limitGlobal: number };

const hashPhone = (phone: string) => sha256(`yishi-login:${phone}`);

/**
 * Records a code request in the ledger unless a limit is reached: per phone (one a minute, five an
 * hour), per client address (an hour) and across the service (a minute). Every number counts the
 * same, registered or not, so a refusal says nothing about who is registered. Requests for one phone
 * queue on an advisory lock, so two at once cannot both pass the one-a-minute rule.
 */
async function admitCodeRequest(db: Db, phone: string, clientAddress: string, policy: CodePolicy): Promise<void> {
  const phoneHash = hashPhone(phone);
  // The ledger is stamped and read on the app's clock, so a test can pass the minute instead of waiting.
  const now = clockNow();
  await db.transaction(async (tx) => {
    await lockCodeRequestsOf(tx, phoneHash);
    const counts = await codeRequestCounts(tx, now, { clientAddress, phoneHash });
    const c = counts ?? { global: 0, address: 0, phone: 0, lastForPhone: null };
    if (c.global >= policy.limitGlobal) throw new AppError(429, 'auth.code_busy', { params: { seconds: 60 } });
    if (c.address >= policy.limitPerAddress)
      throw new AppError(429, 'auth.code_rate_limited', { field: 'phone', params: { seconds: 3600 } });
    if (c.lastForPhone) {
      const waited = (now.getTime() - new Date(c.lastForPhone).getTime()) / 1000;
      if (waited < CODE_MIN_INTERVAL_S) {
        throw new AppError(429, 'auth.code_rate_limited', {
          field: 'phone',
          params: { seconds: Math.ceil(CODE_MIN_INTERVAL_S - waited) },
        });
      }
    }
    if (c.phone >= CODES_PER_HOUR)
      throw new AppError(429, 'auth.code_rate_limited', { field: 'phone', params: { seconds: 3600 } });
    await insertCodeRequest(tx, { phoneHash, clientAddress, at: now });
    // The ledger only needs the last hour; old rows go with the requests that follow them.
    await pruneCodeRequests(tx, now);
  });
}

/**
 * Answers every well-formed number alike: within the limits a code goes out only to an enabled
 * account or a roster resident (and to demo ones only in demo mode). Returns the code when one was
 * sent, for the demo page.
 */
export async function requestLoginCode(
  db: Db,
  sms: SmsProvider,
  phone: string,
  clientAddress: string,
  policy: CodePolicy,
): Promise<{ code: string | undefined }> {
  await admitCodeRequest(db, phone, clientAddress, policy);
  const known = await findLoginTarget(db, phone);
  if (!known || !known.isActive || (known.isDemo && !policy.isDemo)) return { code: undefined };
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const liveId = await insertLoginCode(db, {
    phone,
    codeHash: hashCode(phone, code),
    expiresAt: new Date(clockNow().getTime() + CODE_TTL_MS),
  });
  const outcome = await attemptDelivery(sms, { phone, template: 'login_code', params: { code } });
  await recordDelivery(db, { phone, template: 'login_code', params: {} }, outcome);
  if (!wasSent(outcome)) {
    // A code nobody received must not stay live: the user asks again.
    await deleteLoginCode(db, liveId);
    throw new SmsNotSentError(outcome, phone);
  }
  return { code };
}

/** Checks the newest live code; a wrong guess spends an attempt, a right one is consumed. */
export async function loginWithCode(db: Db, phone: string, code: string, isDemo: boolean): Promise<number> {
  return db
    .transaction(async (tx) => {
      const live = await findLiveCodeForUpdate(tx, phone, clockNow());
      if (!live) throw new AppError(400, 'auth.code_invalid', { field: 'code' });
      if (live.attempts >= CODE_MAX_ATTEMPTS) throw new AppError(429, 'auth.code_too_many_attempts', { field: 'code' });
      if (live.codeHash !== hashCode(phone, code)) {
        await setCodeAttempts(tx, live.id, live.attempts + 1);
        return null;
      }
      await consumeLoginCode(tx, live.id, clockNow());
      return ensureAccount(tx, phone, isDemo);
    })
    .then((accountId) => {
      // The failed attempt is committed before refusing.
      if (accountId === null) throw new AppError(400, 'auth.code_invalid', { field: 'code' });
      return accountId;
    });
}

export async function loginWithPassword(db: Db, phone: string, password: string, isDemo: boolean): Promise<number> {
  const failures = await recentLoginFailures(db, phone, clockNow(), PASSWORD_WINDOW_MIN);
  if (failures >= PASSWORD_FAILURES_ALLOWED) {
    throw new AppError(429, 'auth.login_rate_limited', { params: { minutes: PASSWORD_WINDOW_MIN } });
  }
  const account = await findAccountByPhone(db, phone);
  const isValid = account?.passwordHash ? await verifyPassword(password, account.passwordHash) : false;
  if (!account || !isValid) {
    await insertLoginFailure(db, phone, clockNow());
    throw new AppError(401, 'auth.password_invalid', { field: 'password' });
  }
  assertMayLogIn(account, isDemo);
  return account.id;
}

/** Disabled accounts never log in; demo accounts only while the server runs in demo mode. */
function assertMayLogIn(account: { isActive: boolean; isDemo: boolean }, isDemo: boolean): void {
  if (!account.isActive) throw new AppError(403, 'auth.account_disabled');
  if (account.isDemo && !isDemo) throw new AppError(403, 'auth.demo_account');
}

/** The account with this phone, else the roster resident who would get one at first login. */
async function findLoginTarget(db: Db, phone: string) {
  const account = await accountForLogin(db, phone);
  if (account) return account;
  const resident = await rosterResidentDemoFlag(db, phone);
  return resident && { isActive: true, isDemo: resident.isDemo };
}

/**
 * A resident registered in the roster with this phone gets an account (role resident on the place
 * they live in) at first login.
 */
async function ensureAccount(db: DbOrTx, phone: string, isDemo: boolean): Promise<number> {
  const account = await accountForLogin(db, phone);
  if (account) {
    assertMayLogIn(account, isDemo);
    return account.id;
  }
  const resident = await eldestResidentByPhone(db, phone);
  if (!resident) throw new AppError(400, 'auth.code_invalid', { field: 'code' });
  assertMayLogIn({ isActive: true, isDemo: resident.isDemo }, isDemo);
  const created = await insertResidentAccount(db, {
    phone,
    displayName: resident.name,
    residentId: resident.id,
    isDemo: resident.isDemo,
  });
  const accountId = created ?? (await accountIdByPhone(db, phone));
  await grantResidentRole(db, accountId, resident.placeId);
  return accountId;
}
