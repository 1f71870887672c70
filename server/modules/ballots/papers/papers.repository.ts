import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import { paperLifecycle, type PaperStatus } from '../../../../domain/voting';
import type { DbOrTx } from '../../../db/client';
import { accounts, ballotElectors, ballotPaperEntries, ballotPapers, ballots } from '../../../db/schema';
import { isState } from '../../../db/lifecycle-sql';

export type PaperRow = typeof ballotPapers.$inferSelect;

/**
 * The ballot row locked FOR NO KEY UPDATE: votes in flight hold FOR KEY SHARE and go on; a close,
 * FOR UPDATE, waits for the paper entry that took this lock.
 */
export async function lockBallotForPapers(tx: DbOrTx, ballotId: number) {
  const [ballot] = await tx.select().from(ballots).where(eq(ballots.id, ballotId)).for('no key update');
  return ballot;
}

/** From now on the ballot's closing time leads to counting, not to a close. */
export async function markBallotUsesPapers(tx: DbOrTx, ballotId: number) {
  await tx.update(ballots).set({ usesPapers: true }).where(eq(ballots.id, ballotId));
}

export async function updatePaper(tx: DbOrTx, paperId: number, patch: Partial<PaperRow>) {
  await tx.update(ballotPapers).set(patch).where(eq(ballotPapers.id, paperId));
}

/** The paper's entries forget their choices and digests. */
export async function forgetPaperEntryChoices(tx: DbOrTx, paperId: number) {
  await tx
    .update(ballotPaperEntries)
    .set({ choice: null, choiceDigest: null })
    .where(eq(ballotPaperEntries.paperId, paperId));
}

/**
 * At the final close of a secret ballot: every paper entry forgets its choice, settled or not (a close
 * refuses unsettled papers, so this only guarantees it).
 */
export async function forgetPaperChoices(tx: DbOrTx, ballotId: number) {
  const papers = tx.select({ id: ballotPapers.id }).from(ballotPapers).where(eq(ballotPapers.ballotId, ballotId));
  await tx
    .update(ballotPaperEntries)
    .set({ choice: null, choiceDigest: null })
    .where(inArray(ballotPaperEntries.paperId, papers));
  await tx.update(ballotPapers).set({ choiceSalt: null }).where(eq(ballotPapers.ballotId, ballotId));
}

/** Papers still waiting (pending or mismatched): a count cannot close while any is left. */
export async function unsettledPapers(tx: DbOrTx, ballotId: number) {
  const [row] = await tx
    .select({
      pending: sql<number>`count(*) filter (where ${isState(ballotPapers.status, paperLifecycle.state.pending)})::int`,
      mismatch: sql<number>`count(*) filter (where ${isState(ballotPapers.status, paperLifecycle.state.mismatch)})::int`,
    })
    .from(ballotPapers)
    .where(eq(ballotPapers.ballotId, ballotId));
  return { pending: row?.pending ?? 0, mismatch: row?.mismatch ?? 0 };
}

/** Creates the paper unless the ballot already has one of that number. */
export async function insertPaperIfAbsent(
  tx: DbOrTx,
  values: { ballotId: number; paperNo: string; choiceSalt: string | null },
) {
  await tx.insert(ballotPapers).values(values).onConflictDoNothing();
}

/** The ballot's paper of that number, locked FOR UPDATE. */
export async function findPaperByNoForUpdate(tx: DbOrTx, ballotId: number, paperNo: string) {
  const [paper] = await tx
    .select()
    .from(ballotPapers)
    .where(and(eq(ballotPapers.ballotId, ballotId), eq(ballotPapers.paperNo, paperNo)))
    .for('update');
  return paper;
}

/** The paper, locked FOR UPDATE when `lock`. */
export async function findPaper(tx: DbOrTx, paperId: number, lock = false) {
  const query = tx.select().from(ballotPapers).where(eq(ballotPapers.id, paperId));
  const [paper] = lock ? await query.for('update') : await query;
  return paper;
}

export async function setPaperSalt(tx: DbOrTx, paperId: number, choiceSalt: string) {
  await tx.update(ballotPapers).set({ choiceSalt }).where(eq(ballotPapers.id, paperId));
}

export const paperEntriesOf = (tx: DbOrTx, paperId: number) =>
  tx.select().from(ballotPaperEntries).where(eq(ballotPaperEntries.paperId, paperId));

export async function insertPaperEntry(tx: DbOrTx, values: typeof ballotPaperEntries.$inferInsert) {
  await tx.insert(ballotPaperEntries).values(values);
}

/** The ballot's papers by number, optionally only one paper or only papers in `statuses`. */
export async function paperRows(
  db: DbOrTx,
  ballotId: number,
  where: { paperId?: number; statuses?: readonly PaperStatus[] },
) {
  return db
    .select({
      id: ballotPapers.id,
      paperNo: ballotPapers.paperNo,
      status: ballotPapers.status,
      mismatch: ballotPapers.mismatch,
      reconcileNote: ballotPapers.reconcileNote,
    })
    .from(ballotPapers)
    .where(
      and(
        eq(ballotPapers.ballotId, ballotId),
        where.paperId === undefined ? undefined : eq(ballotPapers.id, where.paperId),
        where.statuses === undefined ? undefined : inArray(ballotPapers.status, [...where.statuses]),
      ),
    )
    .orderBy(asc(ballotPapers.paperNo));
}

/** The entries of these papers in the order made, with the elector's label and who entered each. */
export async function paperEntryRows(db: DbOrTx, paperIds: readonly number[]) {
  if (paperIds.length === 0) return [];
  return db
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
    .where(inArray(ballotPaperEntries.paperId, [...paperIds]))
    .orderBy(asc(ballotPaperEntries.id));
}

/** How many papers of the ballot are in each state (states without papers absent). */
export async function paperStatusCounts(db: DbOrTx, ballotId: number) {
  return db
    .select({ status: ballotPapers.status, n: count() })
    .from(ballotPapers)
    .where(eq(ballotPapers.ballotId, ballotId))
    .groupBy(ballotPapers.status);
}
