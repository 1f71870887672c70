import { and, eq, or, sql } from 'drizzle-orm';
import type { Actor } from '../../../domain/access';
import type { DbOrTx } from '../../db/client';
import {
  accounts,
  invitations,
  matters,
  meetings,
  minuteAmendments,
  minutes,
  organisations,
  poolMembers,
  residents,
  signIns,
} from '../../db/schema';
import { notFound } from '../../errors';
import { inSubtree } from '../../db/subtree';

export type MeetingRow = typeof meetings.$inferSelect;
export type MinutesRow = typeof minutes.$inferSelect;

export async function meetingOrNotFound(db: DbOrTx, id: number): Promise<MeetingRow> {
  const [row] = await db.select().from(meetings).where(eq(meetings.id, id));
  if (!row) throw notFound('meeting');
  return row;
}

export async function minutesOrNotFound(db: DbOrTx, id: number) {
  const [row] = await db
    .select({ minutes, matterId: meetings.matterId })
    .from(minutes)
    .innerJoin(meetings, eq(meetings.id, minutes.meetingId))
    .where(eq(minutes.id, id));
  if (!row) throw notFound('minutes');
  return row;
}

/** The actor's invitation to a matter: by account, or as the resident it was issued to. */
export async function invitationOf(db: DbOrTx, matterId: number, actor: Actor) {
  const [row] = await db
    .select()
    .from(invitations)
    .where(
      and(
        eq(invitations.matterId, matterId),
        or(
          eq(invitations.accountId, actor.accountId),
          actor.residentId === null ? sql`false` : eq(invitations.residentId, actor.residentId),
        ),
      ),
    )
    .orderBy(invitations.id)
    .limit(1);
  return row;
}

/** Whether the actor signed in to the meeting (by account, or through their invitation). */
export async function attended(db: DbOrTx, meetingId: number, actor: Actor, invitationId: number | undefined) {
  return (await signInOf(db, meetingId, actor, invitationId)) !== undefined;
}

/** The actor's sign-in at the meeting (by account, or through their invitation), if any. */
export async function signInOf(db: DbOrTx, meetingId: number, actor: Actor, invitationId: number | undefined) {
  const [row] = await db
    .select({ at: signIns.at, method: signIns.method })
    .from(signIns)
    .where(
      and(
        eq(signIns.meetingId, meetingId),
        or(eq(signIns.accountId, actor.accountId), invitationId ? eq(signIns.invitationId, invitationId) : sql`false`),
      ),
    )
    .limit(1);
  return row;
}

/** One row per invitation of the matter, with its sign-in at this meeting if any. */
export async function sheetRows(db: DbOrTx, meetingId: number, matterId: number) {
  return db
    .select({
      invitationId: invitations.id,
      reason: invitations.reason,
      reply: invitations.reply,
      residentId: invitations.residentId,
      accountId: invitations.accountId,
      name: sql<string>`coalesce(${residents.name}, (select name from ${organisations} o where o.id = ${invitations.organisationId}), ${invitations.outsideName}, '')`,
      method: signIns.method,
    })
    .from(invitations)
    .leftJoin(residents, eq(residents.id, invitations.residentId))
    .leftJoin(signIns, and(eq(signIns.meetingId, meetingId), eq(signIns.invitationId, invitations.id)))
    .where(eq(invitations.matterId, matterId))
    .orderBy(invitations.id);
}

/**
 * The people the minutes may name, with the role they show as: invitees, attendees' accounts, the
 * convenor, and the residents of the matter's place (invitees first: their roles win over initials).
 */
export async function knownPeople(db: DbOrTx, meetingId: number, matterId: number) {
  const result = await db.execute<{ name: string; role: string | null }>(sql`
    select r.name, case i.reason
        when 'council' then '议事会成员'
        when 'pool' then coalesce((select t from ${poolMembers} pm, unnest(pm.tags) t where pm.id = i.pool_member_id and t <> '党员' limit 1), '议事成员')
        else null end as role
      from ${invitations} i join ${residents} r on r.id = i.resident_id where i.matter_id = ${matterId}
    union all
    select a.display_name, case when a.resident_id is null then '工作人员' else null end
      from ${signIns} s join ${accounts} a on a.id = s.account_id where s.meeting_id = ${meetingId}
    union all
    select a.display_name, '工作人员' from ${meetings} m join ${accounts} a on a.id = m.created_by where m.id = ${meetingId}
    union all
    -- Neighbours the minutes may mention without being invited: the residents of the matter's place.
    (select r.name, null from ${matters} m join ${residents} r on ${inSubtree(sql`r.place_path`, sql`m.place_path`)}
      where m.id = ${matterId} limit 5000)`);
  return result.rows;
}

export async function amendmentsOf(db: DbOrTx, minutesId: number) {
  return db
    .select()
    .from(minuteAmendments)
    .where(eq(minuteAmendments.minutesId, minutesId))
    .orderBy(minuteAmendments.id);
}
