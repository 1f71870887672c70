import { createHash } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client';
import { ballotLog, ballots, ballotSecretChoices, matters } from '../../db/schema';
import { invalid } from '../../errors';
import { appendMatterEvent } from '../matters';
import type { BallotRow } from './ballots.cast';
import { findBallot } from './ballots.repository';
import type { BallotResult } from './ballots.schemas';
import { tallyBallot } from './ballots.tally';

/** SHA-256 of the stored result's JSON: what the matter's audit chain records. */
export const resultDigest = (result: BallotResult) => createHash('sha256').update(JSON.stringify(result)).digest('hex');

/**
 * Closes an open ballot: tallies it, stores the result and its digest, logs it and (matter ballots)
 * appends `ballot.close` to the matter's chain, all in one transaction. Idempotent and safe from many
 * app nodes at once: the ballot row lock (FOR UPDATE) waits for votes in flight (they hold FOR KEY
 * SHARE) and whoever comes second finds it closed and returns it as it is. `by` is null for the
 * deadline job. `guard` runs under the lock (early close: may it close now?).
 */
export async function closeBallot(
  db: Db,
  ballotId: number,
  by: number | null,
  guard?: (tx: DbOrTx, ballot: BallotRow) => Promise<void>,
): Promise<BallotRow | undefined> {
  return db.transaction(async (tx) => closeBallotIn(tx, ballotId, by, guard));
}

/** closeBallot inside the caller's transaction (e.g. a matter command that already holds the matter). */
export async function closeBallotIn(
  tx: DbOrTx,
  ballotId: number,
  by: number | null,
  guard?: (tx: DbOrTx, ballot: BallotRow) => Promise<void>,
): Promise<BallotRow | undefined> {
  const first = await findBallot(tx, ballotId);
  if (!first || first.status !== 'open') return first;
  // Lock order matter → ballot, as every matter command that touches a ballot does.
  if (first.matterId !== null)
    await tx.select({ id: matters.id }).from(matters).where(eq(matters.id, first.matterId)).for('update');
  const ballot = (await findBallot(tx, ballotId, true))!;
  if (ballot.status !== 'open') return ballot;
  await guard?.(tx, ballot);
  if (ballot.secrecy === 'secret') await shuffleSecretChoices(tx, ballotId);
  const result = await tallyBallot(tx, ballot);
  const digest = resultDigest(result);
  const [closed] = await tx
    .update(ballots)
    .set({ status: 'closed', closedAt: new Date(), closedBy: by, result, resultDigest: digest })
    .where(eq(ballots.id, ballotId))
    .returning();
  const payload = { ballotId, outcome: result.outcome, resultDigest: digest, early: by !== null };
  await tx.insert(ballotLog).values({ ballotId, accountId: by, action: 'ballot.close', payload });
  if (ballot.matterId !== null) {
    await appendMatterEvent(tx, { matterId: ballot.matterId, actorAccountId: by, action: 'ballot.close', payload });
  }
  await tx.execute(sql`select pg_notify('ballot_events', ${JSON.stringify({ ballotId, kind: 'closed' })})`);
  return closed;
}

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

/** A ballot past its closing time is closed on first touch, whether or not the job has run. */
export async function closeIfDue(db: Db, ballot: BallotRow): Promise<BallotRow> {
  if (ballot.status !== 'open' || ballot.closesAt.getTime() > Date.now()) return ballot;
  return (await closeBallot(db, ballot.id, null)) ?? ballot;
}

/**
 * A resolution resting on a ballot names a closed ballot of the same matter (one due is closed now,
 * inside the caller's transaction): 400 `resolution.ballot_mismatch` / `resolution.ballot_not_closed`.
 */
export async function requireClosedBallotOf(tx: DbOrTx, matterId: number, ballotId: number): Promise<BallotRow> {
  let ballot = await findBallot(tx, ballotId);
  if (!ballot || ballot.matterId !== matterId) throw invalid('ballotId', 'resolution.ballot_mismatch');
  if (ballot.status === 'open' && ballot.closesAt.getTime() <= Date.now()) {
    ballot = (await closeBallotIn(tx, ballotId, null)) ?? ballot;
  }
  if (ballot.status !== 'closed') throw invalid('ballotId', 'resolution.ballot_not_closed');
  return ballot;
}
