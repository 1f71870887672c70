import type { Actor } from '../../../../domain/access';
import type { Db } from '../../../db/client';
import { castVote, validateChoice } from '../casting/cast';
import { signalBallot } from '../../../plugins/live';
import { electorOf, loadBallotForStaff, requireOpen } from '../ballots.channels';
import { ballotOptionsOf, logBallot } from '../ballots.repository';
import type { AssistedBody } from '../../../../contracts/ballot-papers';

/**
 * 协助投票: staff enter a named elector's choice at their door or at the mobile ballot box. Counted
 * as channel `assisted`; the receipt goes to the voter on paper. Logged with the method, never the
 * choice of a secret ballot (castVote logs the vote itself).
 */
export async function castAssistedVote(db: Db, actor: Actor, ballotId: number, input: AssistedBody) {
  return db.transaction(async (tx) => {
    const ballot = await loadBallotForStaff(tx, actor, ballotId, 'ballot.enterPaper');
    requireOpen(ballot);
    await electorOf(tx, ballot.id, input.electorId, 'electorId');
    const choice = validateChoice(ballot, await ballotOptionsOf(tx, ballot.id), input);
    const cast = await castVote(tx, {
      ballot,
      electorId: input.electorId,
      choice,
      channel: 'assisted',
      castBy: actor.accountId,
      mayReplace: false,
    });
    await signalBallot(tx, ballot.id, 'turnout');
    await logBallot(tx, {
      ballotId: ballot.id,
      accountId: actor.accountId,
      action: 'vote.assisted',
      payload: { electorId: input.electorId, method: input.method },
    });
    return { receipt: cast.receipt, channel: 'assisted' as const, castAt: cast.castAt };
  });
}
