import { grantConflict, roles, type Role } from '../../../domain/access';
import { PHONE_PATTERN, normalisePhone } from '../../../domain/people/phone';
import { childPath } from '../../../domain/territory/places';
import type { Db, DbOrTx } from '../../db/client';
import { AppError, invalid } from '../../errors';
import { deleteOtherSessionsOf, deleteSessionsOf, findAccountByPhone, hashPassword, verifyPassword } from '../auth';
import { deleteGrant, insertGrant, lockAccountGrants, recordGrantEvent } from '../grants';
import {
  enabledAdminExists,
  findAccount,
  findPlaceByCode,
  insertAccount,
  insertFirstGrant,
  insertPlaceWithId,
  nextPlaceId,
  placeIdByCode,
  recordAccountEvents,
  setAccountActiveFlag,
  setAccountPassword,
  staffAccountRows,
  type StaffAccountRow,
} from './accounts.repository';
import { PASSWORD_MIN_LENGTH, generateOneTimePassword, passwordRefusal } from './password-policy';

/** Who did it, as account_events records it: `cli:<os user>@<host>` or `account:<id>`. */
export type AccountActor = string;

const MAX_NAME_LENGTH = 50;
const PLACE_CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;

/** A well-formed mainland mobile number, or a 400 on `phone`. */
export function parsePhone(input: string): string {
  const phone = normalisePhone(input.trim());
  if (!PHONE_PATTERN.test(phone)) throw invalid('phone', 'validation.phone');
  return phone;
}

function parseName(input: string, field: string): string {
  const name = input.trim();
  if (!name) throw invalid(field, 'validation.required');
  if (name.length > MAX_NAME_LENGTH) throw invalid(field, 'validation.too_long', { max: MAX_NAME_LENGTH });
  return name;
}

/**
 * The root of a new city's territory (kind `city`), so that the first administrator has a place to
 * be granted on and the roster import a parent for the towns.
 */
export async function createCity(db: Db, input: { code: string; name: string; isRural?: boolean }) {
  const code = input.code.trim();
  if (!PLACE_CODE_PATTERN.test(code)) throw invalid('code', 'accounts.place_code_format');
  const name = parseName(input.name, 'name');
  return db.transaction(async (tx) => {
    const taken = await placeIdByCode(tx, code);
    if (taken !== undefined) throw new AppError(409, 'accounts.place_code_taken', { field: 'code', params: { code } });
    const id = await nextPlaceId(tx);
    return insertPlaceWithId(tx, {
      id,
      parentId: null,
      kind: 'city',
      code,
      name,
      isRural: input.isRural ?? false,
      path: childPath(undefined, id),
      depth: 1,
    });
  });
}

/**
 * A staff account with `role` on the place coded `placeCode` and a one-time password that must be
 * changed at first login. Returns the password: the only time it exists in clear.
 */
export async function createStaffAccount(
  db: Db,
  input: { phone: string; name: string; placeCode: string; role?: string },
  actor: AccountActor,
): Promise<{ accountId: number; phone: string; password: string; placeName: string; role: Role }> {
  const phone = parsePhone(input.phone);
  const displayName = parseName(input.name, 'name');
  const role = parseRole(input.role ?? 'admin');
  const password = generateOneTimePassword();
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const place = await placeByCode(tx, input.placeCode);
    const accountId = await insertAccount(tx, { phone, displayName, passwordHash, mustChangePassword: true });
    if (accountId === undefined) throw new AppError(409, 'accounts.phone_taken', { field: 'phone' });
    await insertFirstGrant(tx, { accountId, role, placeId: place.id });
    await recordGrantEvent(tx, { accountId, role, place, kind: 'granted', actor: { label: actor } });
    await recordAccountEvents(
      tx,
      { accountId, kind: 'created', actor },
      { accountId, kind: 'granted', actor, detail: `${role}@${place.code}` },
    );
    return { accountId, phone, password, placeName: place.name, role };
  });
}

function parseRole(input: string): Role {
  const role = roles.find((r) => r === input);
  if (!role) throw new AppError(400, 'accounts.role_unknown', { field: 'role', params: { roles: roles.join(', ') } });
  return role;
}

/** Accounts that are more than a resident's own login: any grant besides `resident`, or a password. */
export async function listStaffAccounts(db: Db): Promise<StaffAccountRow[]> {
  return staffAccountRows(db);
}

async function accountByPhone(db: Db, input: string) {
  const phone = parsePhone(input);
  const account = await findAccountByPhone(db, phone);
  if (!account) throw new AppError(404, 'accounts.account_unknown', { field: 'phone' });
  return account;
}

async function placeByCode(db: DbOrTx, input: string) {
  const place = await findPlaceByCode(db, input.trim());
  if (!place) throw new AppError(404, 'accounts.place_unknown', { field: 'place', params: { code: input } });
  return place;
}

/**
 * Gives an existing account `role` on the place coded `placeCode` (a convenor who also supervises
 * elsewhere, a new town officer). Takes effect at the account's next request. Refused (409) when the
 * account would both run and supervise overlapping subtrees; recorded in the record of grants.
 */
export async function grantRole(
  db: Db,
  input: { phone: string; role: string; placeCode: string; reason?: string | undefined },
  actor: AccountActor,
) {
  const role = parseRole(input.role);
  const account = await accountByPhone(db, input.phone);
  const place = await placeByCode(db, input.placeCode);
  return db.transaction(async (tx) => {
    const held = await lockAccountGrants(tx, account.id);
    const conflict = grantConflict(held, role, place.path);
    if (conflict) throw new AppError(409, conflict, { field: 'role' });
    const granted = await insertGrant(tx, { accountId: account.id, role, placeId: place.id });
    if (granted === undefined) throw new AppError(409, 'accounts.grant_exists', { field: 'role' });
    await recordGrantEvent(tx, {
      accountId: account.id,
      role,
      place,
      kind: 'granted',
      actor: { label: actor },
      reason: input.reason?.trim(),
    });
    await recordAccountEvents(tx, { accountId: account.id, kind: 'granted', actor, detail: `${role}@${place.code}` });
    return { accountId: account.id, phone: account.phone, role, placeName: place.name };
  });
}

/**
 * Takes `role` on the place coded `placeCode` away from an account; its sessions see it at once.
 * The reason is required: it goes to the record of grants the officers above read.
 */
export async function revokeRole(
  db: Db,
  input: { phone: string; role: string; placeCode: string; reason: string },
  actor: AccountActor,
) {
  const reason = input.reason.trim();
  if (!reason) throw invalid('reason', 'validation.required');
  const role = parseRole(input.role);
  const account = await accountByPhone(db, input.phone);
  const place = await placeByCode(db, input.placeCode);
  return db.transaction(async (tx) => {
    const removed = await deleteGrant(tx, { accountId: account.id, role, placeId: place.id });
    if (!removed) throw new AppError(404, 'accounts.grant_unknown', { field: 'role' });
    await recordGrantEvent(tx, {
      accountId: account.id,
      role,
      place,
      kind: 'revoked',
      actor: { label: actor },
      reason,
    });
    await recordAccountEvents(tx, { accountId: account.id, kind: 'revoked', actor, detail: `${role}@${place.code}` });
    return { accountId: account.id, phone: account.phone, role, placeName: place.name };
  });
}

/** Enables or disables an account; disabling ends its sessions at once. */
export async function setAccountActive(db: Db, phoneInput: string, isActive: boolean, actor: AccountActor) {
  const account = await accountByPhone(db, phoneInput);
  await db.transaction(async (tx) => {
    await setAccountActiveFlag(tx, account.id, isActive);
    if (!isActive) await deleteSessionsOf(tx, account.id);
    await recordAccountEvents(tx, { accountId: account.id, kind: isActive ? 'enabled' : 'disabled', actor });
  });
  return { accountId: account.id, displayName: account.displayName, phone: account.phone };
}

/** A new one-time password (returned once), to be changed at the next login; every session ends. */
export async function resetAccountPassword(db: Db, phoneInput: string, actor: AccountActor) {
  const account = await accountByPhone(db, phoneInput);
  const password = generateOneTimePassword();
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    await setAccountPassword(tx, account.id, { passwordHash, mustChangePassword: true });
    await deleteSessionsOf(tx, account.id);
    await recordAccountEvents(tx, { accountId: account.id, kind: 'password_reset', actor });
  });
  return { accountId: account.id, displayName: account.displayName, phone: account.phone, password };
}

/**
 * The account holder's own change: checks the current password and the policy, stores the new hash,
 * lifts the forced change and ends every other session of the account (a leaked password stops
 * working everywhere but here).
 */
export async function changeOwnPassword(
  db: Db,
  input: { accountId: number; currentSessionHash: string; currentPassword: string; newPassword: string },
): Promise<void> {
  const account = await findAccount(db, input.accountId);
  if (!account?.passwordHash) throw new AppError(400, 'auth.password_not_set', { field: 'currentPassword' });
  if (!(await verifyPassword(input.currentPassword, account.passwordHash)))
    throw new AppError(400, 'password.current_wrong', { field: 'currentPassword' });
  const refusal = passwordRefusal(input.newPassword, {
    phone: account.phone,
    currentPassword: input.currentPassword,
  });
  if (refusal) throw new AppError(400, refusal, { field: 'newPassword', params: { min: PASSWORD_MIN_LENGTH } });
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await setAccountPassword(tx, account.id, { passwordHash, mustChangePassword: false });
    await deleteOtherSessionsOf(tx, account.id, input.currentSessionHash);
    await recordAccountEvents(tx, { accountId: account.id, kind: 'password_changed', actor: `account:${account.id}` });
  });
}

/** True when some enabled, non-demo account holds the admin role (the start-up check). */
export async function hasEnabledAdmin(db: Db): Promise<boolean> {
  return enabledAdminExists(db);
}
