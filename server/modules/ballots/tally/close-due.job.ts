import { clockNow } from '../../../clock';
import type { Db } from '../../../db/client';
import { passDeadline } from './close';
import { ballotLifecycle } from '../../../../domain/voting';
import { dueBallotIds } from './tally.repository';

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
  const due = await dueBallotIds(db, clockNow());
  const outcome: CloseDueOutcome = { closed: [], counting: [], failed: 0 };
  let firstError: unknown;
  for (const { id } of due) {
    try {
      const ballot = await passDeadline(db, id);
      if (ballotLifecycle.is.closed(ballot?.status)) outcome.closed.push(id);
      if (ballotLifecycle.is.counting(ballot?.status)) outcome.counting.push(id);
    } catch (error) {
      outcome.failed += 1;
      firstError ??= error;
    }
  }
  if (firstError) throw firstError;
  return outcome;
}
