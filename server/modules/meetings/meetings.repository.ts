import { and, asc, eq, getTableColumns, or, sql } from 'drizzle-orm';
import type { Actor } from '../../../domain/access';
import type { DbOrTx } from '../../db/client';
import { invitations, meetings, organisations, residents, signIns, venueBookings } from '../../db/schema';
import { meetingLifecycle } from '../../../domain/meetings/lifecycles';

/** A meeting with the venue (议事阵地) it booked, if any. */
export type MeetingRow = typeof meetings.$inferSelect & { venueId: number | null };

const meetingColumns = {
  ...getTableColumns(meetings),
  // Qualified by hand: inside the subquery an interpolated column would render as a bare "id".
  venueId: sql<number | null>`(select b.venue_id from ${venueBookings} b where b.meeting_id = "meetings"."id")`,
};

export async function findMeeting(db: DbOrTx, id: number): Promise<MeetingRow | undefined> {
  const [row] = await db.select(meetingColumns).from(meetings).where(eq(meetings.id, id));
  return row;
}

export async function findMeetingForUpdate(db: DbOrTx, id: number) {
  const [row] = await db
    .select(meetingColumns)
    .from(meetings)
    .where(eq(meetings.id, id))
    .for('update', { of: meetings });
  return row;
}

/** A matter's meetings, earliest first. */
export async function meetingsOfMatter(db: DbOrTx, matterId: number) {
  return db
    .select(meetingColumns)
    .from(meetings)
    .where(eq(meetings.matterId, matterId))
    .orderBy(asc(meetings.startsAt));
}

/** Inserts a meeting; `venueId` is the venue the caller books for it in the same transaction. */
export async function insertMeeting(
  db: DbOrTx,
  values: typeof meetings.$inferInsert,
  venueId: number | null = null,
): Promise<MeetingRow> {
  const [row] = await db.insert(meetings).values(values).returning();
  return { ...row!, venueId };
}

/** Inserts a sign-in; false when the attendee already signed in (the unique index). */
export async function insertSignIn(db: DbOrTx, values: typeof signIns.$inferInsert): Promise<boolean> {
  const inserted = await db.insert(signIns).values(values).onConflictDoNothing().returning({ id: signIns.id });
  return inserted.length > 0;
}

/** A scheduled meeting becomes held; a closed one stays closed. */
export async function markMeetingHeld(db: DbOrTx, meetingId: number) {
  await db
    .update(meetings)
    .set({ status: 'held' })
    .where(and(eq(meetings.id, meetingId), eq(meetings.status, meetingLifecycle.state.scheduled)));
}

export async function markMeetingClosed(db: DbOrTx, meetingId: number): Promise<MeetingRow> {
  const [row] = await db.update(meetings).set({ status: 'closed' }).where(eq(meetings.id, meetingId)).returning();
  const [booking] = await db
    .select({ venueId: venueBookings.venueId })
    .from(venueBookings)
    .where(eq(venueBookings.meetingId, meetingId));
  return { ...row!, venueId: booking?.venueId ?? null };
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
