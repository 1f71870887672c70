/**
 * The seed's own SQL around the module commands it drives: the seeding locks and counts, the reset,
 * the record of demo grants and the lookups the demo matters start from.
 */
import { asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import {
  accounts,
  demonstrationSchemes,
  invitations,
  matters,
  places,
  roleGrantEvents,
  roleGrants,
} from '../db/schema';
import { inSubtree } from '../db/subtree';

export async function countPlaces(db: DbOrTx): Promise<number> {
  const { rows } = await db.execute<{ n: number }>(sql`select count(*)::int as n from ${places}`);
  return rows[0]?.n ?? 0;
}

export async function countMatters(db: DbOrTx): Promise<number> {
  const { rows } = await db.execute<{ n: number }>(sql`select count(*)::int as n from ${matters}`);
  return rows[0]?.n ?? 0;
}

/** Whether any demo account exists. */
export async function demoAccountsExist(db: DbOrTx): Promise<boolean> {
  const { rows } = await db.execute<{ found: boolean }>(
    sql`select exists(select 1 from ${accounts} where is_demo) as found`,
  );
  return rows[0]?.found ?? false;
}

/** Takes a transaction-scoped advisory lock (released at commit or rollback). */
export async function takeSeedLock(tx: DbOrTx, key: number): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${key})`);
}

/** Empties every table of the public schema (identities restarted). */
export async function truncatePublicTables(tx: DbOrTx): Promise<void> {
  const { rows } = await tx.execute<{ name: string }>(
    sql`select quote_ident(tablename) as name from pg_tables where schemaname = 'public' order by tablename`,
  );
  if (rows.length > 0)
    await tx.execute(sql.raw(`truncate ${rows.map((r) => r.name).join(', ')} restart identity cascade`));
}

/** The password hash of the account with this phone, if any. */
export async function passwordHashByPhone(db: DbOrTx, phone: string) {
  const [row] = await db.select({ hash: accounts.passwordHash }).from(accounts).where(eq(accounts.phone, phone));
  return row?.hash;
}

/** Every community, by code. */
export async function communityPlaces(db: DbOrTx) {
  return db.select().from(places).where(eq(places.kind, 'community')).orderBy(asc(places.code));
}

/** The ids of a matter's invitations, in order. */
export async function invitationIdsOf(db: DbOrTx, matterId: number) {
  return db
    .select({ id: invitations.id })
    .from(invitations)
    .where(eq(invitations.matterId, matterId))
    .orderBy(asc(invitations.id));
}

/**
 * Writes the record of grants (任免记录) for the demo's staff and supervisor grants that have none
 * yet: each as granted by the nearest officer above the place (the town officer for a community),
 * or as held before the record began where no officer is above it. Idempotent.
 */
export async function recordDemoGrants(db: DbOrTx): Promise<void> {
  await db.execute(sql`
    insert into ${roleGrantEvents} (account_id, role, place_id, place_path, kind, actor_account_id, actor_label, at)
    select g.account_id, g.role, g.place_id, p.path, 'granted', officer.account_id,
      case when officer.account_id is null then 'before-record' end, g.created_at
    from ${roleGrants} g
    join ${places} p on p.id = g.place_id
    left join lateral (
      select og.account_id from ${roleGrants} og join ${places} op on op.id = og.place_id
      where og.role in ('town_officer', 'city_officer', 'admin') and og.account_id <> g.account_id
        and op.path <> p.path and ${inSubtree(sql`p.path`, sql`op.path`)}
      order by length(op.path) desc, og.account_id limit 1
    ) officer on true
    where g.role not in ('resident', 'member')
      and not exists (select 1 from ${roleGrantEvents} e
        where e.account_id = g.account_id and e.role = g.role and e.place_id = g.place_id)`);
}

/** How many assessment schemes (示范社区创建) exist: the demo year is written once. */
export async function countDemonstrationSchemes(db: DbOrTx): Promise<number> {
  const { rows } = await db.execute<{ n: number }>(sql`select count(*)::int as n from ${demonstrationSchemes}`);
  return rows[0]?.n ?? 0;
}
