import { asc, desc, eq, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Role } from '../../../domain/access';
import { taskLifecycle } from '../../../domain/implementation/task-status';
import type { MatterStatus } from '../../../domain/matters/stages';
import type { DbOrTx } from '../../db/client';
import { standingOf } from '../../db/people-sql';
import { isState } from '../../db/lifecycle-sql';
import {
  accounts,
  evaluations,
  followUps,
  invitations,
  matterEvents,
  matters,
  matterStageEntries,
  meetings,
  notices,
  objections,
  places,
  resolutions,
  roleGrants,
  signIns,
  supervisionFindings,
  supervisionReviews,
  tasks,
} from '../../db/schema';

/** The last link of a matter's chain (seq and hash), or undefined for a matter with no entry yet. */
export async function lastChainLink(tx: DbOrTx, matterId: number) {
  const [previous] = await tx
    .select({ seq: matterEvents.seq, hash: matterEvents.hash })
    .from(matterEvents)
    .where(eq(matterEvents.matterId, matterId))
    .orderBy(desc(matterEvents.seq))
    .limit(1);
  return previous;
}

export async function insertMatterEvent(tx: DbOrTx, values: typeof matterEvents.$inferInsert): Promise<void> {
  await tx.insert(matterEvents).values(values);
}

/** The matter's stored chain rows, in order. */
export async function matterEventRows(db: DbOrTx, matterId: number) {
  return db.select().from(matterEvents).where(eq(matterEvents.matterId, matterId)).orderBy(asc(matterEvents.seq));
}

/** The matter's chain as a timeline: each entry with the display name of whoever wrote it. */
export async function timelineRows(db: DbOrTx, matterId: number) {
  return db
    .select({
      seq: matterEvents.seq,
      action: matterEvents.action,
      at: matterEvents.at,
      actorName: accounts.displayName,
      actorStanding: standingOf(matterEvents.actorAccountId),
      payload: matterEvents.payload,
    })
    .from(matterEvents)
    .leftJoin(accounts, eq(accounts.id, matterEvents.actorAccountId))
    .where(eq(matterEvents.matterId, matterId))
    .orderBy(asc(matterEvents.seq));
}

/** Notes when the matter entered a status; a status already entered keeps its first day. */
export async function insertStageEntry(
  tx: DbOrTx,
  entry: { matterId: number; status: MatterStatus; enteredAt: Date },
): Promise<void> {
  await tx.insert(matterStageEntries).values(entry).onConflictDoNothing();
}

/** Is the account (or the resident) invited to the matter, or signed in at one of its meetings? */
/**
 * The one "takes part in the matter" condition (invited as an account or as a resident, or signed in
 * at one of its meetings), for one matter id or a matter id column of a larger query.
 */
export function participatesIn(matterId: number | SQLWrapper, accountId: number, residentId: number | null): SQL {
  return sql`(exists (
      select 1 from ${invitations} where ${invitations.matterId} = ${matterId}
        and (${invitations.accountId} = ${accountId} or ${invitations.residentId} = ${residentId ?? -1})
    ) or exists (
      select 1 from ${signIns} s join ${meetings} m on m.id = s.meeting_id
        where m.matter_id = ${matterId} and s.account_id = ${accountId}
    ))`;
}

export async function participantExists(
  db: DbOrTx,
  matterId: number,
  accountId: number,
  residentId: number | null,
): Promise<boolean> {
  const [row] = await db
    .execute<{ found: boolean }>(sql`select ${participatesIn(matterId, accountId, residentId)} as found`)
    .then((r) => r.rows);
  return Boolean(row?.found);
}

export type MatterFactCounts = {
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
  unanswered_findings: number;
  evaluations: number;
};

/** The counts the stage guards read, in one round trip. */
export async function matterFactCounts(tx: DbOrTx, matterId: number): Promise<MatterFactCounts> {
  const result = await tx.execute<MatterFactCounts>(sql`
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
      (select count(*)::int from ${tasks} where matter_id = ${matterId} and not ${isState(sql`status`, taskLifecycle.state.done)}) as open_tasks,
      (select count(*)::int from ${followUps} where matter_id = ${matterId}) as follow_ups,
      (select place_path from ${matters} where id = ${matterId}) as place_path,
      -- Each reviewer's grants as they stand now: a review counts only from someone who runs nothing here.
      (select coalesce(json_agg(coalesce((
          select json_agg(json_build_object('role', g.role, 'placePath', p.path))
          from ${roleGrants} g join ${places} p on p.id = g.place_id where g.account_id = r.account_id), '[]'::json)), '[]'::json)
         from (select distinct account_id from ${supervisionReviews} where matter_id = ${matterId}) r) as reviewer_grants,
      (select count(*)::int from ${supervisionFindings} where matter_id = ${matterId} and answered_at is null) as unanswered_findings,
      (select count(*)::int from ${evaluations} where matter_id = ${matterId}) as evaluations
  `);
  return result.rows[0]!;
}
