import { sql } from 'drizzle-orm';
import { scopeFor, type Actor } from '../../../domain/access';
import { inScope } from '../../db/subtree';
import { refusalCodes } from '../../plugins/authorize';
import { todayInChina } from '../../calendar';
import type { Db } from '../../db/client';
import { AppError } from '../../errors';
import type { DueItem } from '../../../contracts/supervision';
import { clockNow } from '../../clock';
import {
  followUps,
  matterOversight,
  matters,
  objections,
  places,
  resolutions,
  supervisionFindings,
  supervisionReviews,
  tasks,
} from '../../db/schema';

const closed = sql`('archived', 'declined', 'merged')`;

/**
 * 待督办 — what is due for a supervisor (or the staff of a place), over the matters they were
 * assigned to oversee and every open matter inside the places where they hold the supervisor or a
 * staff role. Five kinds, each dated in China days (today = `today`):
 * - overdue_task: an open task whose due date is before today;
 * - follow_up_missing: a matter implementing or in review whose every task fell due before today
 *   and that has no follow-up (回访) recorded yet;
 * - look_back_due: the matter's latest supervision review set a look-back (回头看) day ≤ today —
 *   a later review without one clears it;
 * - objection_unanswered: an objection to the resolution with no answer;
 * - finding_unanswered: a supervisor's finding with no answer.
 * Archived, declined and merged matters owe nothing.
 */
export async function listDue(db: Db, actor: Actor, now = clockNow()): Promise<{ today: string; items: DueItem[] }> {
  const scope = scopeFor(actor, 'supervision.listDue');
  if (scope.subtrees.length === 0) throw new AppError(403, refusalCodes.denied);
  const today = todayInChina(now);
  const me = actor.accountId;
  const inPlaces = inScope(sql`m.place_path`, scope);
  const { rows } = await db.execute<{
    kind: DueItem['kind'];
    id: number;
    title: string;
    status: string;
    place_name: string;
    due_on: string | null;
    detail: string;
    is_overseen: boolean;
  }>(sql`
    with scope as (
      select m.id, m.title, m.status, p.name as place_name,
        exists (select 1 from ${matterOversight} o where o.matter_id = m.id and o.supervisor_account_id = ${me}
          and o.ended_at is null)
          as is_overseen
      from ${matters} m join ${places} p on p.id = m.place_id
      where m.status not in ${closed}
        and ((${inPlaces})
          or m.id in (select matter_id from ${matterOversight} where supervisor_account_id = ${me} and ended_at is null))
    )
    select 'overdue_task' as kind, s.*, t.due_on::text as due_on, t.title as detail
      from scope s join ${tasks} t on t.matter_id = s.id
      where t.status = 'open' and t.due_on < ${today}::date
    union all
    select 'follow_up_missing', s.*, last.due_on::text, ''
      from scope s
      cross join lateral (select max(due_on) as due_on from ${tasks} where matter_id = s.id) last
      where s.status in ('implementing', 'reviewed') and last.due_on < ${today}::date
        and not exists (select 1 from ${followUps} f where f.matter_id = s.id)
    union all
    select 'look_back_due', s.*, r.look_back_on::text, left(r.comment, 80)
      from scope s
      cross join lateral (
        select look_back_on, comment from ${supervisionReviews}
        where matter_id = s.id order by created_at desc, id desc limit 1
      ) r
      where r.look_back_on <= ${today}::date
    union all
    select 'objection_unanswered', s.*, null, left(o.body, 80)
      from scope s join ${resolutions} r on r.matter_id = s.id join ${objections} o on o.resolution_id = r.id
      where o.answered_at is null
    union all
    select 'finding_unanswered', s.*, f.due_on::text, left(f.body, 80)
      from scope s join ${supervisionFindings} f on f.matter_id = s.id
      where f.answered_at is null
    order by due_on nulls last, id
    limit 500`);
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
