/** The demo departments' own lookups: who acts, where to refer, and which tasks to refer. */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Actor, Role } from '../../domain/access';
import { matterLifecycle } from '../../domain/matters/stages';
import type { DbOrTx } from '../db/client';
import { isState } from '../db/lifecycle-sql';
import { accounts, departments, matters, places, roleGrants, tasks } from '../db/schema';

/** The account using `phone` as an Actor with its grants. */
export async function actorByPhone(db: DbOrTx, phone: string): Promise<Actor> {
  const [account] = await db.select().from(accounts).where(eq(accounts.phone, phone));
  if (!account) throw new Error(`demo account ${phone} is missing`);
  return actorOf(db, account.id, account.residentId);
}

/** An account as an Actor with its grants. */
export async function actorOf(db: DbOrTx, accountId: number, residentId: number | null = null): Promise<Actor> {
  const grants = await db
    .select({ role: roleGrants.role, placeId: places.id, placePath: places.path })
    .from(roleGrants)
    .innerJoin(places, eq(places.id, roleGrants.placeId))
    .where(eq(roleGrants.accountId, accountId));
  return { accountId, residentId, grants: grants.map((g) => ({ ...g, role: g.role as Role })) };
}

/** Whether any department is registered. */
export async function hasDepartments(db: DbOrTx): Promise<boolean> {
  const [row] = await db.select({ id: departments.id }).from(departments).limit(1);
  return row !== undefined;
}

/** Places of a kind, by code. */
export async function placesOfKind(db: DbOrTx, kind: 'city' | 'town') {
  return db.select().from(places).where(eq(places.kind, kind)).orderBy(asc(places.code));
}

/** The departments of the town (or city) above a place, nearest first, by name. */
export async function departmentsAbove(db: DbOrTx, placePath: string) {
  return db
    .select({ id: departments.id, name: departments.name, placePath: departments.placePath })
    .from(departments)
    .where(sql`${placePath} like ${departments.placePath} || '%'`)
    .orderBy(sql`length(${departments.placePath}) desc`, asc(departments.name));
}

/** Tasks of implementing matters inside a subtree, with the community convenor running each matter. */
export async function referableTasks(db: DbOrTx, subtreePath: string) {
  return db
    .select({
      taskId: tasks.id,
      matterId: matters.id,
      placePath: matters.placePath,
      convenorAccountId: matters.convenorAccountId,
    })
    .from(tasks)
    .innerJoin(matters, eq(matters.id, tasks.matterId))
    .where(
      and(
        sql`${matters.placePath} like ${subtreePath} || '%'`,
        isState(matters.status, matterLifecycle.state.implementing),
        sql`${matters.convenorAccountId} is not null`,
      ),
    )
    .orderBy(asc(tasks.id));
}
