/**
 * Casting one vote, whatever the channel (online, proxy, assisted, paper). Runs INSIDE the caller's
 * transaction (the group-commit writer wraps each call in a SAVEPOINT): it opens no transaction of
 * its own and takes no lock beyond the rows it writes — the ballot row is read FOR KEY SHARE (the
 * lock the vote's foreign key takes anyway), so a concurrent close (FOR UPDATE) waits for votes in
 * flight and votes after it see the ballot closed. "One voter, one counted choice" is the unique
 * index (ballot_id, elector_id): concurrent duplicates leave exactly one row.
 */
import { randomInt } from 'node:crypto';
import {
  ballotLifecycle,
  resolveRule,
  ruleKeys,
  yesNoChoices,
  type RuleKey,
  type VoteChannel,
  type YesNoChoice,
} from '../../../../domain/voting';
import type { DbOrTx } from '../../../db/client';
import type { ballotOptions, ballots } from '../../../db/schema';
import { AppError, invalid } from '../../../errors';
import { sha256 } from '../../../hash';
import {
  ballotStateForKeyShare,
  deleteSecretChoice,
  findElectorWeights,
  findVoteForUpdate,
  insertSecretChoice,
  insertVoteIfFirst,
  replaceVote,
} from './casting.repository';
import { logBallot } from '../ballots.repository';
import { completeIdempotencyKeysIn } from '../../../plugins/idempotency.repository';

export type BallotRow = typeof ballots.$inferSelect;
export type BallotOptionRow = typeof ballotOptions.$inferSelect;
export type { VoteChannel };
export type YesNo = YesNoChoice;

export type BallotChoice =
  | { kind: 'yes_no'; choice: YesNo }
  | { kind: 'approval'; optionIds: number[] }
  | { kind: 'ranked'; optionIds: number[] };

/** What a secret ballot keeps beside the choice: the weights its tally needs (never the elector). */
export type SecretChoice = BallotChoice & { area: string; householdId: number | null };

export type CastInput = {
  ballot: BallotRow;
  electorId: number;
  choice: BallotChoice;
  channel: VoteChannel;
  /** The voter, the proxy or the staff member entering it. */
  castBy: number;
  proxyId?: number;
  paperNo?: string;
  /** Secret ballots: the receipt of the vote being replaced. */
  previousReceipt?: string;
  /**
   * Whether an earlier vote of this elector BY THE SAME CHANNEL may be replaced (online: the ballot
   * allows changes). Independently, a principal voting online replaces their proxy's vote on a
   * named ballot. Anything else already cast → 409 `ballot.already_voted`.
   */
  mayReplace: boolean;
  /**
   * The request's reserved Idempotency-Key (server/plugins/idempotency.ts): its reply is stored in
   * the vote's own commit (storeVoteReplies), so a retry after a lost answer gets the same receipt.
   */
  idempotency?: { accountId: number; key: string } | null;
};

export type CastResult = { receipt: string; castAt: string; replaced: boolean };

/** The reply to a cast vote (VoteReplySchema), as the route sends it and the idempotency store keeps it. */
export const voteReplyOf = (input: Pick<CastInput, 'channel'>, result: CastResult) => ({
  receipt: result.receipt,
  channel: input.channel,
  castAt: result.castAt,
});

/**
 * Stores, in the transaction that stores the votes, the reply of each cast that came with an
 * Idempotency-Key: committed together, or not at all.
 */
export async function storeVoteReplies(
  tx: DbOrTx,
  casts: readonly { input: Pick<CastInput, 'channel' | 'idempotency'>; result: CastResult }[],
): Promise<void> {
  const replies = casts.flatMap(({ input, result }) =>
    input.idempotency
      ? [{ ...input.idempotency, statusCode: 201, responseBody: JSON.stringify(voteReplyOf(input, result)) }]
      : [],
  );
  await completeIdempotencyKeysIn(tx, replies);
}

/** No 0/O, 1/I/L: read aloud or copied from paper without doubt. */
export const receiptAlphabet = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const receiptLength = 12;

export function newReceipt(): string {
  let code = '';
  for (let i = 0; i < receiptLength; i += 1) code += receiptAlphabet[randomInt(receiptAlphabet.length)];
  return code;
}

/** Upper-cased, spaces and dashes removed (codes are shown in groups of four). */
export const normaliseReceipt = (code: string) => code.toUpperCase().replace(/[\s-]/g, '');
/** Hash stored on the participation row. */
export const voteHash = (code: string) => sha256(`vote:${normaliseReceipt(code)}`);
/** Hash keying a secret choice: a different prefix, so the two hashes cannot be joined. */
export const choiceHash = (code: string) => sha256(`choice:${normaliseReceipt(code)}`);

const ruleOf = (ballot: Pick<BallotRow, 'ruleKey' | 'ruleVersion'>) =>
  resolveRule({ key: ruleKeys.find((k) => k === ballot.ruleKey) as RuleKey, version: ballot.ruleVersion });

export const ballotMethod = (ballot: Pick<BallotRow, 'ruleKey' | 'ruleVersion'>) => ruleOf(ballot).method;

/** What the rule counts (heads, area, households): the weights a secret choice must carry. */
export const ballotMeasures = (ballot: Pick<BallotRow, 'ruleKey' | 'ruleVersion'>) => ruleOf(ballot).measures;

const yesNo: readonly string[] = yesNoChoices;

/**
 * Parses the body's choice part (`{ choice }` or `{ optionIds }`) for this ballot's rule, or 400
 * `ballot.bad_choice` with the field at fault.
 */
export function validateChoice(
  ballot: Pick<BallotRow, 'ruleKey' | 'ruleVersion'>,
  options: readonly Pick<BallotOptionRow, 'id'>[],
  raw: unknown,
): BallotChoice {
  const body = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const method = ballotMethod(ballot);
  if (method === 'yes_no' || method === 'consent') {
    const choice = body.choice;
    if (typeof choice !== 'string' || !yesNo.includes(choice)) throw invalid('choice', 'ballot.bad_choice');
    return { kind: 'yes_no', choice: choice as YesNo };
  }
  const ids = body.optionIds;
  const known = new Set(options.map((o) => o.id));
  if (
    !Array.isArray(ids) ||
    ids.length === 0 ||
    ids.some((id) => typeof id !== 'number' || !known.has(id)) ||
    new Set(ids).size !== ids.length
  ) {
    throw invalid('optionIds', 'ballot.bad_choice');
  }
  return { kind: method === 'approval' ? 'approval' : 'ranked', optionIds: ids as number[] };
}

/**
 * 409 unless the ballot takes this vote now: open and before its closing time (whatever the job did);
 * a paper also while counting, or open past its closing time (the papers service checked the ballot
 * uses papers, under its row lock).
 */
async function lockOpenBallot(tx: DbOrTx, ballotId: number, channel: VoteChannel) {
  // The database's time at this statement, not the app's clock: the last word under the row lock
  // on a vote queued before closesAt and written after (the service already refused on the clock).
  const state = await ballotStateForKeyShare(tx, ballotId);
  if (!state || ballotLifecycle.is.draft(state.status)) throw new AppError(409, 'ballot.not_open');
  if (ballotLifecycle.is.closed(state.status)) throw new AppError(409, 'ballot.closed');
  if (channel === 'paper') return state;
  if (!state.takesVotes) throw new AppError(409, 'ballot.closed');
  return state;
}

export async function castVote(tx: DbOrTx, input: CastInput): Promise<CastResult> {
  const { ballot, choice, channel } = input;
  const state = await lockOpenBallot(tx, ballot.id, channel);
  const secret = state.secrecy === 'secret';
  const elector = await findElectorWeights(tx, ballot.id, input.electorId);
  if (!elector) throw new AppError(403, 'ballot.not_eligible');

  const receipt = newReceipt();
  const row = {
    channel,
    castBy: input.castBy,
    proxyId: input.proxyId ?? null,
    paperNo: input.paperNo ?? null,
    receiptHash: voteHash(receipt),
    choice: secret ? null : choice,
  };
  let castAt = await insertVoteIfFirst(tx, ballot.id, elector.id, row);
  const replaced = castAt === undefined;
  if (replaced) {
    const existing = await findVoteForUpdate(tx, ballot.id, elector.id);
    if (!existing) throw new AppError(409, 'ballot.already_voted');
    const principalOverride = !secret && channel === 'online' && existing.channel === 'proxy';
    if (!principalOverride && !(input.mayReplace && existing.channel === channel)) {
      throw new AppError(409, 'ballot.already_voted');
    }
    if (secret) {
      if (!input.previousReceipt) throw new AppError(409, 'ballot.receipt_required', { field: 'receipt' });
      if (voteHash(input.previousReceipt) !== existing.receiptHash) {
        throw new AppError(409, 'ballot.receipt_invalid', { field: 'receipt' });
      }
      await deleteSecretChoice(tx, choiceHash(input.previousReceipt));
    }
    castAt = await replaceVote(tx, existing.id, row);
  }
  if (secret) {
    // Only the weights the rule counts: a household id on a heads-only ballot would say too much.
    const measures = ballotMeasures(ballot);
    const stored: SecretChoice = {
      ...choice,
      area: measures.includes('area') ? elector.areaCenti.toString() : '0',
      householdId: measures.includes('households') ? elector.householdId : null,
    };
    await insertSecretChoice(tx, ballot.id, choiceHash(receipt), stored);
  }
  await logBallot(tx, {
    ballotId: ballot.id,
    accountId: input.castBy,
    action: 'vote.cast',
    payload: { electorId: elector.id, channel, replaced, ...(secret ? {} : { choice }) },
  });
  return { receipt, castAt: castAt!.toISOString(), replaced };
}
