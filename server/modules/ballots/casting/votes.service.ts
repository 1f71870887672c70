import type { Actor } from '../../../../domain/access';
import type { Db, DbOrTx } from '../../../db/client';
import { ballotLifecycle, ballotStatusCapabilities } from '../../../../domain/voting';
import { effectiveStatus } from '../ballots.presenter';
import { AppError, notFound } from '../../../errors';
import { signalBallot } from '../../../plugins/live';
import { loadBallot } from '../ballots.access';
import {
  castVote,
  choiceHash,
  normaliseReceipt,
  validateChoice,
  storeVoteReplies,
  voteHash,
  type BallotChoice,
  type BallotRow,
  type CastInput,
  type CastResult,
  type SecretChoice,
} from './cast';
import { closeIfDue } from '../tally/close';
import { ballotOptionsOf, electorsOfResident, findBallot } from '../ballots.repository';
import type { VoteReadCache } from './vote-cache';
import { secretChoiceByHash, voteByReceiptHash } from './casting.repository';

/** Runs one cast: by default its own transaction; the group-commit writer passes its own runner. */
export type CastRunner = (input: CastInput) => Promise<CastResult>;

export const castInOwnTransaction =
  (db: Db): CastRunner =>
  (input) =>
    db.transaction(async (tx) => {
      const result = await castVote(tx, input);
      await signalBallot(tx, input.ballot.id, 'turnout');
      await storeVoteReplies(tx, [{ input, result }]);
      return result;
    });

/**
 * The resident's elector on an open ballot: the only one the snapshot lists for them (from the
 * cache), else — several (a co-owner of two groups, say) or no cache — the first not yet cast.
 */
async function electorOf(db: DbOrTx, ballot: BallotRow, residentId: number, cache?: VoteReadCache) {
  const listed = cache ? await cache.electorsOf(db, ballot, residentId) : undefined;
  if (listed && listed.length <= 1) return listed[0];
  const mine = await electorsOfResident(db, ballot.id, residentId);
  return (mine.find((e) => e.channel === null) ?? mine[0])?.id;
}

/**
 * What an online vote will cast: the actor's elector (account → resident → an elector of the
 * snapshot that lists them; else 403 `ballot.not_eligible`) and the checked choice.
 */
export async function prepareOnlineVote(
  db: DbOrTx,
  actor: Actor,
  ballotId: number,
  body: { choice?: string; optionIds?: number[]; receipt?: string },
  cache?: VoteReadCache,
): Promise<CastInput> {
  const ballot = cache ? await cache.ballotFor(db, actor, ballotId) : (await loadBallot(db, actor, ballotId)).ballot;
  const status = effectiveStatus(ballot);
  if (ballotLifecycle.is.draft(status)) throw new AppError(409, 'ballot.not_open');
  if (!ballotStatusCapabilities[status].takesVotes) throw new AppError(409, 'ballot.closed');
  const electorId = actor.residentId === null ? undefined : await electorOf(db, ballot, actor.residentId, cache);
  if (electorId === undefined) throw new AppError(403, 'ballot.not_eligible');
  const options = cache ? await cache.optionsOf(db, ballot) : await ballotOptionsOf(db, ballot.id);
  const choice = validateChoice(ballot, options, body);
  return {
    ballot,
    electorId,
    choice,
    channel: 'online',
    castBy: actor.accountId,
    previousReceipt: body.receipt,
    mayReplace: ballot.allowsChange,
  };
}

/** The voter online: parse → prepare → cast (through `run`) → the receipt, shown once. */
export async function castOnlineVote(
  db: Db,
  actor: Actor,
  ballotId: number,
  body: { choice?: string; optionIds?: number[]; receipt?: string },
  run: CastRunner = castInOwnTransaction(db),
  cache?: VoteReadCache,
  idempotency?: CastInput['idempotency'],
) {
  const input = { ...(await prepareOnlineVote(db, actor, ballotId, body, cache)), idempotency };
  const result = await run(input);
  return { receipt: result.receipt, channel: 'online' as const, castAt: result.castAt };
}

/**
 * Anyone holding a receipt, after close: was it counted, by which channel, with which choice (the
 * voter's own, also for secret ballots — the code is the only key to it). 409 before close, 404 for
 * an unknown code.
 */
export async function checkReceipt(db: Db, ballotId: number, code: string) {
  const found = await findBallot(db, ballotId);
  if (!found) throw notFound('ballot');
  const ballot = await closeIfDue(db, found);
  if (!ballotLifecycle.is.closed(ballot.status)) throw new AppError(409, 'ballot.not_closed');
  const receipt = normaliseReceipt(code);
  const vote = await voteByReceiptHash(db, ballot.id, voteHash(receipt));
  if (!vote) throw notFound('receipt');
  let choice = vote.choice as BallotChoice | null;
  if (ballot.secrecy === 'secret') {
    const secret = await secretChoiceByHash(db, ballot.id, choiceHash(receipt));
    const stored = secret?.choice as SecretChoice | undefined;
    choice = stored
      ? stored.kind === 'yes_no'
        ? { kind: 'yes_no', choice: stored.choice }
        : { kind: stored.kind, optionIds: stored.optionIds }
      : null;
  }
  if (!choice) throw notFound('receipt');
  return { counted: true, channel: vote.channel, choice };
}
