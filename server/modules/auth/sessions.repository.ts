import { and, eq, gt, lt, ne, sql } from 'drizzle-orm';
import type { Grant } from '../../../domain/access';
import type { Db, DbOrTx } from '../../db/client';
import { accounts, places, roleGrants, sessions } from '../../db/schema';
import { signalSession } from '../../plugins/live';

// The session plugin (server/plugins/session.ts) imports this file directly, not through the module's
// index: auth.routes imports the plugin, so going through index.ts would be an import cycle.

/** A role grant as the session holds it: the actor's grant and the name and kind of its place. */
export type SessionGrant = Grant & { placeName: string; placeKind: string };

/** The account's role grants with their place paths: the actor's grants. */
export async function actorGrants(db: DbOrTx, accountId: number) {
  return db
    .select({ role: roleGrants.role, placeId: roleGrants.placeId, placePath: places.path })
    .from(roleGrants)
    .innerJoin(places, eq(places.id, roleGrants.placeId))
    .where(eq(roleGrants.accountId, accountId));
}

/**
 * The live session with this token hash, its account and the account's grants, as a statement
 * prepared by name (`session_actor`) on each connection: every API request runs it. Execute it with
 * `{ tokenHash }`.
 */
export function prepareSessionLookup(db: Db) {
  return db
    .select({
      sessionId: sessions.id,
      expiresAt: sessions.expiresAt,
      id: accounts.id,
      displayName: accounts.displayName,
      phone: accounts.phone,
      residentId: accounts.residentId,
      locale: accounts.locale,
      isActive: accounts.isActive,
      isDemo: accounts.isDemo,
      mustChangePassword: accounts.mustChangePassword,
      hasPassword: sql<boolean>`${accounts.passwordHash} is not null`,
      // The actor's grants in the same round trip (as actorGrants reads them), with what GET
      // /api/session shows of their places: every API request pays this lookup, so one query.
      grants: sql<SessionGrant[]>`coalesce((
          select json_agg(json_build_object('role', g.role, 'placeId', g.place_id, 'placePath', p.path,
                                            'placeName', p.name, 'placeKind', p.kind) order by g.id)
          from ${roleGrants} g join ${places} p on p.id = g.place_id
          where g.account_id = ${accounts.id}), '[]'::json)`,
    })
    .from(sessions)
    .innerJoin(accounts, eq(accounts.id, sessions.accountId))
    .where(and(eq(sessions.tokenHash, sql.placeholder('tokenHash')), gt(sessions.expiresAt, sql`now()`)))
    .prepare('session_actor');
}

/** Moves each session's expiry to its slide's, in one statement; never backwards. */
export async function slideSessionExpiries(
  db: DbOrTx,
  slides: readonly { sessionId: number; expiresAt: Date }[],
): Promise<void> {
  await db.execute(sql`
    update ${sessions} s set expires_at = v.expires_at
    from unnest(${sql.param(slides.map((x) => x.sessionId))}::int[],
                ${sql.param(slides.map((x) => x.expiresAt.toISOString()))}::timestamptz[]) v(id, expires_at)
    where s.id = v.id and s.expires_at < v.expires_at`);
}

/** Deletes the sessions past their expiry (by the database's clock). */
export async function deleteExpiredSessions(tx: DbOrTx): Promise<void> {
  await tx.delete(sessions).where(lt(sessions.expiresAt, sql`now()`));
}

export async function insertSession(tx: DbOrTx, session: { tokenHash: string; accountId: number; expiresAt: Date }) {
  await tx.insert(sessions).values(session);
}

/** Ends one session (a logout), and says so to every app process's session cache. */
export async function deleteSessionByTokenHash(db: DbOrTx, tokenHash: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
    await signalSession(tx, { tokenHash });
  });
}

/** Ends every session of the account. */
export async function deleteSessionsOf(tx: DbOrTx, accountId: number): Promise<void> {
  await tx.delete(sessions).where(eq(sessions.accountId, accountId));
  await signalSession(tx, { accountId });
}

/** Ends every session of the account but the one with this token hash. */
export async function deleteOtherSessionsOf(tx: DbOrTx, accountId: number, keptTokenHash: string): Promise<void> {
  await tx.delete(sessions).where(and(eq(sessions.accountId, accountId), ne(sessions.tokenHash, keptTokenHash)));
  await signalSession(tx, { accountId });
}
