import type { Actor, BallotAction, BallotSubject } from '../../../domain/access';
import type { DbOrTx } from '../../db/client';
import { authorize, type Access } from '../../plugins/authorize';
import { findMatter, isParticipant, matterSubject } from '../matters';
import type { BallotRow } from './casting/cast';
import { findBallot } from './ballots.repository';

/** The ballot as the access policy sees it (a matter's ballot carries the matter's state). */
export async function ballotSubject(db: DbOrTx, actor: Actor, ballot: BallotRow): Promise<BallotSubject> {
  if (ballot.matterId === null) return { type: 'ballot', path: ballot.placePath, matter: null };
  const matter = await findMatter(db, ballot.matterId);
  return {
    type: 'ballot',
    path: ballot.placePath,
    matter: matterSubject(matter!, await isParticipant(db, actor, matter!)),
  };
}

/** Ballots are hidden from who may neither see them nor enter papers in them. */
export const ballotAccess: Access = { what: 'ballot', seeIf: ['ballot.view', 'ballot.enterPaper'] };

/**
 * The ballot if the actor may see it (else 404, revealing nothing) and, when `action` is given, may
 * do it (else 403).
 */
export async function loadBallot(db: DbOrTx, actor: Actor, ballotId: number, action?: BallotAction, lock = false) {
  const ballot = await findBallot(db, ballotId, lock);
  const subject = ballot && (await ballotSubject(db, actor, ballot));
  authorize(actor, action ?? null, subject, ballotAccess);
  return { ballot: ballot!, subject };
}
