import { and, asc, count, eq, inArray } from 'drizzle-orm';
import type { Actor } from '../../../domain/access';
import type { Db, DbOrTx } from '../../db/client';
import { accounts, ballotElectors, ballotPaperEntries, ballotPapers } from '../../db/schema';
import { AppError, invalid, notFound } from '../../errors';
import { castVote, validateChoice, type BallotChoice, type BallotRow } from './ballots.cast';
import { signalBallot } from './ballots.live';
import { electorOf, loadBallotForStaff, logBallot, optionsOf, requireOpen } from './ballots.channels';
import { paperStatuses, type PaperBody, type PaperView, type ReconcileBody } from './ballots.papers.schemas';

type PaperRow = typeof ballotPapers.$inferSelect;
type PaperStatus = (typeof paperStatuses)[number];

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

/** Kept in place of a secret ballot's choice once its paper is settled: no elector stays tied to a choice. */
const SEALED = { sealed: true } as const;

async function readPapers(tx: DbOrTx, ballotId: number, where: { paperId?: number; status?: PaperStatus }) {
  const papers = await tx
    .select()
    .from(ballotPapers)
    .where(
      and(
        eq(ballotPapers.ballotId, ballotId),
        where.paperId === undefined ? undefined : eq(ballotPapers.id, where.paperId),
        where.status === undefined ? undefined : eq(ballotPapers.status, where.status),
      ),
    )
    .orderBy(asc(ballotPapers.paperNo));
  const ids = papers.map((p) => p.id);
  const entries = ids.length
    ? await tx
        .select({
          paperId: ballotPaperEntries.paperId,
          electorId: ballotPaperEntries.electorId,
          label: ballotElectors.label,
          choice: ballotPaperEntries.choice,
          accountId: accounts.id,
          name: accounts.displayName,
          at: ballotPaperEntries.createdAt,
        })
        .from(ballotPaperEntries)
        .innerJoin(ballotElectors, eq(ballotElectors.id, ballotPaperEntries.electorId))
        .innerJoin(accounts, eq(accounts.id, ballotPaperEntries.enteredBy))
        .where(inArray(ballotPaperEntries.paperId, ids))
        .orderBy(asc(ballotPaperEntries.id))
    : [];
  return papers.map((p): PaperView => ({
    id: p.id,
    paperNo: p.paperNo,
    status: p.status,
    entries: entries
      .filter((e) => e.paperId === p.id)
      .map((e) => ({
        electorId: e.electorId,
        label: e.label,
        choice: (e.choice as { kind?: string }).kind ? (e.choice as BallotChoice) : null,
        enteredBy: { accountId: e.accountId, name: e.name },
        at: e.at.toISOString(),
      })),
  }));
}

/** Marks a paper settled (a counted one moves the live turnout); on a secret ballot its entries forget the choice. */
async function settle(tx: DbOrTx, ballot: BallotRow, paperId: number, patch: Partial<PaperRow>) {
  await tx.update(ballotPapers).set(patch).where(eq(ballotPapers.id, paperId));
  if (patch.status === 'counted') await signalBallot(tx, ballot.id, 'turnout');
  if (ballot.secrecy === 'secret' && (patch.status === 'counted' || patch.status === 'void')) {
    await tx.update(ballotPaperEntries).set({ choice: SEALED }).where(eq(ballotPaperEntries.paperId, paperId));
  }
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
    await settle(tx, ballot, paper.id, { status: 'mismatch' });
    await logBallot(tx, {
      ballotId: ballot.id,
      accountId: actor.accountId,
      action: 'paper.mismatch',
      payload: { paperId: paper.id, reason: 'already_voted' },
    });
    return 'already_voted' as const;
  }
  await settle(tx, ballot, paper.id, { status: 'counted' });
  await logBallot(tx, {
    ballotId: ballot.id,
    accountId: actor.accountId,
    action: 'paper.count',
    payload: { paperId: paper.id },
  });
  return 'counted' as const;
}

/**
 * One entry of a paper ballot. The paper row is locked FOR UPDATE (created on first sight), so two
 * entries of the same paper at once run one after the other: the first leaves it pending, a second by
 * another staff member counts it when elector and choice agree, else marks it a mismatch.
 */
export async function enterPaper(db: Db, actor: Actor, ballotId: number, input: PaperBody): Promise<PaperView> {
  const outcome = await db.transaction(async (tx) => {
    const ballot = await loadBallotForStaff(tx, actor, ballotId, 'ballot.enterPaper');
    requireOpen(ballot);
    await electorOf(tx, ballot.id, input.electorId, 'electorId');
    const choice = validateChoice(ballot, await optionsOf(tx, ballot.id), input);
    await tx.insert(ballotPapers).values({ ballotId: ballot.id, paperNo: input.paperNo }).onConflictDoNothing();
    const [paper] = await tx
      .select()
      .from(ballotPapers)
      .where(and(eq(ballotPapers.ballotId, ballot.id), eq(ballotPapers.paperNo, input.paperNo)))
      .for('update');
    if (paper!.status === 'counted') throw new AppError(409, 'paper.already_counted', { field: 'paperNo' });
    if (paper!.status === 'void') throw new AppError(409, 'paper.void', { field: 'paperNo' });
    if (paper!.status === 'mismatch') throw new AppError(409, 'paper.needs_reconcile', { field: 'paperNo' });
    const earlier = await tx.select().from(ballotPaperEntries).where(eq(ballotPaperEntries.paperId, paper!.id));
    if (earlier.some((e) => e.enteredBy === actor.accountId)) throw new AppError(409, 'paper.same_staff');
    await tx
      .insert(ballotPaperEntries)
      .values({ paperId: paper!.id, electorId: input.electorId, choice, enteredBy: actor.accountId });
    await logBallot(tx, {
      ballotId: ballot.id,
      accountId: actor.accountId,
      action: 'paper.enter',
      payload: { paperId: paper!.id, entry: earlier.length + 1 },
    });
    let result: 'pending' | 'mismatch' | 'counted' | 'already_voted' = 'pending';
    const first = earlier[0];
    if (first && (first.electorId !== input.electorId || !sameChoice(first.choice as BallotChoice, choice))) {
      await settle(tx, ballot, paper!.id, { status: 'mismatch' });
      await logBallot(tx, {
        ballotId: ballot.id,
        accountId: actor.accountId,
        action: 'paper.mismatch',
        payload: { paperId: paper!.id },
      });
      result = 'mismatch';
    } else if (first) {
      result = await countPaper(tx, ballot, paper!, actor, input.electorId, choice);
    }
    return { result, view: (await readPapers(tx, ballot.id, { paperId: paper!.id }))[0]! };
  });
  if (outcome.result === 'already_voted') {
    throw new AppError(409, 'ballot.already_voted', { details: { paper: outcome.view } });
  }
  return outcome.view;
}

/** The ballot's papers with both entries each, and how many are in each state (staff of its place). */
export async function listPapers(db: Db, actor: Actor, ballotId: number, status?: PaperStatus) {
  const ballot = await loadBallotForStaff(db, actor, ballotId, 'ballot.enterPaper');
  const items = await readPapers(db, ballot.id, { status });
  const rows = await db
    .select({ status: ballotPapers.status, n: count() })
    .from(ballotPapers)
    .where(eq(ballotPapers.ballotId, ballot.id))
    .groupBy(ballotPapers.status);
  const counts = { pending: 0, mismatch: 0, counted: 0, void: 0 };
  for (const row of rows) counts[row.status] = row.n;
  if (ballot.secrecy === 'secret') {
    await logBallot(db, {
      ballotId: ballot.id,
      accountId: actor.accountId,
      action: 'papers.read',
      payload: { status: status ?? null },
    });
  }
  return { items, counts };
}

/**
 * A third staff member (neither of the two who entered it) settles a mismatched paper: counts the
 * right elector and choice, or voids it with a note. A refused count changes nothing.
 */
export async function reconcilePaper(db: Db, actor: Actor, paperId: number, input: ReconcileBody): Promise<PaperView> {
  return db.transaction(async (tx) => {
    const [paper] = await tx.select().from(ballotPapers).where(eq(ballotPapers.id, paperId)).for('update');
    if (!paper) throw notFound('paper');
    const ballot = await loadBallotForStaff(tx, actor, paper.ballotId, 'ballot.enterPaper');
    requireOpen(ballot);
    if (paper.status !== 'mismatch') throw new AppError(409, 'paper.not_mismatch');
    const entries = await tx.select().from(ballotPaperEntries).where(eq(ballotPaperEntries.paperId, paper.id));
    if (entries.some((e) => e.enteredBy === actor.accountId)) throw new AppError(409, 'paper.same_staff');
    const settled = { reconciledBy: actor.accountId, reconcileNote: input.note ?? null };
    if (input.void) {
      if (!input.note) throw invalid('note', 'validation.required');
      await settle(tx, ballot, paper.id, { ...settled, status: 'void' });
      await logBallot(tx, {
        ballotId: ballot.id,
        accountId: actor.accountId,
        action: 'paper.void',
        payload: { paperId: paper.id },
      });
    } else {
      if (input.electorId === undefined) throw invalid('electorId', 'validation.required');
      await electorOf(tx, ballot.id, input.electorId, 'electorId');
      const choice = validateChoice(ballot, await optionsOf(tx, ballot.id), input);
      await castVote(tx, {
        ballot,
        electorId: input.electorId,
        choice,
        channel: 'paper',
        castBy: actor.accountId,
        paperNo: paper.paperNo,
        mayReplace: false,
      });
      await settle(tx, ballot, paper.id, { ...settled, status: 'counted' });
      await logBallot(tx, {
        ballotId: ballot.id,
        accountId: actor.accountId,
        action: 'paper.reconcile',
        payload: { paperId: paper.id },
      });
    }
    return (await readPapers(tx, ballot.id, { paperId: paper.id }))[0]!;
  });
}
