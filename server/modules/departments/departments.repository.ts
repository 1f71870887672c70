import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { DepartmentKind } from '../../../domain/departments';
import { OPEN_REFERRAL_STATUSES } from '../../../domain/departments';
import type { DbOrTx } from '../../db/client';
import { inStates } from '../../db/lifecycle-sql';
import { accounts, departmentLiaisons, departments, places, referrals } from '../../db/schema';
import { inSubtree } from '../../db/subtree';

const departmentColumns = {
  id: departments.id,
  name: departments.name,
  kind: departments.kind,
  placeId: departments.placeId,
  placePath: departments.placePath,
  placeName: places.name,
};
export type DepartmentRow = {
  id: number;
  name: string;
  kind: DepartmentKind;
  placeId: number;
  placePath: string;
  placeName: string;
};

/** The department with its place, if any. */
export async function findDepartment(db: DbOrTx, id: number): Promise<DepartmentRow | undefined> {
  const [row] = await db
    .select(departmentColumns)
    .from(departments)
    .innerJoin(places, eq(places.id, departments.placeId))
    .where(eq(departments.id, id));
  return row;
}

/** The departments registered at these places, by place then name. */
export async function departmentsAtPlaces(db: DbOrTx, placeIds: readonly number[]): Promise<DepartmentRow[]> {
  if (placeIds.length === 0) return [];
  return db
    .select(departmentColumns)
    .from(departments)
    .innerJoin(places, eq(places.id, departments.placeId))
    .where(inArray(departments.placeId, [...placeIds]))
    .orderBy(asc(places.depth), asc(departments.name), asc(departments.id));
}

/** Registers a department; undefined when the place already has one of that name. */
export async function insertDepartment(
  tx: DbOrTx,
  input: { place: { id: number; path: string }; name: string; kind: DepartmentKind; createdBy: number },
) {
  const [row] = await tx
    .insert(departments)
    .values({
      placeId: input.place.id,
      placePath: input.place.path,
      name: input.name,
      kind: input.kind,
      createdBy: input.createdBy,
    })
    .onConflictDoNothing()
    .returning({ id: departments.id });
  return row?.id;
}

/** The liaisons of these departments: name and (unmasked) phone, for the presenter to mask. */
export async function liaisonsOf(db: DbOrTx, departmentIds: readonly number[]) {
  if (departmentIds.length === 0) return [];
  return db
    .select({
      departmentId: departmentLiaisons.departmentId,
      accountId: accounts.id,
      name: accounts.displayName,
      phone: accounts.phone,
    })
    .from(departmentLiaisons)
    .innerJoin(accounts, eq(accounts.id, departmentLiaisons.accountId))
    .where(inArray(departmentLiaisons.departmentId, [...departmentIds]))
    .orderBy(asc(departmentLiaisons.id));
}

/** Open and overdue (as of `today`) referrals per department. */
export async function referralCounts(db: DbOrTx, departmentIds: readonly number[], today: string) {
  if (departmentIds.length === 0) return [];
  const open = inStates(referrals.status, OPEN_REFERRAL_STATUSES);
  return db
    .select({
      departmentId: referrals.departmentId,
      open: sql<number>`count(*) filter (where ${open})::int`,
      overdue: sql<number>`count(*) filter (where ${open} and ${referrals.dueOn} < ${today}::date)::int`,
    })
    .from(referrals)
    .where(inArray(referrals.departmentId, [...departmentIds]))
    .groupBy(referrals.departmentId);
}

/** Links an account to a department as its liaison; false when it already was. */
export async function insertLiaison(tx: DbOrTx, departmentId: number, accountId: number): Promise<boolean> {
  const rows = await tx
    .insert(departmentLiaisons)
    .values({ departmentId, accountId })
    .onConflictDoNothing()
    .returning({ id: departmentLiaisons.id });
  return rows.length > 0;
}

/** Ends the link; false when there was none. */
export async function deleteLiaison(tx: DbOrTx, departmentId: number, accountId: number): Promise<boolean> {
  const rows = await tx
    .delete(departmentLiaisons)
    .where(and(eq(departmentLiaisons.departmentId, departmentId), eq(departmentLiaisons.accountId, accountId)))
    .returning({ id: departmentLiaisons.id });
  return rows.length > 0;
}

/** Whether the account is still a liaison of another department at this place (then its grant stays). */
export async function liaisonElsewhereAtPlace(tx: DbOrTx, accountId: number, placeId: number): Promise<boolean> {
  const [row] = await tx
    .select({ id: departmentLiaisons.id })
    .from(departmentLiaisons)
    .innerJoin(departments, eq(departments.id, departmentLiaisons.departmentId))
    .where(and(eq(departmentLiaisons.accountId, accountId), eq(departments.placeId, placeId)))
    .limit(1);
  return row !== undefined;
}

/** The departments the account is a liaison of. */
export async function liaisonDepartmentIds(db: DbOrTx, accountId: number): Promise<number[]> {
  const rows = await db
    .select({ id: departmentLiaisons.departmentId })
    .from(departmentLiaisons)
    .where(eq(departmentLiaisons.accountId, accountId));
  return rows.map((r) => r.id);
}

/** Every department registered inside a subtree (the place itself included). */
export async function departmentsInSubtree(db: DbOrTx, subtreePath: string): Promise<DepartmentRow[]> {
  return db
    .select(departmentColumns)
    .from(departments)
    .innerJoin(places, eq(places.id, departments.placeId))
    .where(inSubtree(departments.placePath, subtreePath))
    .orderBy(asc(places.depth), asc(places.name), asc(departments.name));
}
