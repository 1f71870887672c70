import { sql } from 'drizzle-orm';
import { isIndependentReviewer, type Role } from '../../../domain/access';
import type { MatterFacts, MatterStatus } from '../../../domain/matters/stages';
import { todayInChina } from '../../calendar';
import type { DbOrTx } from '../../db/client';
import { clockNow } from '../../clock';
import {
  evaluations,
  followUps,
  invitations,
  matters,
  meetings,
  notices,
  objections,
  places,
  resolutions,
  roleGrants,
  signIns,
  supervisionReviews,
  tasks,
} from '../../db/schema';

/** Gathers what the stage guards read, in one round trip, inside the command's transaction. */
export async function gatherMatterFacts(tx: DbOrTx, matterId: number, status: MatterStatus): Promise<MatterFacts> {
  const result = await tx.execute<{
    topic_notices: number;
    invitations: number;
    meetings_held: number;
    resolution_ends: string | null;
    has_resolution: boolean;
    unanswered: number;
    tasks: number;
    open_tasks: number;
    follow_ups: number;
    place_path: string;
    reviewer_grants: { role: Role; placePath: string }[][];
    evaluations: number;
  }>(sql`
    select
      (select count(*)::int from ${notices} where matter_id = ${matterId} and kind = 'topic') as topic_notices,
      (select count(*)::int from ${invitations} where matter_id = ${matterId}) as invitations,
      (select count(*)::int from ${meetings} m where m.matter_id = ${matterId}
         and exists (select 1 from ${signIns} s where s.meeting_id = m.id)) as meetings_held,
      (select to_char(objection_ends_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
         from ${resolutions} where matter_id = ${matterId}) as resolution_ends,
      exists (select 1 from ${resolutions} where matter_id = ${matterId}) as has_resolution,
      (select count(*)::int from ${objections} o join ${resolutions} r on r.id = o.resolution_id
         where r.matter_id = ${matterId} and o.answered_at is null) as unanswered,
      (select count(*)::int from ${tasks} where matter_id = ${matterId}) as tasks,
      (select count(*)::int from ${tasks} where matter_id = ${matterId} and status <> 'done') as open_tasks,
      (select count(*)::int from ${followUps} where matter_id = ${matterId}) as follow_ups,
      (select place_path from ${matters} where id = ${matterId}) as place_path,
      -- Each reviewer's grants as they stand now: a review counts only from someone who runs nothing here.
      (select coalesce(json_agg(coalesce((
          select json_agg(json_build_object('role', g.role, 'placePath', p.path))
          from ${roleGrants} g join ${places} p on p.id = g.place_id where g.account_id = r.account_id), '[]'::json)), '[]'::json)
         from (select distinct account_id from ${supervisionReviews} where matter_id = ${matterId}) r) as reviewer_grants,
      (select count(*)::int from ${evaluations} where matter_id = ${matterId}) as evaluations
  `);
  const row = result.rows[0]!;
  return {
    status,
    today: todayInChina(),
    now: clockNow().toISOString(),
    hasTopicNotice: row.topic_notices > 0,
    invitationCount: row.invitations,
    meetingsHeld: row.meetings_held,
    hasResolution: row.has_resolution,
    objectionEndsAt: row.resolution_ends,
    unansweredObjections: row.unanswered,
    taskCount: row.tasks,
    openTaskCount: row.open_tasks,
    followUpCount: row.follow_ups,
    hasSupervisionReview: row.reviewer_grants.some((grants) => isIndependentReviewer(grants, row.place_path)),
    hasEvaluation: row.evaluations > 0,
  };
}
