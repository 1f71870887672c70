import { eq, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../../db/client';
import { ballotLog, ballots, ballotSecretChoices, matters } from '../../../db/schema';
import { statusAfterDeadline } from '../../../../domain/voting';
import { AppError, invalid } from '../../../errors';
import { signalBallot } from '../../../plugins/live';
import { appendMatterEvent } from '../../matters';
import type { BallotRow } from '../casting/cast';
import { forgetPaperChoices, unsettledPapers } from '../papers/papers.service';
import { findBallot } from '../ballots.repository';
import type { BallotResult } from '../../../../contracts/ballots';
import { tallyBallot } from './tally';
import { clockNow } from '../../../clock';
import { sha256 } from '../../../hash';

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

const isClosable = (status: BallotRow['status']) => status === 'open' || status === 'counting';

/** The ballot locked (matter first, as every matter command that touches a ballot does), or undefined. */
async function lockBallot(tx: DbOrTx, ballotId: number) {
  const first = await findBallot(tx, ballotId);
  if (!first || !isClosable(first.status)) return first;
  if (first.matterId !== null)
    await tx.select({ id: matters.id }).from(matters).where(eq(matters.id, first.matterId)).for('update');
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
  if (!ballot || !isClosable(ballot.status)) return ballot;
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
  const [closed] = await tx
    .update(ballots)
    .set({ status: 'closed', closedAt: clockNow(), closedBy: by, result, resultDigest: digest })
    .where(eq(ballots.id, ballotId))
    .returning();
  const payload = {
    ballotId,
    outcome: result.outcome,
    resultDigest: digest,
    early: by !== null && ballot.status === 'open',
    ...(ballot.status === 'counting' ? { afterCounting: true } : {}),
  };
  await tx.insert(ballotLog).values({ ballotId, accountId: by, action: 'ballot.close', payload });
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
  if (!ballot || ballot.status !== 'open' || ballot.closesAt.getTime() > clockNow().getTime()) return ballot;
  if (statusAfterDeadline(ballot) === 'closed') return closeBallotIn(tx, ballotId, null);
  const [counting] = await tx.update(ballots).set({ status: 'counting' }).where(eq(ballots.id, ballotId)).returning();
  const payload = { ballotId, closesAt: ballot.closesAt.toISOString() };
  await tx.insert(ballotLog).values({ ballotId, accountId: null, action: 'ballot.counting', payload });
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

/**
 * Secret choices are written in the voter's own transaction, so until close their system columns
 * (xmin, physical order) match the participation row's. At close they are rewritten in random order,
 * with new ids, by this one transaction: the stored record keeps no trace of who cast which.
 */
async function shuffleSecretChoices(tx: DbOrTx, ballotId: number) {
  await tx.execute(sql`
    with moved as (delete from ${ballotSecretChoices} where ballot_id = ${ballotId} returning receipt_hash, choice)
    insert into ${ballotSecretChoices} (ballot_id, receipt_hash, choice)
    select ${ballotId}, receipt_hash, choice from moved order by random()`);
}

/** A ballot past its closing time moves on (counting or closed) on first touch, whether or not the job has run. */
export async function closeIfDue(db: Db, ballot: BallotRow): Promise<BallotRow> {
  if (ballot.status !== 'open' || ballot.closesAt.getTime() > clockNow().getTime()) return ballot;
  return (await passDeadline(db, ballot.id)) ?? ballot;
}

/**
 * A resolution resting on a ballot names a closed ballot of the same matter (one due moves on now,
 * inside the caller's transaction): 400 `resolution.ballot_mismatch` / `resolution.ballot_not_closed`.
 */
export async function requireClosedBallotOf(tx: DbOrTx, matterId: number, ballotId: number): Promise<BallotRow> {
  let ballot = await findBallot(tx, ballotId);
  if (!ballot || ballot.matterId !== matterId) throw invalid('ballotId', 'resolution.ballot_mismatch');
  if (ballot.status === 'open' && ballot.closesAt.getTime() <= clockNow().getTime()) {
    ballot = (await passDeadlineIn(tx, ballotId)) ?? ballot;
  }
  if (ballot.status !== 'closed') throw invalid('ballotId', 'resolution.ballot_not_closed');
  return ballot;
}
