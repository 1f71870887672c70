import { and, count, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../../../domain/access';
import type { Db, DbOrTx } from '../../../db/client';
import { accounts, ballotElectors, ballotProxies, ballots, ballotVotes } from '../../../db/schema';
import { AppError, invalid, notFound } from '../../../errors';
import type { FileStorage } from '../../../storage';
import { castVote, validateChoice } from '../casting/cast';
import { signalBallot } from '../../../plugins/live';
import { electorOf, loadBallotForStaff, logBallot, optionsOf, requireOpen } from '../ballots.channels';
import type { ProxyLetter } from './proxies.letter';
import type { ProxyView, ProxyVoteBody, RegisterProxyBody } from '../../../../contracts/ballot-proxies';
import { servableFile } from '../../../images';
import { clockNow } from '../../../clock';

/** Did this proxy cast a vote that still counts (a named principal may have overridden it)? */
const proxyHasVoted = sql<boolean>`exists (select 1 from ${ballotVotes} where ${ballotVotes.proxyId} = ${ballotProxies.id})`;

async function readProxies(tx: DbOrTx, where: SQL): Promise<ProxyView[]> {
  const rows = await tx
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
    .where(where)
    .orderBy(desc(ballotProxies.id));
  return rows.map((r) => ({
    id: r.id,
    principal: { electorId: r.electorId, label: r.label },
    proxyName: r.proxyName,
    status: r.status,
    hasVoted: Boolean(r.hasVoted),
    createdAt: r.createdAt.toISOString(),
  }));
}

/**
 * 委托代投: staff record that `proxyAccountId` votes for a principal, with the letter of authority.
 * One active proxy per principal (unique index), at most `proxyCap` principals per proxy (serialised
 * per proxy by an advisory lock), never the principal themself, never after the principal voted.
 */
export async function registerProxy(
  db: Db,
  storage: FileStorage,
  actor: Actor,
  ballotId: number,
  input: RegisterProxyBody,
  letter: ProxyLetter,
): Promise<ProxyView> {
  return db.transaction(async (tx) => {
    const ballot = await loadBallotForStaff(tx, actor, ballotId, 'ballot.manage');
    requireOpen(ballot);
    const principal = await electorOf(tx, ballot.id, input.principalElectorId, 'principalElectorId');
    const byPhone = input.proxyAccountId === undefined && input.proxyPhone !== undefined;
    const proxyField = byPhone ? 'proxyPhone' : 'proxyAccountId';
    const [proxy] =
      input.proxyAccountId === undefined && input.proxyPhone === undefined
        ? []
        : await tx
            .select({ id: accounts.id, residentId: accounts.residentId })
            .from(accounts)
            .where(
              and(
                byPhone ? eq(accounts.phone, input.proxyPhone!) : eq(accounts.id, input.proxyAccountId!),
                eq(accounts.isActive, true),
              ),
            );
    if (!proxy) throw invalid(proxyField, 'proxy.account_unknown');
    if (proxy.residentId !== null && principal.residentIds.includes(proxy.residentId)) {
      throw invalid(proxyField, 'proxy.self');
    }
    await tx.execute(
      sql`select pg_advisory_xact_lock(hashtext('ballot-proxy'), hashtext(${`${ballot.id}:${proxy.id}`}))`,
    );
    const [voted] = await tx
      .select({ id: ballotVotes.id })
      .from(ballotVotes)
      .where(and(eq(ballotVotes.ballotId, ballot.id), eq(ballotVotes.electorId, principal.id)));
    if (voted) throw new AppError(409, 'proxy.principal_voted');
    const active = and(eq(ballotProxies.ballotId, ballot.id), eq(ballotProxies.status, 'active'));
    const [existing] = await tx
      .select({ id: ballotProxies.id })
      .from(ballotProxies)
      .where(and(active, eq(ballotProxies.principalElectorId, principal.id)));
    if (existing) throw new AppError(409, 'proxy.exists');
    const [held] = await tx
      .select({ n: count() })
      .from(ballotProxies)
      .where(and(active, eq(ballotProxies.proxyAccountId, proxy.id)));
    if ((held?.n ?? 0) >= ballot.proxyCap) {
      throw new AppError(409, 'proxy.cap_reached', { params: { cap: ballot.proxyCap } });
    }
    const stored = await storage.put(letter.bytes);
    const [row] = await tx
      .insert(ballotProxies)
      .values({
        ballotId: ballot.id,
        principalElectorId: principal.id,
        proxyAccountId: proxy.id,
        letterSha256: stored.sha256,
        letterType: letter.contentType,
        registeredBy: actor.accountId,
      })
      .onConflictDoNothing()
      .returning({ id: ballotProxies.id });
    // A concurrent registration for the same principal won the unique index.
    if (!row) throw new AppError(409, 'proxy.exists');
    await logBallot(tx, {
      ballotId: ballot.id,
      accountId: actor.accountId,
      action: 'proxy.register',
      payload: {
        proxyId: row.id,
        principalElectorId: principal.id,
        proxyAccountId: proxy.id,
        letterSha256: stored.sha256,
      },
    });
    return (await readProxies(tx, eq(ballotProxies.id, row.id)))[0]!;
  });
}

/** The ballot's proxies, newest first (staff of its place). */
export async function listProxies(db: Db, actor: Actor, ballotId: number) {
  const ballot = await loadBallotForStaff(db, actor, ballotId, 'ballot.enterPaper');
  return { items: await readProxies(db, eq(ballotProxies.ballotId, ballot.id)) };
}

/** The stored 委托书 of a proxy, for staff of the ballot's place; every read is logged. */
export async function readProxyLetter(db: Db, storage: FileStorage, actor: Actor, proxyId: number) {
  const [proxy] = await db.select().from(ballotProxies).where(eq(ballotProxies.id, proxyId));
  if (!proxy) throw notFound('proxy');
  await loadBallotForStaff(db, actor, proxy.ballotId, 'ballot.enterPaper');
  const bytes = await storage.read(proxy.letterSha256);
  await logBallot(db, {
    ballotId: proxy.ballotId,
    accountId: actor.accountId,
    action: 'proxy.letter_read',
    payload: { proxyId: proxy.id },
  });
  return { contentType: proxy.letterType, bytes: await servableFile({ contentType: proxy.letterType, bytes }) };
}

/**
 * Staff or the principal withdraw a proxy before it was used. The proxy's vote takes the proxy row
 * FOR SHARE, this FOR UPDATE: a revoke and a proxy vote never both succeed.
 */
export async function revokeProxy(db: Db, actor: Actor, proxyId: number) {
  return db.transaction(async (tx) => {
    const [proxy] = await tx.select().from(ballotProxies).where(eq(ballotProxies.id, proxyId)).for('update');
    if (!proxy) throw notFound('proxy');
    const [ballot] = await tx.select().from(ballots).where(eq(ballots.id, proxy.ballotId));
    const [principal] = await tx
      .select({ residentIds: ballotElectors.residentIds })
      .from(ballotElectors)
      .where(eq(ballotElectors.id, proxy.principalElectorId));
    const isPrincipal = actor.residentId !== null && Boolean(principal?.residentIds.includes(actor.residentId));
    if (!isPrincipal) await loadBallotForStaff(tx, actor, proxy.ballotId, 'ballot.manage');
    requireOpen(ballot!);
    if (proxy.status === 'revoked') return { id: proxy.id, status: 'revoked' as const };
    const [used] = await tx.select({ id: ballotVotes.id }).from(ballotVotes).where(eq(ballotVotes.proxyId, proxy.id));
    if (used) throw new AppError(409, 'proxy.used');
    await tx
      .update(ballotProxies)
      .set({ status: 'revoked', revokedAt: clockNow() })
      .where(eq(ballotProxies.id, proxy.id));
    await logBallot(tx, {
      ballotId: proxy.ballotId,
      accountId: actor.accountId,
      action: 'proxy.revoke',
      payload: { proxyId: proxy.id, by: isPrincipal ? 'principal' : 'staff' },
    });
    return { id: proxy.id, status: 'revoked' as const };
  });
}

/**
 * The proxy votes for a principal: channel `proxy`. A named principal may still vote online
 * afterwards and replace it (castVote); on a secret ballot the proxy's vote stands once cast.
 */
export async function castProxyVote(db: Db, actor: Actor, ballotId: number, input: ProxyVoteBody) {
  return db.transaction(async (tx) => {
    const [ballot] = await tx.select().from(ballots).where(eq(ballots.id, ballotId));
    if (!ballot) throw notFound('ballot');
    requireOpen(ballot);
    const [proxy] = await tx
      .select({ id: ballotProxies.id })
      .from(ballotProxies)
      .where(
        and(
          eq(ballotProxies.ballotId, ballot.id),
          eq(ballotProxies.principalElectorId, input.principalElectorId),
          eq(ballotProxies.proxyAccountId, actor.accountId),
          eq(ballotProxies.status, 'active'),
        ),
      )
      .for('share');
    if (!proxy) throw new AppError(403, 'ballot.not_proxy');
    const choice = validateChoice(ballot, await optionsOf(tx, ballot.id), input);
    const cast = await castVote(tx, {
      ballot,
      electorId: input.principalElectorId,
      choice,
      channel: 'proxy',
      castBy: actor.accountId,
      proxyId: proxy.id,
      previousReceipt: input.receipt,
      mayReplace: ballot.allowsChange,
    });
    await signalBallot(tx, ballot.id, 'turnout');
    return { receipt: cast.receipt, channel: 'proxy' as const, castAt: cast.castAt };
  });
}
