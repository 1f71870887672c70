import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Role } from '../../../domain/access';
import type { DbOrTx } from '../../db/client';
import { accounts, matterOversight, matters, places, roleGrantEvents, roleGrants } from '../../db/schema';
import { clockNow } from '../../clock';
import { inSubtree } from '../../db/subtree';
import { readTogether } from '../../db/together';
import { signalSession } from '../../plugins/live';

export type GrantEventInput = {
  accountId: number;
  role: Role;
  place: { id: number; path: string };
  kind: 'granted' | 'revoked';
  actor: { accountId: number } | { label: string };
  reason?: string | undefined;
};

/** Appends one row to the record of grants (任免记录); call it inside the transaction that changes the grant. */
export async function recordGrantEvent(tx: DbOrTx, event: GrantEventInput): Promise<void> {
  await tx.insert(roleGrantEvents).values({
    accountId: event.accountId,
    role: event.role,
    placeId: event.place.id,
    placePath: event.place.path,
    kind: event.kind,
    actorAccountId: 'accountId' in event.actor ? event.actor.accountId : null,
    actorLabel: 'label' in event.actor ? event.actor.label : null,
    reason: event.reason ?? '',
  });
}

/** The account's grants with their place paths, its row locked so two grants to it cannot cross. */
export async function lockAccountGrants(tx: DbOrTx, accountId: number) {
  await tx.select({ id: accounts.id }).from(accounts).where(eq(accounts.id, accountId)).for('update');
  return tx
    .select({ role: roleGrants.role, placePath: places.path })
    .from(roleGrants)
    .innerJoin(places, eq(places.id, roleGrants.placeId))
    .where(eq(roleGrants.accountId, accountId));
}

/** Inserts a grant; undefined when the account already holds that role on the place. */
export async function insertGrant(tx: DbOrTx, grant: { accountId: number; role: Role; placeId: number }) {
  const [granted] = await tx.insert(roleGrants).values(grant).onConflictDoNothing().returning({ id: roleGrants.id });
  if (granted) await signalSession(tx, { accountId: grant.accountId });
  return granted?.id;
}

/** Deletes the account's grant of `role` on the place; false when it held none. */
export async function deleteGrant(
  tx: DbOrTx,
  grant: { accountId: number; role: Role; placeId: number },
): Promise<boolean> {
  const ended = await tx
    .delete(roleGrants)
    .where(
      and(
        eq(roleGrants.accountId, grant.accountId),
        eq(roleGrants.role, grant.role),
        eq(roleGrants.placeId, grant.placeId),
      ),
    )
    .returning({ id: roleGrants.id });
  if (ended.length > 0) await signalSession(tx, { accountId: grant.accountId });
  return ended.length > 0;
}

/** The active account using this phone, if any. */
export async function activeAccountByPhone(db: DbOrTx, phone: string) {
  const [account] = await db
    .select({ id: accounts.id })
    .from(accounts)
    .where(and(eq(accounts.phone, phone), eq(accounts.isActive, true)));
  return account;
}

/**
 * Ends the account's oversight of matters in the subtree that no supervisor grant of theirs reaches
 * any more. The rows stay (with `ended_at`), so the matter still shows who oversaw it and until when.
 */
export async function endOrphanedOversight(tx: DbOrTx, accountId: number, subtreePath: string): Promise<number> {
  const ended = await tx
    .update(matterOversight)
    .set({ endedAt: clockNow() })
    .where(
      and(
        eq(matterOversight.supervisorAccountId, accountId),
        sql`${matterOversight.endedAt} is null`,
        sql`${matterOversight.matterId} in (
          select m.id from ${matters} m
          where ${inSubtree(sql`m.place_path`, subtreePath)}
            and not exists (
              select 1 from ${roleGrants} g join ${places} p on p.id = g.place_id
              where g.account_id = ${accountId} and g.role = 'supervisor' and ${inSubtree(sql`m.place_path`, sql`p.path`)}))`,
      ),
    )
    .returning({ id: matterOversight.id });
  return ended.length;
}

/** One page of the record of grants on the subtree, newest first, with the names it shows. */
export async function grantEventsPage(db: DbOrTx, subtreePath: string, window: { limit: number; offset: number }) {
  const within = inSubtree(roleGrantEvents.placePath, subtreePath);
  const actorName = sql<
    string | null
  >`(select display_name from ${accounts} a where a.id = ${roleGrantEvents.actorAccountId})`;
  const [rows, [count]] = await readTogether(db, [
    () =>
      db
        .select({
          event: roleGrantEvents,
          placeName: places.name,
          accountName: accounts.displayName,
          accountPhone: accounts.phone,
          actorName,
        })
        .from(roleGrantEvents)
        .innerJoin(accounts, eq(accounts.id, roleGrantEvents.accountId))
        .innerJoin(places, eq(places.id, roleGrantEvents.placeId))
        .where(within)
        .orderBy(desc(roleGrantEvents.at), desc(roleGrantEvents.id))
        .limit(window.limit)
        .offset(window.offset),
    () =>
      db
        .select({ total: sql<number>`count(*)::int` })
        .from(roleGrantEvents)
        .where(within),
  ]);
  return { rows, total: count?.total ?? 0 };
}

/** The grants (role and place path) of each of these accounts, in one query. */
export async function grantsOfAccounts(db: DbOrTx, accountIds: readonly number[]) {
  if (accountIds.length === 0) return new Map<number, { role: Role; placePath: string }[]>();
  const rows = await db
    .select({ accountId: roleGrants.accountId, role: roleGrants.role, placePath: places.path })
    .from(roleGrants)
    .innerJoin(places, eq(places.id, roleGrants.placeId))
    .where(inArray(roleGrants.accountId, [...accountIds]));
  const byAccount = new Map<number, { role: Role; placePath: string }[]>();
  for (const r of rows) byAccount.set(r.accountId, [...(byAccount.get(r.accountId) ?? []), r]);
  return byAccount;
}
