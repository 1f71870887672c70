import { can, type Actor } from '../../../domain/access';
import { hasCommittee, type DepartmentKind } from '../../../domain/departments';
import { maskPhone } from '../../../domain/people/phone';
import { pathIds } from '../../../domain/territory/places';
import { todayInChina } from '../../calendar';
import type { Db } from '../../db/client';
import { AppError, invalid, notFound } from '../../errors';
import { activeAccountByPhone, deleteGrant, insertGrant, lockAccountGrants, recordGrantEvent } from '../grants';
import { authorizePlace, placeOrNotFound } from '../places';
import {
  deleteLiaison,
  departmentsAtPlaces,
  findDepartment,
  insertDepartment,
  insertLiaison,
  liaisonElsewhereAtPlace,
  liaisonsOf,
  referralCounts,
  type DepartmentRow,
} from './departments.repository';

const refOf = (d: DepartmentRow) => ({ id: d.id, name: d.name, kind: d.kind, placeName: d.placeName });

/**
 * GET /places/:id/committee — 社工委: the departments of a city or town with their liaisons (phones
 * masked) and how many referrals each has open and overdue; for whoever browses there and its liaisons.
 */
export async function readCommittee(db: Db, actor: Actor, placeId: number) {
  const place = await placeOrNotFound(db, placeId);
  authorizePlace(actor, 'department.view', place);
  if (!hasCommittee(place.kind)) throw invalid('id', 'department.place_kind');
  const rows = await departmentsAtPlaces(db, [place.id]);
  const ids = rows.map((d) => d.id);
  const [liaisons, counts] = await Promise.all([liaisonsOf(db, ids), referralCounts(db, ids, todayInChina())]);
  return {
    place: { id: place.id, name: place.name, kind: place.kind },
    departments: rows.map((d) => {
      const count = counts.find((c) => c.departmentId === d.id);
      return {
        ...refOf(d),
        liaisons: liaisons
          .filter((l) => l.departmentId === d.id)
          .map((l) => ({ accountId: l.accountId, name: l.name, phone: maskPhone(l.phone) })),
        openReferrals: count?.open ?? 0,
        overdueReferrals: count?.overdue ?? 0,
      };
    }),
    abilities: { 'department.manage': can(actor, 'department.manage', { type: 'place', path: place.path }) },
  };
}

/** GET /places/:id/departments — what a matter at the place may be referred to: its town's and city's departments. */
export async function listDepartmentOptions(db: Db, actor: Actor, placeId: number) {
  const place = await placeOrNotFound(db, placeId);
  authorizePlace(actor, 'place.view', place);
  const rows = await departmentsAtPlaces(db, pathIds(place.path));
  // Nearest first: the town's own departments before the city's.
  return { items: rows.reverse().map(refOf) };
}

/** POST /places/:id/departments — officers of a city or town (or above) register a department there. */
export async function createDepartment(
  db: Db,
  actor: Actor,
  placeId: number,
  input: { name: string; kind: DepartmentKind },
) {
  const place = await placeOrNotFound(db, placeId);
  authorizePlace(actor, 'department.manage', place);
  if (!hasCommittee(place.kind)) throw invalid('id', 'department.place_kind');
  const id = await db.transaction((tx) =>
    insertDepartment(tx, { place, name: input.name, kind: input.kind, createdBy: actor.accountId }),
  );
  if (id === undefined) throw new AppError(409, 'department.name_taken', { field: 'name' });
  return { id };
}

/** The department, or 404 when it is not there or the actor may not see its committee. */
async function visibleDepartment(db: Db, actor: Actor, id: number) {
  const department = await findDepartment(db, id);
  if (!department || !can(actor, 'department.view', { type: 'place', path: department.placePath })) {
    throw notFound('department');
  }
  return department;
}

/** Refuses unless the actor may appoint or revoke this department's liaisons (officers of its place or above). */
function authorizeLiaisonGrant(
  actor: Actor,
  action: 'grant.appoint' | 'grant.revoke',
  d: DepartmentRow,
  accountId: number | null,
) {
  if (can(actor, action, { type: 'grant', path: d.placePath, role: 'liaison', accountId })) return;
  throw new AppError(403, accountId === actor.accountId ? 'grant.self' : 'grant.denied');
}

/**
 * POST /departments/:id/liaisons — appoints the account using `phone` as the department's liaison: a
 * `liaison` grant on the department's place (recorded in the record of grants) and the link to it.
 */
export async function appointLiaison(
  db: Db,
  actor: Actor,
  departmentId: number,
  input: { phone: string; reason?: string | undefined },
) {
  const department = await visibleDepartment(db, actor, departmentId);
  authorizeLiaisonGrant(actor, 'grant.appoint', department, null);
  const account = await activeAccountByPhone(db, input.phone);
  if (!account) throw new AppError(400, 'supervision.account_unknown', { field: 'phone' });
  authorizeLiaisonGrant(actor, 'grant.appoint', department, account.id);
  const place = { id: department.placeId, path: department.placePath };
  await db.transaction(async (tx) => {
    await lockAccountGrants(tx, account.id);
    await insertLiaison(tx, department.id, account.id);
    const granted = await insertGrant(tx, { accountId: account.id, role: 'liaison', placeId: place.id });
    if (granted !== undefined) {
      await recordGrantEvent(tx, {
        accountId: account.id,
        role: 'liaison',
        place,
        kind: 'granted',
        actor: { accountId: actor.accountId },
        reason: input.reason ?? department.name,
      });
    }
  });
  return { id: account.id };
}

/** DELETE /departments/:id/liaisons/:accountId — ends the link, and the grant when no other department there keeps it. */
export async function revokeLiaison(db: Db, actor: Actor, departmentId: number, accountId: number, reason: string) {
  const department = await visibleDepartment(db, actor, departmentId);
  authorizeLiaisonGrant(actor, 'grant.revoke', department, accountId);
  await db.transaction(async (tx) => {
    await lockAccountGrants(tx, accountId);
    if (!(await deleteLiaison(tx, department.id, accountId))) throw new AppError(404, 'grant.unknown');
    if (await liaisonElsewhereAtPlace(tx, accountId, department.placeId)) return;
    const place = { id: department.placeId, path: department.placePath };
    await deleteGrant(tx, { accountId, role: 'liaison', placeId: place.id });
    await recordGrantEvent(tx, {
      accountId,
      role: 'liaison',
      place,
      kind: 'revoked',
      actor: { accountId: actor.accountId },
      reason,
    });
  });
  return { id: accountId };
}
