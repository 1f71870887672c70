import { can, type Action, type Actor, type Subject } from '../../../domain/access';
import { AppError, notFound } from '../../errors';
import type { DbOrTx } from '../../db/client';
import { nominationById } from './talents.repository';

/** A nomination as the access policy sees it: the nominee's community. */
export const nominationSubject = (path: string): Subject => ({ type: 'place', path });

/** The one refusal for a command the nomination's or selection's stage does not allow (or someone did first). */
export const wrongStage = () => new AppError(409, 'talents.wrong_stage');

/**
 * The nomination if the actor may see it (the nominee themself, or staff over their community; 404
 * otherwise) and may do `action` on it (403 otherwise).
 */
export async function nominationFor(db: DbOrTx, actor: Actor, action: Action | null, id: number) {
  const row = await nominationById(db, id);
  if (!row) throw notFound('talentNomination');
  const subject = nominationSubject(row.nomination.placePath);
  const isNominee = row.nomination.accountId === actor.accountId;
  if (!isNominee && !can(actor, 'talentNomination.view', subject)) throw notFound('talentNomination');
  if (action && !can(actor, action, subject)) throw new AppError(403, 'access.denied');
  return row;
}
