import { scopeFor, type Actor } from '../../../domain/access';
import { refusalCodes } from '../../plugins/authorize';
import { todayInChina } from '../../calendar';
import type { Db } from '../../db/client';
import { AppError } from '../../errors';
import type { DueItem } from '../../../contracts/supervision';
import { clockNow } from '../../clock';
import { dueRows } from './supervision-due.repository';

/**
 * 待督办 — what is due for a supervisor (or the staff of a place), over the matters they were
 * assigned to oversee and every open matter inside the places where they hold the supervisor or a
 * staff role. Six kinds, each dated in China days (today = `today`):
 * - overdue_task: an open task whose due date is before today;
 * - follow_up_missing: a matter implementing or in review whose every task fell due before today
 *   and that has no follow-up (回访) recorded yet;
 * - look_back_due: the matter's latest supervision review set a look-back (回头看) day ≤ today —
 *   a later review without one clears it;
 * - objection_unanswered: an objection to the resolution with no answer;
 * - finding_unanswered: a supervisor's finding with no answer;
 * - referral_overdue: a referral (转办) still with its department after its due day (detail: the department).
 * Archived, declined and merged matters owe nothing.
 */
export async function listDue(db: Db, actor: Actor, now = clockNow()): Promise<{ today: string; items: DueItem[] }> {
  const scope = scopeFor(actor, 'supervision.listDue');
  if (scope.subtrees.length === 0) throw new AppError(403, refusalCodes.denied);
  const today = todayInChina(now);
  const rows = await dueRows(db, { scope, accountId: actor.accountId, today });
  return {
    today,
    items: rows.map((r) => ({
      kind: r.kind,
      matterId: r.id,
      title: r.title,
      status: r.status,
      placeName: r.place_name,
      dueOn: r.due_on,
      detail: r.detail,
      isOverseen: r.is_overseen,
    })),
  };
}
