import { sql } from 'drizzle-orm';
import type { ListScope } from '../../../domain/access';
import { taskLifecycle } from '../../../domain/implementation/task-status';
import { CLOSED_STATUSES, FOLLOW_UP_STATUSES } from '../../../domain/matters/stages';
import { OPEN_REFERRAL_STATUSES } from '../../../domain/departments/referral-status';
import type { DbOrTx } from '../../db/client';
import { inStates, isState, notInStates } from '../../db/lifecycle-sql';
import {
  departments,
  followUps,
  matterOversight,
  matters,
  objections,
  places,
  referrals,
  resolutions,
  supervisionFindings,
  supervisionReviews,
  tasks,
} from '../../db/schema';
import { inScope } from '../../db/subtree';
import type { DueItem } from '../../../contracts/supervision';

/**
 * What is due over the open matters inside the scope's places and those the account oversees, as of
 * `today` (a China day), at most 500 rows, earliest due first (see listDue for the five kinds).
 */
export async function dueRows(db: DbOrTx, input: { scope: ListScope; accountId: number; today: string }) {
  const { today } = input;
  const me = input.accountId;
  const inPlaces = inScope(sql`m.place_path`, input.scope);
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
      where ${notInStates(sql`m.status`, CLOSED_STATUSES)}
        and ((${inPlaces})
          or m.id in (select matter_id from ${matterOversight} where supervisor_account_id = ${me} and ended_at is null))
    )
    select 'overdue_task' as kind, s.*, t.due_on::text as due_on, t.title as detail
      from scope s join ${tasks} t on t.matter_id = s.id
      where ${isState(sql`t.status`, taskLifecycle.state.open)} and t.due_on < ${today}::date
    union all
    select 'follow_up_missing', s.*, last.due_on::text, ''
      from scope s
      cross join lateral (select max(due_on) as due_on from ${tasks} where matter_id = s.id) last
      where ${inStates(sql`s.status`, FOLLOW_UP_STATUSES)} and last.due_on < ${today}::date
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
    union all
    select 'referral_overdue', s.*, r.due_on::text, d.name
      from scope s join ${referrals} r on r.matter_id = s.id join ${departments} d on d.id = r.department_id
      where ${inStates(sql`r.status`, OPEN_REFERRAL_STATUSES)} and r.due_on < ${today}::date
    order by due_on nulls last, id
    limit 500`);
  return rows;
}
