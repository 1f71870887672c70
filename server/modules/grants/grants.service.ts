import {
  can,
  grantConflict,
  isIndependentReviewer,
  staffAppointments,
  type Actor,
  type AppointableRole,
} from '../../../domain/access';
import { maskPhone } from '../../../domain/people/phone';
import type { Db, DbOrTx } from '../../db/client';
import { AppError } from '../../errors';
import { authorizePlace, holdersOver, placeOrNotFound, type PlaceRow } from '../places';
import {
  activeAccountByPhone,
  deleteGrant,
  endOrphanedOversight,
  grantEventsPage,
  grantsOfAccounts,
  insertGrant,
  lockAccountGrants,
  recordGrantEvent,
} from './grants.repository';

const HISTORY_PAGE_SIZE = 50;

/** Refuses unless the actor may appoint or revoke `role` on the place for this account (officers above, never oneself). */
function authorizeGrant(
  actor: Actor,
  action: 'grant.appoint' | 'grant.revoke',
  place: Pick<PlaceRow, 'path'>,
  role: AppointableRole,
  accountId: number | null,
): void {
  if (can(actor, action, { type: 'grant', path: place.path, role, accountId })) return;
  throw new AppError(403, accountId === actor.accountId ? 'grant.self' : 'grant.denied');
}

/**
 * 任免 (appoint): gives `role` on the place to the active account using `phone`. Refused when the
 * actor is not an officer above the place, when it is their own account, and when the appointee would
 * both run and supervise overlapping subtrees. Idempotent; a new grant is recorded with its reason.
 */
export async function appointToPlace(
  db: Db,
  actor: Actor,
  input: { placeId: number; role: AppointableRole; phone: string; reason?: string | undefined },
) {
  const place = await placeOrNotFound(db, input.placeId);
  authorizeGrant(actor, 'grant.appoint', place, input.role, null);
  const account = await activeAccountByPhone(db, input.phone);
  if (!account) throw new AppError(400, 'supervision.account_unknown', { field: 'phone' });
  authorizeGrant(actor, 'grant.appoint', place, input.role, account.id);
  return db.transaction(async (tx) => {
    const conflict = grantConflict(await lockAccountGrants(tx, account.id), input.role, place.path);
    if (conflict) throw new AppError(409, conflict, { field: 'phone' });
    const granted = await insertGrant(tx, { accountId: account.id, role: input.role, placeId: place.id });
    if (granted !== undefined) {
      await recordGrantEvent(tx, {
        accountId: account.id,
        role: input.role,
        place,
        kind: 'granted',
        actor: { accountId: actor.accountId },
        reason: input.reason,
      });
    }
    return { id: account.id };
  });
}

/**
 * 任免 (revoke): ends the account's `role` on this very place, with the reason recorded. A supervisor's
 * oversight of matters that no other grant of theirs reaches ends with it (the rows stay).
 */
export async function revokeFromPlace(
  db: Db,
  actor: Actor,
  input: { placeId: number; role: AppointableRole; accountId: number; reason: string },
) {
  const place = await placeOrNotFound(db, input.placeId);
  authorizeGrant(actor, 'grant.revoke', place, input.role, input.accountId);
  return db.transaction(async (tx) => {
    const ended = await deleteGrant(tx, { accountId: input.accountId, role: input.role, placeId: place.id });
    if (!ended) throw new AppError(404, 'grant.unknown');
    await recordGrantEvent(tx, {
      accountId: input.accountId,
      role: input.role,
      place,
      kind: 'revoked',
      actor: { accountId: actor.accountId },
      reason: input.reason,
    });
    if (input.role === 'supervisor') await endOrphanedOversight(tx, input.accountId, place.path);
    return { id: input.accountId };
  });
}

/** How the record names who acted: the admin CLI's label (`cli:<user>@<host>`) is not shown to officers. */
function actorKindOf(e: { actorAccountId: number | null; actorLabel: string | null }) {
  if (e.actorAccountId !== null) return 'account' as const;
  return e.actorLabel?.startsWith('cli:') ? ('cli' as const) : ('before_record' as const);
}

/** GET /places/:id/grant-events: the record of grants on the place's subtree, for the officers over it. */
export async function readGrantHistory(db: Db, actor: Actor, placeId: number, page: number) {
  const place = await placeOrNotFound(db, placeId);
  authorizePlace(actor, 'grant.viewHistory', place);
  const { rows, total } = await grantEventsPage(db, place.path, {
    limit: HISTORY_PAGE_SIZE,
    offset: (page - 1) * HISTORY_PAGE_SIZE,
  });
  return {
    items: rows.map(({ event: e, placeName, accountName, accountPhone, actorName }) => ({
      id: e.id,
      kind: e.kind,
      role: e.role,
      placeName,
      accountName,
      accountPhone: maskPhone(accountPhone),
      actorKind: actorKindOf(e),
      actorName,
      reason: e.reason,
      at: e.at.toISOString(),
    })),
    total,
    pageSize: HISTORY_PAGE_SIZE,
  };
}

/** The community staff roles granted in the app (convenor, grid worker). */
const communityStaffRoles = staffAppointments;

/**
 * GET /places/:id/staff: the convenors and grid workers of the place and the places above it, for
 * anyone who may browse it (phones masked), with what the viewer may appoint and revoke here.
 */
export async function listPlaceStaff(db: Db, actor: Actor, placeId: number) {
  const place = await placeOrNotFound(db, placeId);
  authorizePlace(actor, 'place.view', place);
  const rows = await holdersOver(db, place.path, communityStaffRoles);
  return {
    items: rows.map((r) => ({
      accountId: r.accountId,
      name: r.name,
      phone: maskPhone(r.phone),
      role: r.role as (typeof communityStaffRoles)[number],
      placeName: r.placeName,
      isHere: r.placeId === place.id,
      abilities: grantRowAbilities(actor, place, r.role as AppointableRole, r),
    })),
    abilities: placeGrantAbilities(actor, place, 'convenor'),
  };
}

/** What the web may offer on a place's grants: the server's own decisions for the buttons. */
export function placeGrantAbilities(actor: Actor, place: Pick<PlaceRow, 'path'>, role: AppointableRole) {
  const subject = { type: 'grant' as const, path: place.path, role, accountId: null };
  return {
    'grant.appoint': can(actor, 'grant.appoint', subject),
    'grant.viewHistory': can(actor, 'grant.viewHistory', { type: 'place', path: place.path }),
  };
}

/** What the web may offer on one grant: revoking it, when it is held on the place itself. */
export function grantRowAbilities(
  actor: Actor,
  place: Pick<PlaceRow, 'id' | 'path'>,
  role: AppointableRole,
  grant: { placeId: number; accountId: number },
) {
  const subject = { type: 'grant' as const, path: place.path, role, accountId: grant.accountId };
  return { 'grant.revoke': grant.placeId === place.id && can(actor, 'grant.revoke', subject) };
}

/**
 * Of these accounts, those who run nothing at `path` (no staff role on it or above): the supervisors a
 * matter there may be assigned to, whose review and findings count.
 */
export async function independentAt(db: DbOrTx, accountIds: readonly number[], path: string): Promise<Set<number>> {
  const grants = await grantsOfAccounts(db, accountIds);
  return new Set(accountIds.filter((id) => isIndependentReviewer(grants.get(id) ?? [], path)));
}
