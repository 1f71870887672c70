import { areaFromHundredths } from '../../../domain/territory/dwellings';
import type { AuditAction } from '../../../domain/matters/audit-actions';
import { can, type Actor } from '../../../domain/access';
import { ballotLifecycle, checkNoticePeriod, isBallotOver } from '../../../domain/voting';
import { todayInChina } from '../../calendar';
import type { Db, DbOrTx } from '../../db/client';
import { AppError, invalid } from '../../errors';
import { appendMatterEvent, findMatter } from '../matters';
import { findPlace } from '../places';
import { loadBallot } from './ballots.access';
import type { BallotRow } from './casting/cast';
import { closeBallot, closeIfDue } from './tally/close';
import { buildElectorate, storeElectorate } from './setup/electorate';
import { ballotRule, effectiveStatus, presentRule, presentSummary, storedResult } from './ballots.presenter';
import {
  ballotOptionsOf,
  ballotTurnout,
  electorPage,
  electorsOfResident,
  logBallot,
  markBallotOpen,
  placeName,
  principalsOf,
  setBallotClosesAt,
  topicNoticeDay,
} from './ballots.repository';
import { paperCounts } from './papers/papers.view';
import type { BallotView, OpenBody } from '../../../contracts/ballots';
import { clockNow } from '../../clock';

/** BallotView: counts only before close, the stored result after; the actor's own part in it. */
export async function readBallotView(db: Db, actor: Actor, ballotId: number): Promise<BallotView> {
  const loaded = await loadBallot(db, actor, ballotId);
  const ballot = await closeIfDue(db, loaded.ballot);
  const options = await ballotOptionsOf(db, ballot.id);
  const status = effectiveStatus(ballot);
  const t = ballotLifecycle.is.draft(ballot.status) ? null : await ballotTurnout(db, ballot.id);
  const mine = actor.residentId && t ? await electorsOfResident(db, ballot.id, actor.residentId) : [];
  const voted = mine.find((e) => e.channel !== null);
  const mayStillVote = mine.some(
    // As castVote decides: a first vote, a change of one's own online vote, or overriding one's proxy (named).
    (e) =>
      e.channel === null ||
      (ballot.allowsChange && e.channel === 'online') ||
      (e.channel === 'proxy' && ballot.secrecy === 'named'),
  );
  const principals = t ? await principalsOf(db, ballot.id, actor.accountId) : [];
  const enterPaper = can(actor, 'ballot.enterPaper', loaded.subject);
  return {
    ballot: presentSummary(ballot, options, await placeName(db, ballot.scopePlaceId)),
    rule: presentRule(ballotRule(ballot)),
    electorate: t ? { heads: t.heads, area: areaFromHundredths(t.area), households: t.households } : null,
    turnout: {
      heads: { voted: t?.votedHeads ?? 0, total: t?.heads ?? 0 },
      area: { voted: areaFromHundredths(t?.votedArea ?? 0n), total: areaFromHundredths(t?.area ?? 0n) },
      households: { voted: t?.votedHouseholds ?? 0, total: t?.households ?? 0 },
    },
    me: {
      electorIds: mine.map((e) => e.id),
      canVote: ballotLifecycle.is.open(status) && mayStillVote,
      hasVoted: voted !== undefined,
      channel: voted?.channel ?? null,
      proxyFor: principals.map((p) => ({ electorId: p.electorId, label: p.label, hasVoted: p.voteId !== null })),
    },
    abilities: { 'ballot.manage': can(actor, 'ballot.manage', loaded.subject), 'ballot.enterPaper': enterPaper },
    papers: enterPaper && !ballotLifecycle.is.draft(ballot.status) ? await paperCounts(db, ballot.id) : null,
    result: storedResult(ballot),
  };
}

/**
 * A staff write on a ballot: locks it, checks `ballot.manage`, writes, logs it in the ballot log and,
 * for a matter's ballot, appends `audit` to the matter's chain (matter locked first) — one transaction.
 */
async function ballotCommand(
  db: Db,
  actor: Actor,
  ballotId: number,
  audit: Extract<AuditAction, `ballot.${string}`>,
  write: (tx: DbOrTx, ballot: BallotRow) => Promise<Record<string, unknown>>,
) {
  const { ballot: seen } = await loadBallot(db, actor, ballotId, 'ballot.manage');
  await db.transaction(async (tx) => {
    if (seen.matterId !== null) {
      await findMatter(tx, seen.matterId, true); // the matter row first, as its stage commands lock it
    }
    const { ballot } = await loadBallot(tx, actor, ballotId, 'ballot.manage', true);
    const payload = { ballotId, ...(await write(tx, ballot)) };
    await logBallot(tx, { ballotId, accountId: actor.accountId, action: audit, payload });
    if (ballot.matterId !== null) {
      await appendMatterEvent(tx, {
        matterId: ballot.matterId,
        actorAccountId: actor.accountId,
        action: audit,
        payload,
      });
    }
  });
  return readBallotView(db, actor, ballotId);
}

/**
 * A rule with notice days (村民会议: 10) opens only once they have passed since the topic notice:
 * else 409 `ballot.notice_period` naming the day it may open (or `ballot.notice_missing`), unless
 * staff override with a reason — returned to be stored on the ballot, its log and the matter's chain.
 */
async function noticeOverrideFor(tx: DbOrTx, ballot: BallotRow, body: OpenBody) {
  const noticeDays = ballotRule(ballot).noticeDays;
  if (!noticeDays) return null;
  const noticeDay = ballot.matterId === null ? null : await topicNoticeDay(tx, ballot.matterId);
  const check = checkNoticePeriod({ noticeDays, noticeDay, now: clockNow() });
  if (check.ok) return null;
  const opensOn = check.reason === 'too_early' ? check.opensOn : null;
  if (!body?.noticeOverride) {
    const code = opensOn ? 'ballot.notice_period' : 'ballot.notice_missing';
    throw new AppError(409, code, { params: { noticeDays, opensOn: opensOn ?? '' }, details: { opensOn, noticeDays } });
  }
  return { reason: body.noticeOverride.reason, opensOn };
}

/** draft → open: the electorate is fixed now (ages on today's date in China), after the notice rule. */
export async function openBallot(db: Db, actor: Actor, ballotId: number, body: OpenBody = undefined) {
  return ballotCommand(db, actor, ballotId, 'ballot.open', async (tx, ballot) => {
    if (!ballotLifecycle.is.draft(ballot.status)) throw new AppError(409, 'ballot.not_draft');
    if (ballot.closesAt.getTime() <= clockNow().getTime()) throw invalid('closesAt', 'ballot.closes_in_past');
    const noticeOverride = await noticeOverrideFor(tx, ballot, body);
    const scope = ballot.scopePlaceId ? await findPlace(tx, ballot.scopePlaceId) : undefined;
    const day = todayInChina();
    const electors = await buildElectorate(tx, ballot, scope?.path ?? null, day);
    if (electors.length === 0) throw new AppError(409, 'ballot.electorate_empty');
    await storeElectorate(tx, ballot.id, electors);
    await markBallotOpen(tx, ballot.id, { openedAt: clockNow(), noticeOverride });
    const households = new Set(electors.flatMap((e) => (e.householdId === null ? [] : [e.householdId]))).size;
    const area = electors.reduce((sum, e) => sum + e.areaCenti, 0n);
    return {
      day,
      electorate: { heads: electors.length, area: areaFromHundredths(area), households },
      ...(noticeOverride ? { noticeOverride } : {}),
    };
  });
}

/** A later closing time, with the reason on record. */
export async function extendBallot(
  db: Db,
  actor: Actor,
  ballotId: number,
  input: { closesAt: string; reason: string },
) {
  return ballotCommand(db, actor, ballotId, 'ballot.extend', async (tx, ballot) => {
    // Counting has begun (papers are being settled) or the ballot closed: the deadline stays.
    const status = effectiveStatus(ballot);
    if (isBallotOver(status)) throw new AppError(409, 'ballot.closed');
    const closesAt = new Date(input.closesAt);
    if (closesAt.getTime() <= Math.max(clockNow().getTime(), ballot.closesAt.getTime())) {
      throw invalid('closesAt', 'ballot.extend_earlier');
    }
    await setBallotClosesAt(tx, ballot.id, closesAt);
    return { from: ballot.closesAt.toISOString(), to: closesAt.toISOString(), reason: input.reason };
  });
}

/**
 * Early close (consultation rules any time, statutory ones once every elector has voted), or closing
 * the count after the deadline: refused while any paper is pending or mismatched.
 */
export async function closeEarly(db: Db, actor: Actor, ballotId: number) {
  const { ballot } = await loadBallot(db, actor, ballotId, 'ballot.manage');
  if (ballotLifecycle.is.draft(ballot.status)) throw new AppError(409, 'ballot.not_open');
  let closedNow = false;
  await closeBallot(db, ballot.id, actor.accountId, async (tx, locked) => {
    closedNow = true;
    if (!ballotRule(locked).isStatutory || locked.closesAt.getTime() <= clockNow().getTime()) return;
    const t = await ballotTurnout(tx, locked.id);
    if (t.votedHeads < t.heads) throw new AppError(409, 'ballot.early_close_not_allowed');
  });
  if (!closedNow) throw new AppError(409, 'ballot.closed');
  return readBallotView(db, actor, ballotId);
}

/**
 * The electorate for staff, paged, searchable by label, with who has voted and how (never what).
 * Every read of a secret ballot's electorate is logged.
 */
export async function listElectors(
  db: Db,
  actor: Actor,
  ballotId: number,
  query: { page: number; pageSize: number; q?: string; voted?: 'true' | 'false' },
) {
  const { ballot } = await loadBallot(db, actor, ballotId, 'ballot.enterPaper');
  const { rows, total } = await electorPage(
    db,
    ballot.id,
    { q: query.q, voted: query.voted },
    { page: query.page, pageSize: query.pageSize },
  );
  if (ballot.secrecy === 'secret') {
    await logBallot(db, {
      ballotId: ballot.id,
      accountId: actor.accountId,
      action: 'electors.read',
      payload: { page: query.page, q: query.q ?? null, voted: query.voted ?? null },
    });
  }
  return {
    items: rows.map((r) => ({
      id: r.id,
      key: r.key,
      label: r.label,
      area: areaFromHundredths(r.area),
      householdId: r.householdId,
      hasVoted: r.channel !== null,
      channel: r.channel,
    })),
    total,
  };
}
