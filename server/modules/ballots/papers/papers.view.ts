import type { Actor } from '../../../../domain/access';
import type { Db, DbOrTx } from '../../../db/client';
import type { BallotChoice } from '../casting/cast';
import { loadBallotForStaff } from '../ballots.channels';
import { logBallot } from '../ballots.repository';
import { paperEntryRows, paperRows, paperStatusCounts } from './papers.repository';
import type { PaperView } from '../../../../contracts/ballot-papers';

import type { PaperStatus } from '../../../../domain/voting';

/**
 * Papers with their entries, as staff see them. A secret ballot's entries never carry a choice (none
 * is stored; the digest is not shown either): staff see who entered which elector and, for a
 * mismatch, only that the entries differ.
 */
export async function readPapers(
  tx: DbOrTx,
  ballotId: number,
  where: { paperId?: number; status?: PaperStatus | readonly PaperStatus[] },
): Promise<PaperView[]> {
  const statuses = where.status === undefined ? undefined : ([] as PaperStatus[]).concat(where.status);
  const papers = await paperRows(tx, ballotId, { paperId: where.paperId, statuses });
  const ids = papers.map((p) => p.id);
  const entries = await paperEntryRows(tx, ids);
  return papers.map((p): PaperView => ({
    ...p,
    entries: entries
      .filter((e) => e.paperId === p.id)
      .map((e) => ({
        electorId: e.electorId,
        label: e.label,
        choice: (e.choice as { kind?: string } | null)?.kind ? (e.choice as BallotChoice) : null,
        enteredBy: { accountId: e.accountId, name: e.name },
        at: e.at.toISOString(),
      })),
  }));
}

/** The ballot's papers with their entries, and how many are in each state (staff of its place). */
export async function listPapers(db: Db, actor: Actor, ballotId: number, status?: PaperStatus) {
  const ballot = await loadBallotForStaff(db, actor, ballotId, 'ballot.enterPaper');
  const items = await readPapers(db, ballot.id, { status });
  const counts = await paperCounts(db, ballot.id);
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

/** How many papers of the ballot are in each state. */
export async function paperCounts(db: DbOrTx, ballotId: number) {
  const rows = await paperStatusCounts(db, ballotId);
  const counts = { pending: 0, mismatch: 0, counted: 0, void: 0 };
  for (const row of rows) counts[row.status] = row.n;
  return counts;
}
