import { and, eq, sql } from 'drizzle-orm';
import { STAFF_LABEL } from '../../../domain/people/public-name';
import type { DbOrTx } from '../../db/client';
import {
  accounts,
  invitations,
  matters,
  meetings,
  minuteAmendments,
  minutes,
  poolMembers,
  residents,
  signIns,
} from '../../db/schema';
import { inSubtree } from '../../db/subtree';
import { amendmentLifecycle } from '../../../domain/meetings/lifecycles';

export type MinutesRow = typeof minutes.$inferSelect;
export type AmendmentRow = typeof minuteAmendments.$inferSelect;

/** The minutes with the matter of their meeting. */
export async function findMinutesWithMatter(db: DbOrTx, id: number) {
  const [row] = await db
    .select({ minutes, matterId: meetings.matterId })
    .from(minutes)
    .innerJoin(meetings, eq(meetings.id, minutes.meetingId))
    .where(eq(minutes.id, id));
  return row;
}

export async function findMinutes(db: DbOrTx, id: number) {
  const [row] = await db.select().from(minutes).where(eq(minutes.id, id));
  return row;
}

export async function findMinutesForUpdate(db: DbOrTx, id: number) {
  const [row] = await db.select().from(minutes).where(eq(minutes.id, id)).for('update');
  return row;
}

export async function findMinutesOfMeeting(db: DbOrTx, meetingId: number) {
  const [row] = await db.select().from(minutes).where(eq(minutes.meetingId, meetingId));
  return row;
}

export async function findMinutesOfMeetingForUpdate(db: DbOrTx, meetingId: number) {
  const [row] = await db.select().from(minutes).where(eq(minutes.meetingId, meetingId)).for('update');
  return row;
}

export async function insertMinutes(db: DbOrTx, values: typeof minutes.$inferInsert) {
  const [row] = await db.insert(minutes).values(values).returning();
  return row!;
}

export async function updateMinutesBody(db: DbOrTx, id: number, bodyFull: string) {
  const [row] = await db.update(minutes).set({ bodyFull }).where(eq(minutes.id, id)).returning();
  return row!;
}

export async function markMinutesAmending(db: DbOrTx, id: number, amendUntil: Date) {
  const [row] = await db.update(minutes).set({ status: 'amending', amendUntil }).where(eq(minutes.id, id)).returning();
  return row!;
}

export async function markMinutesPublished(db: DbOrTx, id: number, bodyPublished: string, publishedAt: Date) {
  const [row] = await db
    .update(minutes)
    .set({ status: 'published', bodyPublished, publishedAt })
    .where(eq(minutes.id, id))
    .returning();
  return row!;
}

export async function findAmendment(db: DbOrTx, id: number) {
  const [row] = await db.select().from(minuteAmendments).where(eq(minuteAmendments.id, id));
  return row;
}

export async function insertAmendment(db: DbOrTx, values: typeof minuteAmendments.$inferInsert) {
  const [row] = await db.insert(minuteAmendments).values(values).returning();
  return row!;
}

/** Answers a still-proposed amendment; undefined when it was answered already. */
export async function answerProposedAmendment(
  db: DbOrTx,
  id: number,
  answer: Pick<AmendmentRow, 'status' | 'answer' | 'answeredAt'>,
) {
  const [row] = await db
    .update(minuteAmendments)
    .set(answer)
    .where(and(eq(minuteAmendments.id, id), eq(minuteAmendments.status, amendmentLifecycle.state.proposed)))
    .returning();
  return row;
}

export async function amendmentsOf(db: DbOrTx, minutesId: number) {
  return db
    .select()
    .from(minuteAmendments)
    .where(eq(minuteAmendments.minutesId, minutesId))
    .orderBy(minuteAmendments.id);
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
    select a.display_name, case when a.resident_id is null then ${STAFF_LABEL}::text else null end
      from ${signIns} s join ${accounts} a on a.id = s.account_id where s.meeting_id = ${meetingId}
    union all
    select a.display_name, ${STAFF_LABEL}::text from ${meetings} m join ${accounts} a on a.id = m.created_by where m.id = ${meetingId}
    union all
    -- Neighbours the minutes may mention without being invited: the residents of the matter's place.
    (select r.name, null from ${matters} m join ${residents} r on ${inSubtree(sql`r.place_path`, sql`m.place_path`)}
      where m.id = ${matterId} limit 5000)`);
  return result.rows;
}
