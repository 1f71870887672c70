import type { Actor } from '../../../domain/access';
import { ballotLifecycle, ballotStatusCapabilities, effectiveBallotStatus } from '../../../domain/voting';
import type { DbOrTx } from '../../db/client';
import { AppError, invalid } from '../../errors';
import { loadBallot } from './ballots.access';
import { findElector } from './ballots.repository';
import type { BallotRow } from './casting/cast';
import { clockNow } from '../../clock';

/** What staff do on the other channels: `manage` (proxies) or `enterPaper` (assisted and paper entry). */
export type ChannelAbility = 'ballot.manage' | 'ballot.enterPaper';

/**
 * The ballot for a member of staff who may do `ability` on it: 404 when they cannot even see it, 403
 * when they see it but may not (grid workers enter assisted votes and papers; proxies need a manager).
 */
export async function loadBallotForStaff(tx: DbOrTx, actor: Actor, ballotId: number, ability: ChannelAbility) {
  return (await loadBallot(tx, actor, ballotId, ability)).ballot;
}

/**
 * 409 unless the ballot takes votes now (open, and its closing time not yet passed): counting takes
 * papers only, so assisted votes and proxies are refused as after a close.
 */
export function requireOpen(ballot: BallotRow, now = clockNow()) {
  const status = effectiveBallotStatus(ballot, now);
  if (ballotLifecycle.is.draft(status)) throw new AppError(409, 'ballot.not_open');
  if (!ballotStatusCapabilities[status].takesVotes) throw new AppError(409, 'ballot.closed');
}

/** An elector of this ballot's snapshot, or 400 on `field`. */
export async function electorOf(tx: DbOrTx, ballotId: number, electorId: number, field: string) {
  const elector = await findElector(tx, ballotId, electorId);
  if (!elector) throw invalid(field, 'ballot.unknown_elector');
  return elector;
}
