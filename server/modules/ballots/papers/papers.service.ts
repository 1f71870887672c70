import type { Actor } from '../../../../domain/access';
import {
  ballotLifecycle,
  ballotStatusCapabilities,
  effectiveBallotStatus,
  paperLifecycle,
} from '../../../../domain/voting';
import type { Db, DbOrTx } from '../../../db/client';
import { AppError, invalid, notFound } from '../../../errors';
import { castVote, validateChoice, type BallotChoice, type BallotRow } from '../casting/cast';
import { signalBallot } from '../../../plugins/live';
import { electorOf, loadBallotForStaff } from '../ballots.channels';
import { ballotOptionsOf, logBallot } from '../ballots.repository';
import { newPaperSalt, paperChoiceDigest } from './papers.seal';
import type { PaperBody, PaperView, ReconcileBody } from '../../../../contracts/ballot-papers';
import { readPapers } from './papers.view';
import {
  findPaper,
  findPaperByNoForUpdate,
  forgetPaperEntryChoices,
  insertPaperEntry,
  insertPaperIfAbsent,
  lockBallotForPapers,
  markBallotUsesPapers,
  paperEntriesOf,
  setPaperSalt,
  updatePaper,
  type PaperRow,
} from './papers.repository';
import { clockNow } from '../../../clock';

export { listPapers } from './papers.view';
/** Used by the close (tally/close.ts). */
export { forgetPaperChoices, unsettledPapers } from './papers.repository';

/** The same choice, read the same way: approval ignores order, ranking does not. */
export function sameChoice(a: BallotChoice, b: BallotChoice): boolean {
  if (a.kind === 'yes_no' || b.kind === 'yes_no') {
    return a.kind === 'yes_no' && b.kind === 'yes_no' && a.choice === b.choice;
  }
  if (a.kind !== b.kind) return false;
  const [x, y] =
    a.kind === 'approval' ? [[...a.optionIds].sort(), [...b.optionIds].sort()] : [a.optionIds, b.optionIds];
  return x.length === y.length && x.every((id, i) => id === y[i]);
}

/** 409 unless the ballot takes papers now: open, or counting (an open one past its deadline with papers in use). */
export function requirePapers(ballot: BallotRow, now = clockNow()) {
  const status = effectiveBallotStatus(ballot, now);
  if (ballotLifecycle.is.draft(status)) throw new AppError(409, 'ballot.not_open');
  if (!ballotStatusCapabilities[status].takesPapers) throw new AppError(409, 'ballot.closed');
}

/**
 * The ballot row locked FOR NO KEY UPDATE (votes in flight hold FOR KEY SHARE and go on; a close,
 * FOR UPDATE, waits for this entry and then sees its paper), checked to take papers, and marked as
 * using them: from now on its closing time leads to counting, not to a close that would lose papers.
 */
async function lockForPapers(tx: DbOrTx, ballotId: number): Promise<BallotRow> {
  const ballot = await lockBallotForPapers(tx, ballotId);
  if (!ballot) throw notFound('ballot');
  requirePapers(ballot);
  if (!ballot.usesPapers) await markBallotUsesPapers(tx, ballotId);
  return { ...ballot, usesPapers: true };
}

/**
 * Marks a paper settled (a counted one moves the live turnout). On a secret ballot a counted or void
 * paper forgets its salt and its entries' digests: nothing then ties the elector to a choice.
 */
async function settle(tx: DbOrTx, ballot: BallotRow, paperId: number, patch: Partial<PaperRow>) {
  const isFinal = paperLifecycle.is.counted(patch.status) || paperLifecycle.is.void(patch.status);
  const forget = ballot.secrecy === 'secret' && isFinal;
  await updatePaper(tx, paperId, { ...patch, ...(forget ? { choiceSalt: null } : {}) });
  if (paperLifecycle.is.counted(patch.status)) await signalBallot(tx, ballot.id, 'turnout');
  if (forget) await forgetPaperEntryChoices(tx, paperId);
}

/**
 * Two agreeing entries count the paper (castVote, channel `paper`). When the elector was already
 * counted by another channel the paper is kept as a mismatch for a third person to void or correct,
 * and the caller answers 409 `ballot.already_voted` after committing that.
 */
async function countPaper(
  tx: DbOrTx,
  ballot: BallotRow,
  paper: PaperRow,
  actor: Actor,
  electorId: number,
  choice: BallotChoice,
) {
  try {
    await tx.transaction((sp) =>
      castVote(sp, {
        ballot,
        electorId,
        choice,
        channel: 'paper',
        castBy: actor.accountId,
        paperNo: paper.paperNo,
        mayReplace: false,
      }),
    );
  } catch (error) {
    if (!(error instanceof AppError && error.code === 'ballot.already_voted')) throw error;
    await settle(tx, ballot, paper.id, { status: 'mismatch', mismatch: 'already_voted' });
    await logBallot(tx, {
      ballotId: ballot.id,
      accountId: actor.accountId,
      action: 'paper.mismatch',
      payload: { paperId: paper.id, reason: 'already_voted' },
    });
    return 'already_voted' as const;
  }
  await settle(tx, ballot, paper.id, { status: 'counted', mismatch: null });
  await logBallot(tx, {
    ballotId: ballot.id,
    accountId: actor.accountId,
    action: 'paper.count',
    payload: { paperId: paper.id },
  });
  return 'counted' as const;
}

/** The paper row locked FOR UPDATE, created on first sight (with its salt on a secret ballot). */
async function lockPaper(tx: DbOrTx, ballot: BallotRow, paperNo: string): Promise<PaperRow> {
  const isSecret = ballot.secrecy === 'secret';
  await insertPaperIfAbsent(tx, { ballotId: ballot.id, paperNo, choiceSalt: isSecret ? newPaperSalt() : null });
  const paper = await findPaperByNoForUpdate(tx, ballot.id, paperNo);
  if (isSecret && paper!.choiceSalt === null && paperLifecycle.is.pending(paper!.status)) {
    const choiceSalt = newPaperSalt();
    await setPaperSalt(tx, paper!.id, choiceSalt);
    return { ...paper!, choiceSalt };
  }
  return paper!;
}

/**
 * One entry of a paper ballot, while the ballot is open or counting. The paper row is locked, so two
 * entries of the same paper at once run one after the other: the first leaves it pending, a second
 * by another staff member counts it when elector and choice agree, else marks it a mismatch. A secret
 * ballot's entry stores no choice, only its digest (papers/papers.seal.ts).
 */
export async function enterPaper(db: Db, actor: Actor, ballotId: number, input: PaperBody): Promise<PaperView> {
  const outcome = await db.transaction(async (tx) => {
    await loadBallotForStaff(tx, actor, ballotId, 'ballot.enterPaper');
    const ballot = await lockForPapers(tx, ballotId);
    await electorOf(tx, ballot.id, input.electorId, 'electorId');
    const choice = validateChoice(ballot, await ballotOptionsOf(tx, ballot.id), input);
    const paper = await lockPaper(tx, ballot, input.paperNo);
    if (paperLifecycle.is.counted(paper.status)) throw new AppError(409, 'paper.already_counted', { field: 'paperNo' });
    if (paperLifecycle.is.void(paper.status)) throw new AppError(409, 'paper.void', { field: 'paperNo' });
    if (paperLifecycle.is.mismatch(paper.status))
      throw new AppError(409, 'paper.needs_reconcile', { field: 'paperNo' });
    const earlier = await paperEntriesOf(tx, paper.id);
    if (earlier.some((e) => e.enteredBy === actor.accountId)) throw new AppError(409, 'paper.same_staff');
    const isSecret = ballot.secrecy === 'secret';
    const digest = isSecret ? paperChoiceDigest(paper.choiceSalt!, paper, input.electorId, choice) : null;
    await insertPaperEntry(tx, {
      paperId: paper.id,
      electorId: input.electorId,
      choice: isSecret ? null : choice,
      choiceDigest: digest,
      enteredBy: actor.accountId,
    });
    await logBallot(tx, {
      ballotId: ballot.id,
      accountId: actor.accountId,
      action: 'paper.enter',
      payload: { paperId: paper.id, entry: earlier.length + 1 },
    });
    let result: 'pending' | 'mismatch' | 'counted' | 'already_voted' = 'pending';
    const first = earlier[0];
    const agrees =
      first !== undefined &&
      first.electorId === input.electorId &&
      (isSecret ? first.choiceDigest === digest : sameChoice(first.choice as BallotChoice, choice));
    if (first && !agrees) {
      await settle(tx, ballot, paper.id, { status: 'mismatch', mismatch: 'differs' });
      await logBallot(tx, {
        ballotId: ballot.id,
        accountId: actor.accountId,
        action: 'paper.mismatch',
        payload: { paperId: paper.id, reason: 'differs' },
      });
      result = 'mismatch';
    } else if (first) {
      result = await countPaper(tx, ballot, paper, actor, input.electorId, choice);
    }
    return { result, view: (await readPapers(tx, ballot.id, { paperId: paper.id }))[0]! };
  });
  if (outcome.result === 'already_voted') {
    throw new AppError(409, 'ballot.already_voted', { details: { paper: outcome.view } });
  }
  return outcome.view;
}

/**
 * A third staff member (neither of the two who entered it) settles a mismatched paper: counts the
 * right elector and choice, or voids it with a note (a pending paper may be voided too). On a secret ballot, whose entries nobody can
 * read, they enter the paper again and it counts only when that matches one of the two entries
 * (else 409 `paper.reconcile_no_match`, nothing changed). A refused count changes nothing.
 */
export async function reconcilePaper(db: Db, actor: Actor, paperId: number, input: ReconcileBody): Promise<PaperView> {
  return db.transaction(async (tx) => {
    const seen = await findPaper(tx, paperId);
    if (!seen) throw notFound('paper');
    await loadBallotForStaff(tx, actor, seen.ballotId, 'ballot.enterPaper');
    const ballot = await lockForPapers(tx, seen.ballotId);
    const paper = await findPaper(tx, paperId, true);
    // A pending paper may be voided (lost, unreadable, not the ballot's) so a count can close; only a
    // mismatch is counted here — a pending one counts through its second entry.
    const mayVoid = paperLifecycle.is.mismatch(paper!.status) || paperLifecycle.is.pending(paper!.status);
    if (input.void ? !mayVoid : !paperLifecycle.is.mismatch(paper!.status))
      throw new AppError(409, 'paper.not_mismatch');
    const entries = await paperEntriesOf(tx, paper!.id);
    if (entries.some((e) => e.enteredBy === actor.accountId)) throw new AppError(409, 'paper.same_staff');
    const settled = { reconciledBy: actor.accountId, reconcileNote: input.note ?? null };
    if (input.void) {
      if (!input.note) throw invalid('note', 'validation.required');
      await settle(tx, ballot, paper!.id, { ...settled, status: 'void' });
      await logBallot(tx, {
        ballotId: ballot.id,
        accountId: actor.accountId,
        action: 'paper.void',
        payload: { paperId: paper!.id },
      });
    } else {
      if (input.electorId === undefined) throw invalid('electorId', 'validation.required');
      await electorOf(tx, ballot.id, input.electorId, 'electorId');
      const choice = validateChoice(ballot, await ballotOptionsOf(tx, ballot.id), input);
      if (ballot.secrecy === 'secret') {
        const digest = paper!.choiceSalt ? paperChoiceDigest(paper!.choiceSalt, paper!, input.electorId, choice) : null;
        if (!digest || !entries.some((e) => e.choiceDigest === digest)) {
          throw new AppError(409, 'paper.reconcile_no_match');
        }
      }
      await castVote(tx, {
        ballot,
        electorId: input.electorId,
        choice,
        channel: 'paper',
        castBy: actor.accountId,
        paperNo: paper!.paperNo,
        mayReplace: false,
      });
      await settle(tx, ballot, paper!.id, { ...settled, status: 'counted' });
      await logBallot(tx, {
        ballotId: ballot.id,
        accountId: actor.accountId,
        action: 'paper.reconcile',
        payload: { paperId: paper!.id },
      });
    }
    return (await readPapers(tx, ballot.id, { paperId: paper!.id }))[0]!;
  });
}
