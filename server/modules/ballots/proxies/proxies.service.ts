import type { Actor } from '../../../../domain/access';
import type { Db, DbOrTx } from '../../../db/client';
import { AppError, invalid, notFound } from '../../../errors';
import type { FileStorage } from '../../../storage';
import { castVote, validateChoice } from '../casting/cast';
import { signalBallot } from '../../../plugins/live';
import { electorOf, loadBallotForStaff, requireOpen } from '../ballots.channels';
import { ballotOptionsOf, findBallot, logBallot } from '../ballots.repository';
import {
  countPrincipalsHeld,
  findActiveAccount,
  findActiveProxyForShare,
  findActiveProxyOfPrincipal,
  findElectorResidents,
  findElectorVote,
  findProxy,
  findVoteByProxy,
  insertProxy,
  lockProxyHolder,
  markProxyRevoked,
  proxyRows,
} from './proxies.repository';
import type { ProxyLetter } from './proxies.letter';
import type { ProxyView, ProxyVoteBody, RegisterProxyBody } from '../../../../contracts/ballot-proxies';
import { servableFile } from '../../../images';
import { proxyLifecycle } from '../../../../domain/voting';
import { clockNow } from '../../../clock';

async function readProxies(tx: DbOrTx, where: { proxyId: number } | { ballotId: number }): Promise<ProxyView[]> {
  const rows = await proxyRows(tx, where);
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
    const proxy =
      input.proxyAccountId === undefined && input.proxyPhone === undefined
        ? undefined
        : await findActiveAccount(tx, byPhone ? { phone: input.proxyPhone! } : { accountId: input.proxyAccountId! });
    if (!proxy) throw invalid(proxyField, 'proxy.account_unknown');
    if (proxy.residentId !== null && principal.residentIds.includes(proxy.residentId)) {
      throw invalid(proxyField, 'proxy.self');
    }
    await lockProxyHolder(tx, ballot.id, proxy.id);
    const voted = await findElectorVote(tx, ballot.id, principal.id);
    if (voted) throw new AppError(409, 'proxy.principal_voted');
    const existing = await findActiveProxyOfPrincipal(tx, ballot.id, principal.id);
    if (existing) throw new AppError(409, 'proxy.exists');
    if ((await countPrincipalsHeld(tx, ballot.id, proxy.id)) >= ballot.proxyCap) {
      throw new AppError(409, 'proxy.cap_reached', { params: { cap: ballot.proxyCap } });
    }
    const stored = await storage.put(letter.bytes);
    const proxyId = await insertProxy(tx, {
      ballotId: ballot.id,
      principalElectorId: principal.id,
      proxyAccountId: proxy.id,
      letterSha256: stored.sha256,
      letterType: letter.contentType,
      registeredBy: actor.accountId,
    });
    // A concurrent registration for the same principal won the unique index.
    if (proxyId === undefined) throw new AppError(409, 'proxy.exists');
    await logBallot(tx, {
      ballotId: ballot.id,
      accountId: actor.accountId,
      action: 'proxy.register',
      payload: {
        proxyId,
        principalElectorId: principal.id,
        proxyAccountId: proxy.id,
        letterSha256: stored.sha256,
      },
    });
    return (await readProxies(tx, { proxyId }))[0]!;
  });
}

/** The ballot's proxies, newest first (staff of its place). */
export async function listProxies(db: Db, actor: Actor, ballotId: number) {
  const ballot = await loadBallotForStaff(db, actor, ballotId, 'ballot.enterPaper');
  return { items: await readProxies(db, { ballotId: ballot.id }) };
}

/** The stored 委托书 of a proxy, for staff of the ballot's place; every read is logged. */
export async function readProxyLetter(db: Db, storage: FileStorage, actor: Actor, proxyId: number) {
  const proxy = await findProxy(db, proxyId);
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
    const proxy = await findProxy(tx, proxyId, true);
    if (!proxy) throw notFound('proxy');
    const ballot = await findBallot(tx, proxy.ballotId);
    const principal = await findElectorResidents(tx, proxy.principalElectorId);
    const isPrincipal = actor.residentId !== null && Boolean(principal?.residentIds.includes(actor.residentId));
    if (!isPrincipal) await loadBallotForStaff(tx, actor, proxy.ballotId, 'ballot.manage');
    requireOpen(ballot!);
    if (proxyLifecycle.is.revoked(proxy.status)) return { id: proxy.id, status: 'revoked' as const };
    const used = await findVoteByProxy(tx, proxy.id);
    if (used) throw new AppError(409, 'proxy.used');
    await markProxyRevoked(tx, proxy.id, clockNow());
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
    const ballot = await findBallot(tx, ballotId);
    if (!ballot) throw notFound('ballot');
    requireOpen(ballot);
    const proxy = await findActiveProxyForShare(tx, ballot.id, input.principalElectorId, actor.accountId);
    if (!proxy) throw new AppError(403, 'ballot.not_proxy');
    const choice = validateChoice(ballot, await ballotOptionsOf(tx, ballot.id), input);
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
