import { and, count, desc, eq, sql } from 'drizzle-orm';
import { proxyLifecycle } from '../../../../domain/voting';
import type { DbOrTx } from '../../../db/client';
import { accounts, ballotElectors, ballotProxies, ballotVotes } from '../../../db/schema';

/** Did this proxy cast a vote that still counts (a named principal may have overridden it)? */
const proxyHasVoted = sql<boolean>`exists (select 1 from ${ballotVotes} where ${ballotVotes.proxyId} = ${ballotProxies.id})`;

/** One proxy, or a ballot's proxies, newest first, with the principal's label and the proxy's name. */
export async function proxyRows(db: DbOrTx, where: { proxyId: number } | { ballotId: number }) {
  return db
    .select({
      id: ballotProxies.id,
      electorId: ballotElectors.id,
      label: ballotElectors.label,
      proxyName: accounts.displayName,
      status: ballotProxies.status,
      hasVoted: proxyHasVoted,
      createdAt: ballotProxies.createdAt,
    })
    .from(ballotProxies)
    .innerJoin(ballotElectors, eq(ballotElectors.id, ballotProxies.principalElectorId))
    .innerJoin(accounts, eq(accounts.id, ballotProxies.proxyAccountId))
    .where('proxyId' in where ? eq(ballotProxies.id, where.proxyId) : eq(ballotProxies.ballotId, where.ballotId))
    .orderBy(desc(ballotProxies.id));
}

/** An active account by its phone or its id. */
export async function findActiveAccount(db: DbOrTx, by: { phone: string } | { accountId: number }) {
  const [account] = await db
    .select({ id: accounts.id, residentId: accounts.residentId })
    .from(accounts)
    .where(
      and('phone' in by ? eq(accounts.phone, by.phone) : eq(accounts.id, by.accountId), eq(accounts.isActive, true)),
    );
  return account;
}

/** Serialises registrations for one proxy account on one ballot (transaction-scoped advisory lock). */
export async function lockProxyHolder(tx: DbOrTx, ballotId: number, proxyAccountId: number) {
  await tx.execute(
    sql`select pg_advisory_xact_lock(hashtext('ballot-proxy'), hashtext(${`${ballotId}:${proxyAccountId}`}))`,
  );
}

/** The elector's counted vote, if any. */
export async function findElectorVote(db: DbOrTx, ballotId: number, electorId: number) {
  const [vote] = await db
    .select({ id: ballotVotes.id })
    .from(ballotVotes)
    .where(and(eq(ballotVotes.ballotId, ballotId), eq(ballotVotes.electorId, electorId)));
  return vote;
}

const activeOn = (ballotId: number) =>
  and(eq(ballotProxies.ballotId, ballotId), eq(ballotProxies.status, proxyLifecycle.state.active));

/** The principal's active proxy on the ballot, if any. */
export async function findActiveProxyOfPrincipal(db: DbOrTx, ballotId: number, principalElectorId: number) {
  const [proxy] = await db
    .select({ id: ballotProxies.id })
    .from(ballotProxies)
    .where(and(activeOn(ballotId), eq(ballotProxies.principalElectorId, principalElectorId)));
  return proxy;
}

/** How many principals the account holds an active proxy for on the ballot. */
export async function countPrincipalsHeld(db: DbOrTx, ballotId: number, proxyAccountId: number) {
  const [held] = await db
    .select({ n: count() })
    .from(ballotProxies)
    .where(and(activeOn(ballotId), eq(ballotProxies.proxyAccountId, proxyAccountId)));
  return held?.n ?? 0;
}

/** Inserts a proxy; undefined when the principal's unique active proxy already exists. */
export async function insertProxy(db: DbOrTx, values: typeof ballotProxies.$inferInsert) {
  const [row] = await db.insert(ballotProxies).values(values).onConflictDoNothing().returning({ id: ballotProxies.id });
  return row?.id;
}

/** The proxy, locked FOR UPDATE when `lock`. */
export async function findProxy(db: DbOrTx, proxyId: number, lock = false) {
  const query = db.select().from(ballotProxies).where(eq(ballotProxies.id, proxyId));
  const [proxy] = lock ? await query.for('update') : await query;
  return proxy;
}

/** The residents who make up an elector (the principal of a proxy). */
export async function findElectorResidents(db: DbOrTx, electorId: number) {
  const [elector] = await db
    .select({ residentIds: ballotElectors.residentIds })
    .from(ballotElectors)
    .where(eq(ballotElectors.id, electorId));
  return elector;
}

/** The vote this proxy cast, if it still counts. */
export async function findVoteByProxy(db: DbOrTx, proxyId: number) {
  const [vote] = await db.select({ id: ballotVotes.id }).from(ballotVotes).where(eq(ballotVotes.proxyId, proxyId));
  return vote;
}

export async function markProxyRevoked(tx: DbOrTx, proxyId: number, revokedAt: Date) {
  await tx.update(ballotProxies).set({ status: 'revoked', revokedAt }).where(eq(ballotProxies.id, proxyId));
}

/**
 * The account's active proxy for the principal, locked FOR SHARE (a revoke takes it FOR UPDATE: a
 * revoke and a proxy vote never both succeed).
 */
export async function findActiveProxyForShare(
  tx: DbOrTx,
  ballotId: number,
  principalElectorId: number,
  proxyAccountId: number,
) {
  const [proxy] = await tx
    .select({ id: ballotProxies.id })
    .from(ballotProxies)
    .where(
      and(
        eq(ballotProxies.ballotId, ballotId),
        eq(ballotProxies.principalElectorId, principalElectorId),
        eq(ballotProxies.proxyAccountId, proxyAccountId),
        eq(ballotProxies.status, proxyLifecycle.state.active),
      ),
    )
    .for('share');
  return proxy;
}
