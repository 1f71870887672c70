import type { Db, DbOrTx } from '../../../db/client';
import { ballotLifecycle, isClosableBallot, isPastClose, statusAfterDeadline } from '../../../../domain/voting';
import { AppError, invalid } from '../../../errors';
import { signalBallot } from '../../../plugins/live';
import { appendMatterEvent, findMatter } from '../../matters';
import type { BallotRow } from '../casting/cast';
import { forgetPaperChoices, unsettledPapers } from '../papers/papers.service';
import { findBallot, logBallot } from '../ballots.repository';
import type { BallotResult } from '../../../../contracts/ballots';
import { tallyBallot } from './tally';
import { clockNow } from '../../../clock';
import { sha256 } from '../../../hash';
import { markBallotClosed, markBallotCounting, shuffleSecretChoices } from './tally.repository';

/** SHA-256 of the stored result's JSON: what the matter's audit chain records. */
export const resultDigest = (result: BallotResult) => sha256(JSON.stringify(result));

/**
 * Closes an open or counting ballot: tallies it, stores the result and its digest, logs it and (matter
 * ballots) appends `ballot.close` to the matter's chain, all in one transaction. Refused (409
 * `ballot.papers_unsettled`, with the counts) while any paper is pending or mismatched: void one with a
 * reason to settle it. Idempotent and safe from many app nodes at once: the ballot row lock (FOR
 * UPDATE) waits for votes and paper entries in flight and whoever comes second finds it closed and
 * returns it as it is. `by` is null for the deadline job. `guard` runs under the lock (early close:
 * may it close now?).
 */
export async function closeBallot(
  db: Db,
  ballotId: number,
  by: number | null,
  guard?: (tx: DbOrTx, ballot: BallotRow) => Promise<void>,
): Promise<BallotRow | undefined> {
  return db.transaction(async (tx) => closeBallotIn(tx, ballotId, by, guard));
}

/** The ballot locked (matter first, as every matter command that touches a ballot does), or undefined. */
async function lockBallot(tx: DbOrTx, ballotId: number) {
  const first = await findBallot(tx, ballotId);
  if (!first || !isClosableBallot(first.status)) return first;
  if (first.matterId !== null) await findMatter(tx, first.matterId, true);
  return findBallot(tx, ballotId, true);
}

/** closeBallot inside the caller's transaction (e.g. a matter command that already holds the matter). */
export async function closeBallotIn(
  tx: DbOrTx,
  ballotId: number,
  by: number | null,
  guard?: (tx: DbOrTx, ballot: BallotRow) => Promise<void>,
): Promise<BallotRow | undefined> {
  const ballot = await lockBallot(tx, ballotId);
  if (!ballot || !isClosableBallot(ballot.status)) return ballot;
  await guard?.(tx, ballot);
  const unsettled = await unsettledPapers(tx, ballotId);
  if (unsettled.pending + unsettled.mismatch > 0) {
    throw new AppError(409, 'ballot.papers_unsettled', { params: unsettled, details: unsettled });
  }
  if (ballot.secrecy === 'secret') {
    await shuffleSecretChoices(tx, ballotId);
    await forgetPaperChoices(tx, ballotId);
  }
  const result = await tallyBallot(tx, ballot);
  const digest = resultDigest(result);
  const closed = await markBallotClosed(tx, ballotId, {
    closedAt: clockNow(),
    closedBy: by,
    result,
    resultDigest: digest,
  });
  const payload = {
    ballotId,
    outcome: result.outcome,
    resultDigest: digest,
    early: by !== null && ballotLifecycle.is.open(ballot.status),
    ...(ballotLifecycle.is.counting(ballot.status) ? { afterCounting: true } : {}),
  };
  await logBallot(tx, { ballotId, accountId: by, action: 'ballot.close', payload });
  if (ballot.matterId !== null) {
    await appendMatterEvent(tx, { matterId: ballot.matterId, actorAccountId: by, action: 'ballot.close', payload });
  }
  await signalBallot(tx, ballotId, 'closed');
  return closed;
}

/**
 * At the closing time: an open ballot with papers in use moves to counting (计票中; logged, chained,
 * signalled), any other closes. Staff close the count later (closeBallot). Idempotent like closeBallot.
 */
export async function passDeadlineIn(tx: DbOrTx, ballotId: number): Promise<BallotRow | undefined> {
  const ballot = await lockBallot(tx, ballotId);
  if (!ballot || !isPastClose(ballot, clockNow())) return ballot;
  if (statusAfterDeadline(ballot) === 'closed') return closeBallotIn(tx, ballotId, null);
  const counting = await markBallotCounting(tx, ballotId);
  const payload = { ballotId, closesAt: ballot.closesAt.toISOString() };
  await logBallot(tx, { ballotId, accountId: null, action: 'ballot.counting', payload });
  if (ballot.matterId !== null) {
    await appendMatterEvent(tx, {
      matterId: ballot.matterId,
      actorAccountId: null,
      action: 'ballot.counting',
      payload,
    });
  }
  await signalBallot(tx, ballotId, 'counting');
  return counting;
}

export const passDeadline = (db: Db, ballotId: number) => db.transaction((tx) => passDeadlineIn(tx, ballotId));

/** A ballot past its closing time moves on (counting or closed) on first touch, whether or not the job has run. */
export async function closeIfDue(db: Db, ballot: BallotRow): Promise<BallotRow> {
  if (!isPastClose(ballot, clockNow())) return ballot;
  return (await passDeadline(db, ballot.id)) ?? ballot;
}

/**
 * A resolution resting on a ballot names a closed ballot of the same matter (one due moves on now,
 * inside the caller's transaction): 400 `resolution.ballot_mismatch` / `resolution.ballot_not_closed`.
 */
export async function requireClosedBallotOf(tx: DbOrTx, matterId: number, ballotId: number): Promise<BallotRow> {
  let ballot = await findBallot(tx, ballotId);
  if (!ballot || ballot.matterId !== matterId) throw invalid('ballotId', 'resolution.ballot_mismatch');
  if (isPastClose(ballot, clockNow())) {
    ballot = (await passDeadlineIn(tx, ballotId)) ?? ballot;
  }
  if (!ballotLifecycle.is.closed(ballot.status)) throw invalid('ballotId', 'resolution.ballot_not_closed');
  return ballot;
}
