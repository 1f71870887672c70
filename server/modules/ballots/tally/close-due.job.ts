import { and, asc, eq, lte } from 'drizzle-orm';
import { clockNow } from '../../../clock';
import type { Db } from '../../../db/client';
import { ballots } from '../../../db/schema';
import { passDeadline } from './close';

export type CloseDueOutcome = { closed: number[]; counting: number[]; failed: number };

/**
 * The deadline job (every minute, server/jobs): every open ballot whose closing time has passed moves
 * on — to counting (计票中) when paper ballots are in use, else closed through the same closeBallot as
 * an early close (tally, stored result, chain entry, the `closed` signal to live pages). A counting
 * ballot is never closed by the job: staff close the count once every paper is settled. Idempotent and safe on many nodes at once: closeBallot locks the
 * ballot and returns one already closed as it is. One ballot failing does not stop the others; the
 * job then fails so pg-boss records it, and the next minute tries again.
 */
export async function closeDueBallots(db: Db): Promise<CloseDueOutcome> {
  const due = await db
    .select({ id: ballots.id })
    .from(ballots)
    .where(and(eq(ballots.status, 'open'), lte(ballots.closesAt, clockNow())))
    .orderBy(asc(ballots.closesAt), asc(ballots.id));
  const outcome: CloseDueOutcome = { closed: [], counting: [], failed: 0 };
  let firstError: unknown;
  for (const { id } of due) {
    try {
      const ballot = await passDeadline(db, id);
      if (ballot?.status === 'closed') outcome.closed.push(id);
      if (ballot?.status === 'counting') outcome.counting.push(id);
    } catch (error) {
      outcome.failed += 1;
      firstError ??= error;
    }
  }
  if (firstError) throw firstError;
  return outcome;
}
