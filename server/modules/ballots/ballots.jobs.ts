import { and, asc, eq, lte, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { ballots } from '../../db/schema';
import { closeBallot } from './ballots.close';

export type CloseDueOutcome = { closed: number[]; failed: number };

/**
 * The deadline job (every minute, server/jobs): closes every open ballot whose closing time has
 * passed, through the same closeBallot as an early close (tally, stored result, chain entry, the
 * `closed` signal to live pages). Idempotent and safe on many nodes at once: closeBallot locks the
 * ballot and returns one already closed as it is. One ballot failing does not stop the others; the
 * job then fails so pg-boss records it, and the next minute tries again.
 */
export async function closeDueBallots(db: Db): Promise<CloseDueOutcome> {
  const due = await db
    .select({ id: ballots.id })
    .from(ballots)
    .where(and(eq(ballots.status, 'open'), lte(ballots.closesAt, sql`now()`)))
    .orderBy(asc(ballots.closesAt), asc(ballots.id));
  const outcome: CloseDueOutcome = { closed: [], failed: 0 };
  let firstError: unknown;
  for (const { id } of due) {
    try {
      const ballot = await closeBallot(db, id, null);
      if (ballot?.status === 'closed') outcome.closed.push(id);
    } catch (error) {
      outcome.failed += 1;
      firstError ??= error;
    }
  }
  if (firstError) throw firstError;
  return outcome;
}
